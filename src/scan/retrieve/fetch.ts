import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { TextDecoder } from 'node:util';
import zlib from 'node:zlib';
import type { Capture, CaptureHeaders, NetErrorCode } from '../evidence';
import type { Connector } from './connector';
import type { OriginPools } from './dispatcher';
import { ScopeError } from './guard';

/** One HTTP request → one Capture: bounded read, decompression, charset decoding, error codes. */

export type FetchRequest = {
  url: URL;
  method: 'GET' | 'HEAD';
  headers: Record<string, string>;
  /** Read cap in bytes (decompressed); the stream is cut beyond it. */
  maxBytes: number;
  signal: AbortSignal;
};

export type FetchResult = {
  capture: Capture;
  /** Negotiated TLS version of the connection, for the request log. */
  tlsVersion: string | null;
  /** Address dialled (ip, real port), also on failure when a connect was attempted. */
  dialled: { ip: string; port: number } | null;
  /** Error text for the log (also set for a body cut by an error after the headers). */
  errorDetail: string | null;
};

/** Thrown as an abort reason when the site budget (time) runs out mid-request. */
export class BudgetError extends Error {
  readonly code = 'ERR_SCAN_BUDGET';
  constructor(message = 'site budget spent') {
    super(message);
    this.name = 'BudgetError';
  }
}

function codeOf(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown; cause?: unknown } | null;
  if (e && typeof e.code === 'string') return e.code;
  if (e && typeof e.name === 'string' && e.name !== 'Error') return e.name;
  if (e?.cause) return codeOf(e.cause);
  return '';
}

/** Maps a Node/undici error to the evidence's closed error codes. */
export function classifyError(err: unknown): NetErrorCode {
  if (err instanceof ScopeError) return 'scope';
  if (err instanceof BudgetError) return 'budget';
  const code = codeOf(err);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'ECONNREFUSED') return 'refused';
  if (['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'TimeoutError'].includes(code)) return 'timeout';
  if (['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(code)) return 'reset';
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO') return 'tls';
  return 'other';
}

export function describeError(err: unknown): string {
  const code = codeOf(err);
  const msg = err instanceof Error ? err.message : String(err);
  return code ? `${code}: ${msg}` : msg;
}

/** Network errors (worth a retry; they count toward dropping the host). */
export function isNetworkError(code: NetErrorCode | undefined): boolean {
  return code === 'refused' || code === 'timeout' || code === 'reset' || code === 'dns';
}

function flattenHeaders(h: IncomingHttpHeaders): CaptureHeaders {
  const out: CaptureHeaders = {};
  for (const [rawName, v] of Object.entries(h)) {
    if (v === undefined) continue;
    const name = rawName.toLowerCase();
    if (name === 'set-cookie') out[name] = Array.isArray(v) ? v : [v];
    else out[name] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function single(h: CaptureHeaders, name: string): string {
  const v = h[name];
  return (Array.isArray(v) ? v.join(', ') : v ?? '').trim();
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label, { fatal: false });
  } catch {
    return null;
  }
}

/** Charset from the header, then a <meta> in the first 2 KB, then a BOM; else UTF-8. */
export function decodeBody(raw: Buffer, contentType: string): string {
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1];
  let label = fromHeader;
  if (!label) {
    const head = raw.subarray(0, 2048).toString('latin1');
    label = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  }
  if (!label && raw[0] === 0xfe && raw[1] === 0xff) label = 'utf-16be';
  if (!label && raw[0] === 0xff && raw[1] === 0xfe) label = 'utf-16le';
  const dec = (label && decoderFor(label.toLowerCase() === 'gb2312' ? 'gbk' : label)) || new TextDecoder('utf-8');
  return dec.decode(raw);
}

function decompressor(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  switch (encoding.toLowerCase()) {
    case 'gzip':
    case 'x-gzip': return zlib.createGunzip();
    case 'deflate': return zlib.createInflate();
    case 'br': return zlib.createBrotliDecompress();
    default: return null;
  }
}

type BodyRead = { data: Buffer; truncated: boolean; error: unknown };

/** Reads at most `max` bytes; cuts the stream (and so the connection) when there is more. */
async function readCapped(body: Readable, encoding: string, max: number): Promise<BodyRead> {
  const z = decompressor(encoding);
  const source: Readable = z ? body.pipe(z) : body;
  if (z) body.once('error', (e) => z.destroy(e));
  const chunks: Buffer[] = [];
  let total = 0;
  let truncated = false;
  let error: unknown = null;
  try {
    for await (const chunk of source) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      if (total + buf.length > max) {
        chunks.push(buf.subarray(0, max - total));
        total = max;
        truncated = true;
        break;
      }
      chunks.push(buf);
      total += buf.length;
    }
  } catch (err) {
    error = err;
    truncated = true;
  } finally {
    if (truncated || error) {
      body.destroy();
      z?.destroy();
    }
  }
  return { data: Buffer.concat(chunks, total), truncated, error };
}

export async function fetchCapture(pools: OriginPools, connector: Connector, req: FetchRequest): Promise<FetchResult> {
  const started = performance.now();
  const host = req.url.hostname.toLowerCase();
  const port = Number(req.url.port) || (req.url.protocol === 'https:' ? 443 : 80);
  const base: Omit<Capture, 'status' | 'timingMs'> = {
    url: req.url.href, headers: {}, body: '', bodyBytes: 0, headHex: '', truncated: false, ip: null,
  };
  const conn = () => connector.lastConnection(host, port);
  const dialled = () => {
    const a = connector.lastAttempt(host, port);
    return a ? { ip: a.ip, port: a.dialPort } : null;
  };
  const lease = pools.lease(req.url.origin, host);
  try {
    const res = await lease.pool.request({
      path: `${req.url.pathname}${req.url.search}`,
      method: req.method,
      headers: req.headers,
      signal: req.signal,
    });
    const headers = flattenHeaders(res.headers);
    const read = req.method === 'HEAD'
      ? { data: Buffer.alloc(0), truncated: false, error: null }
      : await readCapped(res.body, single(headers, 'content-encoding'), req.maxBytes);
    if (req.method === 'HEAD') await res.body.dump().catch(() => undefined);
    // undici marks the connection free a tick after the body ends; a request dispatched
    // sooner opens a second connection, which can wait for a slot of the per-host cap.
    await tick();
    const c = conn();
    return {
      capture: {
        ...base,
        status: res.statusCode,
        headers,
        body: decodeBody(read.data, single(headers, 'content-type')),
        bodyBytes: read.data.length,
        headHex: read.data.subarray(0, 64).toString('hex'),
        truncated: read.truncated,
        ip: c?.ip ?? null,
        timingMs: Math.round(performance.now() - started),
      },
      tlsVersion: c?.tls?.protocol ?? null,
      dialled: dialled(),
      errorDetail: read.error ? describeError(read.error) : null,
    };
  } catch (err) {
    const reason = req.signal.aborted ? req.signal.reason ?? err : err;
    return {
      capture: { ...base, status: null, timingMs: Math.round(performance.now() - started), error: classifyError(reason) },
      tlsVersion: null,
      dialled: dialled(),
      errorDetail: describeError(reason),
    };
  } finally {
    lease.done();
  }
}
