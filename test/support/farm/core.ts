import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { FarmHandler, FarmReply, FarmRequest } from './http-kit';
import type { KeyCert } from './pki';
import { closedPort } from '../../../src/lib/ports';

/**
 * The farm's servers: plain HTTP and HTTPS listeners on loopback that route virtual hosts by
 * Host header and SNI, plus TCP listeners that reset every connection, and the statistics the
 * tests assert on (requests, concurrency and bytes per host).
 */

export type FarmAddress = { ip: string; httpPort: number; httpsPort: number };

export type FarmLogEntry = {
  at: number;
  host: string;
  scheme: 'http' | 'https';
  method: string;
  path: string;
  status: number;
  range: string | null;
  userAgent: string | null;
  origin: string | null;
  /** Body bytes the farm handed to the socket (less than the file when the client left early). */
  bodyBytes: number;
};

export type FarmStats = {
  /** HTTP requests per Host. */
  requests: Record<string, number>;
  /** Completed TLS handshakes per SNI name. */
  handshakes: Record<string, number>;
  /** Connections reset by a reset listener, per host it serves (or `reset:<ip>` when shared). */
  resets: Record<string, number>;
  /** Peak concurrent requests per host. */
  maxInFlight: Record<string, number>;
  /** Peak concurrently open connections per host, over all its ports (pinned handshakes included). */
  maxOpenConnections: Record<string, number>;
  /** Body bytes written per host. */
  bodyBytes: Record<string, number>;
  /** Per-request log (empty when logging is off). */
  log: FarmLogEntry[];
};

export type TlsListenerSpec = {
  /** Contexts by SNI name; `fallback` answers unknown or absent SNI. */
  certs: Map<string, KeyCert>;
  fallback: KeyCert;
  minVersion: tls.SecureVersion;
  maxVersion?: tls.SecureVersion;
  ciphers?: string;
  /**
   * Trust store of the listener's contexts. Given explicitly so that Node does not add the
   * chain's intermediate to the process-wide root store, where it would both complete the
   * `incomplete-chain` fixture's chain and make in-process clients trust it.
   */
  ca: string;
};

export type CoreOptions = { log: boolean };

function emptyStats(): FarmStats {
  return { requests: {}, handshakes: {}, resets: {}, maxInFlight: {}, maxOpenConnections: {}, bodyBytes: {}, log: [] };
}

const bump = (r: Record<string, number>, k: string, by = 1) => {
  r[k] = (r[k] ?? 0) + by;
};

export class FarmCore {
  private stats = emptyStats();
  private readonly handlers = new Map<string, FarmHandler>();
  private readonly servers: net.Server[] = [];
  private readonly sockets = new Set<net.Socket>();
  private readonly inFlight = new Map<string, number>();
  private readonly open = new Map<string, Set<net.Socket>>();
  private readonly tagged = new WeakMap<net.Socket, string>();

  constructor(private readonly opts: CoreOptions) {}

  route(host: string, handler: FarmHandler): void {
    this.handlers.set(host.toLowerCase(), handler);
  }

  snapshot(): FarmStats {
    return structuredClone(this.stats);
  }

  resetStats(): void {
    this.stats = emptyStats();
  }

  async listenHttp(ip: string): Promise<number> {
    const server = http.createServer({ keepAliveTimeout: 5000 }, (req, res) => this.serve('http', req, res));
    return this.listen(server, ip);
  }

