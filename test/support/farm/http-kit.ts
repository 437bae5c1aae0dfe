import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** What a virtual host sees of a request. */
export type FarmRequest = {
  scheme: 'http' | 'https';
  /** Host header without the port, lower case. */
  host: string;
  method: string;
  /** Path without the query string. */
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
};

export type FarmHeaders = Record<string, string | string[]>;

/**
 * A virtual host's answer: a plain response, or a stream writer for bodies too large to hold
 * (it must end the response and stop when the client goes away).
 */
export type FarmReply =
  | { status: number; headers?: FarmHeaders; body?: string | Buffer; delayMs?: number }
  | { stream: (req: IncomingMessage, res: ServerResponse) => void; delayMs?: number };

export type FarmHandler = (req: FarmRequest) => FarmReply;

export function html(status: number, body: string, headers: FarmHeaders = {}): FarmReply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

export function text(status: number, body: string, headers: FarmHeaders = {}): FarmReply {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body };
}

export function redirect(status: 301 | 302 | 307 | 308, location: string, headers: FarmHeaders = {}): FarmReply {
  return { status, headers: { location, 'content-type': 'text/html; charset=utf-8', ...headers }, body: `<a href="${location}">moved</a>` };
}

/**
 * Serves a binary file honouring a single `Range: bytes=a-b` (206 + Content-Range), as most
 * web servers do; without Range (or with `ignoreRange`) the whole file is sent.
 */
export function rangedFile(req: FarmRequest, data: Buffer, contentType: string, ignoreRange = false): FarmReply {
  const range = req.headers.range;
  const m = typeof range === 'string' ? /^bytes=(\d+)-(\d*)$/.exec(range.trim()) : null;
  if (!m || ignoreRange) {
    return { status: 200, headers: { 'content-type': contentType, 'accept-ranges': 'bytes' }, body: data };
  }
  const start = Number(m[1]);
  const end = Math.min(m[2] ? Number(m[2]) : data.length - 1, data.length - 1);
  if (start > end) {
    return { status: 416, headers: { 'content-range': `bytes */${data.length}` }, body: '' };
  }
  return {
    status: 206,
    headers: { 'content-type': contentType, 'accept-ranges': 'bytes', 'content-range': `bytes ${start}-${end}/${data.length}` },
    body: data.subarray(start, end + 1),
  };
}

/** Streams `total` bytes of HTML-looking filler with back-pressure; stops when the client leaves. */
export function streamFiller(total: number, head = '<!doctype html><html><head><meta charset="utf-8"><title>大文件</title></head><body>'): FarmReply {
  return {
    stream: (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(total) });
      const chunk = Buffer.from(`<p>${'示例内容填充 filler text '.repeat(2000)}</p>\n`);
      let sent = 0;
      let closed = false;
      res.on('close', () => {
        closed = true;
      });
      const pump = (): void => {
        while (!closed && sent < total) {
          const first = sent === 0 ? Buffer.from(head) : null;
          const piece = first ?? chunk;
          const n = Math.min(piece.length, total - sent);
          sent += n;
          const ok = res.write(n === piece.length ? piece : piece.subarray(0, n));
          if (!ok) {
            res.once('drain', pump);
            return;
          }
        }
        if (!closed) res.end();
      };
      pump();
    },
  };
}
