// The one way the UI talks to the server: JSON over fetch, the session cookie, the CSRF header
// on every non-GET, and errors as ApiError carrying the server's code and field issues.
import type { AppErrorCode } from '../../../src/domain/errors';

export type ErrorCode = AppErrorCode | 'INTERNAL' | 'NETWORK';
export type FieldIssue = { path: string; message: string };
/** The standard list envelope of every paginated endpoint. */
export type Page<T> = { items: T[]; total: number; limit: number; offset: number };
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field problems: `details.fields[{path,message}]` (validation) or a single `details.field` (conflict, rule). */
  get fields(): FieldIssue[] {
    const out: FieldIssue[] = [];
    const list = this.details.fields;
    if (Array.isArray(list)) {
      for (const f of list) {
        if (f && typeof f === 'object' && typeof (f as FieldIssue).path === 'string') {
          out.push({ path: (f as FieldIssue).path, message: String((f as FieldIssue).message ?? '') });
        }
      }
    }
    if (typeof this.details.field === 'string') out.push({ path: this.details.field, message: '' });
    return out;
  }
}

export function isApiError(err: unknown, code?: ErrorCode): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

const CSRF_HEADER = 'x-csrf-token';
let csrfToken: string | null = null;

/** Set from the login, second-factor and session responses. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let onUnauthenticated: () => void = () => {
  const next = `${location.pathname}${location.search}`;
  location.assign(`/login?next=${encodeURIComponent(next)}`);
};

/** The app installs a router-aware handler; the default reloads to the login page. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export function withQuery(url: string, query?: Query): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}${url.includes('?') ? '&' : '?'}${qs}` : url;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type RequestOptions = {
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Auth endpoints handle 401 themselves instead of bouncing to the login page. */
  noAuthRedirect?: boolean;
};

async function send(method: Method, url: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(url, opts.query), { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'network error');
  }
  if (!res.ok) throw await toApiError(res, url, opts);
  return res;
}

// These answer 401 as part of signing in; the login page shows their errors itself.
const authFlow = ['/api/auth/login', '/api/auth/totp', '/api/auth/session'];

async function toApiError(res: Response, url: string, opts: RequestOptions): Promise<ApiError> {
  let payload: { code?: string; message?: string; details?: Record<string, unknown> } = {};
  try {
    payload = (await res.json()) as typeof payload;
  } catch {
    // not JSON (a proxy page): keep the status only
  }
  const code = (payload.code ?? (res.status === 401 ? 'UNAUTHENTICATED' : 'INTERNAL')) as ErrorCode;
  const err = new ApiError(res.status, code, payload.message ?? res.statusText, payload.details ?? {});
  if (res.status === 401 && !opts.noAuthRedirect && !authFlow.includes(url.split('?')[0] ?? '')) onUnauthenticated();
  return err;
}

export async function request<T>(method: Method, url: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, url, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Downloads a file response (XLSX, PDF…) and returns it with the server's file name. */
export async function requestBlob(method: Method, url: string, opts: RequestOptions = {}): Promise<{ blob: Blob; filename: string | null; headers: Headers }> {
  const res = await send(method, url, opts);
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const filename = star?.[1] ? decodeURIComponent(star[1]) : (plain?.[1] ?? null);
  return { blob: await res.blob(), filename, headers: res.headers };
}

/** Saves a Blob through a temporary link (works for downloads behind the session cookie). */
export function saveBlob(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export const api = {
  get: <T>(url: string, query?: Query, signal?: AbortSignal) => request<T>('GET', url, { query, signal }),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, { body }),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, { body }),
  patch: <T>(url: string, body?: unknown) => request<T>('PATCH', url, { body }),
  delete: <T>(url: string, body?: unknown) => request<T>('DELETE', url, { body }),
};