  async listenHttps(ip: string, spec: TlsListenerSpec): Promise<number> {
    const base = {
      minVersion: spec.minVersion, maxVersion: spec.maxVersion ?? 'TLSv1.3', ca: spec.ca,
      ...(spec.ciphers ? { ciphers: spec.ciphers } : {}),
    };
    const contexts = new Map<string, tls.SecureContext>();
    for (const [name, kc] of spec.certs) contexts.set(name, tls.createSecureContext({ ...base, key: kc.key, cert: kc.certChain }));
    const server = https.createServer({
      ...base,
      key: spec.fallback.key,
      cert: spec.fallback.certChain,
      keepAliveTimeout: 5000,
      SNICallback: (name, cb) => cb(null, contexts.get(name.toLowerCase())),
    }, (req, res) => this.serve('https', req, res));
    server.on('secureConnection', (s: tls.TLSSocket) => {
      const name = typeof s.servername === 'string' ? s.servername.toLowerCase() : '';
      if (name) {
        bump(this.stats.handshakes, name);
        this.tag(s, name);
      }
    });
    server.on('tlsClientError', () => undefined); // failed pinned handshakes are expected
    return this.listen(server, ip);
  }

  /** A listener that resets every connection (RST, not FIN), attributed to `label`. */
  async listenReset(ip: string, label: string): Promise<number> {
    const server = net.createServer((s) => {
      bump(this.stats.resets, label);
      s.on('error', () => undefined);
      s.resetAndDestroy();
    });
    return this.listen(server, ip);
  }

  /** A port nothing listens on: connections are refused. */
  refusedPort(ip: string): Promise<number> {
    return closedPort(ip);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }

  private async listen(server: net.Server, ip: string): Promise<number> {
    server.on('connection', (s: net.Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => undefined);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, ip, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.servers.push(server);
    return (server.address() as net.AddressInfo).port;
  }

  /** Counts a connection as open for `host` from its first request (or handshake) until it closes. */
  private tag(s: net.Socket, host: string): void {
    if (this.tagged.has(s)) return;
    this.tagged.set(s, host);
    let set = this.open.get(host);
    if (!set) {
      set = new Set();
      this.open.set(host, set);
    }
    set.add(s);
    this.stats.maxOpenConnections[host] = Math.max(this.stats.maxOpenConnections[host] ?? 0, set.size);
    s.once('close', () => set.delete(s));
  }

  private serve(scheme: 'http' | 'https', req: IncomingMessage, res: ServerResponse): void {
    const host = String(req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const fr: FarmRequest = {
      scheme, host, method: req.method ?? 'GET',
      path: q < 0 ? url : url.slice(0, q), query: q < 0 ? '' : url.slice(q), headers: req.headers,
    };
    this.tag(req.socket, host);
    bump(this.stats.requests, host);
    const n = (this.inFlight.get(host) ?? 0) + 1;
    this.inFlight.set(host, n);
    this.stats.maxInFlight[host] = Math.max(this.stats.maxInFlight[host] ?? 0, n);

    let body = 0;
    const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const size = (c: unknown) => (typeof c === 'string' ? Buffer.byteLength(c) : c instanceof Uint8Array ? c.length : 0);
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      body += size(chunk);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((...args: unknown[]) => {
      if (typeof args[0] !== 'function') body += size(args[0]);
      return end(...args);
    }) as typeof res.end;

    res.once('close', () => {
      this.inFlight.set(host, (this.inFlight.get(host) ?? 1) - 1);
      bump(this.stats.bodyBytes, host, body);
      if (this.opts.log) {
        this.stats.log.push({
          at: Date.now(), host, scheme, method: fr.method, path: fr.path, status: res.statusCode,
          range: typeof req.headers.range === 'string' ? req.headers.range : null,
          userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
          origin: typeof req.headers.origin === 'string' ? req.headers.origin : null,
          bodyBytes: body,
        });
      }
    });

    const handler = this.handlers.get(host);
    const reply: FarmReply = handler
      ? handler(fr)
      : { status: 421, headers: { 'content-type': 'text/plain' }, body: `no such site: ${host}\n` };
    const send = () => {
      if (res.destroyed) return;
      if ('stream' in reply) {
        reply.stream(req, res);
        return;
      }
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? '');
    };
    if (reply.delayMs && reply.delayMs > 0) {
      const timer = setTimeout(send, reply.delayMs);
      res.once('close', () => clearTimeout(timer));
    } else {
      send();
    }
  }
}
