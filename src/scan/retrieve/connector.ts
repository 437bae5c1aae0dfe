import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import type { buildConnector } from 'undici';
import type { CertFacts } from '../evidence';
import { certFacts, peerChain } from './cert-facts';
import { assertAddressAllowed, ScopeError, type NetworkMode } from './guard';
import { identityPorts, pickAddress, type DnsAnswer, type HostResolver, type PortMap } from './resolver';

/**
 * The one module that opens sockets (spec §2.4): undici's connections and the pinned-version
 * handshakes both come through here. For each it checks the host against the active scans'
 * scopes, resolves, runs the network guard on the address BEFORE connect(), caps open
 * connections per host, and records the TLS facts of the connection.
 */

/** What a handshake negotiated and Node's verdict on the chain. */
export type TlsHandshakeFacts = {
  protocol: string;
  cipher: string;
  authorized: boolean;
  authorizationError: string | null;
};

export type TlsConnectionFacts = TlsHandshakeFacts & { chain: CertFacts[] };

export type ConnectionInfo = {
  host: string;
  /** The port the URL named (80, 443). */
  port: number;
  ip: string;
  /** The port actually dialled (differs from `port` only under a test port map). */
  dialPort: number;
  tls: TlsHandshakeFacts | null;
  /**
   * The certificates as sent, leaf first ([] for plain connections). Parsing them is the
   * costly part, so it happens on demand; call it synchronously in an observer, while the
   * socket is certainly open.
   */
  chain: () => CertFacts[];
};

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export type HandshakeResult = {
  ok: boolean;
  protocol: string | null;
  cipher: string | null;
  ip: string | null;
  dialPort: number | null;
  error: unknown;
};

export type ConnectorOptions = {
  mode: NetworkMode;
  resolver: HostResolver;
  ports?: PortMap;
  /** Roots trusted besides Node's Mozilla bundle (PEM). */
  extraCaPem?: readonly string[];
  connectTimeoutMs?: number;
  /** Open connections per host over all its ports (spec §5.1: 2). */
  connectionsPerHost?: number;
  /** Refuse hosts no active scope allows (default true). */
  enforceScope?: boolean;
};

type OpenRequest = {
  host: string;
  port: number;
  secure: boolean;
  pin?: TlsVersion;
  signal?: AbortSignal;
};

/** Max wait for a per-host connection slot before giving up (the slot holder is stuck). */
const SLOT_WAIT_MS = 30_000;

function timeoutError(message: string): Error {
  return Object.assign(new Error(message), { code: 'UND_ERR_CONNECT_TIMEOUT' });
}

export class Connector {
  private readonly ports: PortMap;
  private readonly connectTimeoutMs: number;
  private readonly perHost: number;
  private readonly scopes = new Map<string, number>();
  private readonly slots = new Map<string, { open: number; waiters: (() => void)[] }>();
  private readonly observers = new Map<string, Set<(info: ConnectionInfo) => void>>();
  private readonly last = new Map<string, ConnectionInfo>();
  private readonly attempts = new Map<string, { ip: string; dialPort: number }>();
  private readonly contexts = new Map<string, tls.SecureContext>();
  private anchorSet: Set<string> | undefined;
  /** Called when a connect waits for a slot: the owner closes idle pools of the host. */
  onPressure: ((host: string) => void) | undefined;

  constructor(private readonly opts: ConnectorOptions) {
    this.ports = opts.ports ?? identityPorts;
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 5000;
    this.perHost = opts.connectionsPerHost ?? 2;
  }

  /** Resolution through the connector's resolver (cached in production). */
  resolve(host: string): Promise<DnsAnswer> {
    return this.opts.resolver.resolve(host.toLowerCase());
  }

  /** Allows connections to `hosts` until the returned function is called (ref-counted). */
  enterScope(hosts: readonly string[]): () => void {
    const keys = [...new Set(hosts.map((h) => h.toLowerCase()))];
    for (const k of keys) this.scopes.set(k, (this.scopes.get(k) ?? 0) + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      for (const k of keys) {
        const n = (this.scopes.get(k) ?? 1) - 1;
        if (n <= 0) this.scopes.delete(k);
        else this.scopes.set(k, n);
      }
    };
  }

  /** Calls `fn` for each new connection to `host` until the returned function is called. */
  observe(host: string, fn: (info: ConnectionInfo) => void): () => void {
    const key = host.toLowerCase();
    let set = this.observers.get(key);
    if (!set) {
      set = new Set();
      this.observers.set(key, set);
    }
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.observers.delete(key);
    };
  }

  /** The latest connection made to host:port (a reused keep-alive socket makes none). */
  lastConnection(host: string, port: number): ConnectionInfo | undefined {
    return this.last.get(`${host.toLowerCase()}:${port}`);
  }

  /** The address last dialled for host:port, whether or not it answered. */
  lastAttempt(host: string, port: number): { ip: string; dialPort: number } | undefined {
    return this.attempts.get(`${host.toLowerCase()}:${port}`);
  }

  /** Forgets per-host state once a task is done with the host. */
  forget(host: string): void {
    const h = host.toLowerCase();
    for (const port of [80, 443]) {
      this.last.delete(`${h}:${port}`);
      this.attempts.delete(`${h}:${port}`);
    }
  }

  /** undici's `connect` hook. */
  readonly connect: buildConnector.connector = (o, cb) => {
    const secure = o.protocol === 'https:';
    const port = Number(o.port) || (secure ? 443 : 80);
    this.open({ host: o.hostname, port, secure }).then(
      ({ socket }) => cb(null, socket),
      (err: unknown) => cb(err instanceof Error ? err : new Error(String(err)), null),
    );
  };

  /** A TLS handshake pinned to exactly `version`, then closed: does the server accept it? */
  async handshake(host: string, port: number, version: TlsVersion, signal?: AbortSignal): Promise<HandshakeResult> {
    try {
      const { socket, info } = await this.open({ host, port, secure: true, pin: version, signal });
      socket.destroy();
      return { ok: true, protocol: info.tls?.protocol ?? null, cipher: info.tls?.cipher ?? null, ip: info.ip, dialPort: info.dialPort, error: null };
    } catch (error) {
      if (error instanceof ScopeError) throw error;
      const a = this.lastAttempt(host, port);
      return { ok: false, protocol: null, cipher: null, ip: a?.ip ?? null, dialPort: a?.dialPort ?? null, error };
    }
  }

  /** Resolve → scope and network guard → slot → connect (→ TLS). */
  async open(req: OpenRequest): Promise<{ socket: net.Socket; info: ConnectionInfo }> {
    const host = req.host.toLowerCase();
    if (this.opts.enforceScope !== false && !this.scopes.has(host)) {
      throw new ScopeError(`host ${host} is outside every active scan scope`, host);
    }
    const answer = await this.opts.resolver.resolve(host);
    const ip = pickAddress(answer);
    if (!ip) {
      throw Object.assign(new Error(`cannot resolve ${host}: ${answer.error ?? 'no address'}`), {
        code: 'ENOTFOUND', dnsError: answer.error ?? 'no_address',
      });
    }
    assertAddressAllowed(ip, this.opts.mode);
    const dialPort = this.ports(host, req.port);
    this.attempts.set(`${host}:${req.port}`, { ip, dialPort });

    const release = await this.takeSlot(host, req.signal);
    let socket: net.Socket;
    try {
      socket = await this.dial(host, ip, dialPort, req);
    } catch (err) {
      release();
      throw err;
    }
    socket.once('close', release);
    const info: ConnectionInfo = { host, port: req.port, ip, dialPort, tls: null, chain: () => [] };
    if (socket instanceof tls.TLSSocket) {
      info.tls = this.handshakeFacts(socket);
      let memo: CertFacts[] | undefined;
      const tlsSocket = socket;
      info.chain = () => (memo ??= this.chainFacts(tlsSocket));
    }
    if (!req.pin) this.last.set(`${host}:${req.port}`, info);
    for (const fn of this.observers.get(host) ?? []) fn(info);
    return { socket, info };
  }

  private dial(host: string, ip: string, port: number, req: OpenRequest): Promise<net.Socket> {
    return new Promise<net.Socket>((resolve, reject) => {
      const socket: net.Socket = req.secure
        ? tls.connect({
          host: ip, port, secureContext: this.context(req.pin), rejectUnauthorized: false,
          ...(net.isIP(host) ? {} : { servername: host }),
          ...(req.pin ? {} : { ALPNProtocols: ['http/1.1'] }),
        })
        : net.connect({ host: ip, port });
      const ready = req.secure ? 'secureConnect' : 'connect';
      const fail = (err: unknown) => {
        cleanup();
        socket.destroy();
        reject(err);
      };
      const onAbort = () => fail(req.signal?.reason ?? new DOMException('aborted', 'AbortError'));
      const timer = setTimeout(() => fail(timeoutError(`connect to ${host} (${ip}:${port}) timed out`)), this.connectTimeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        socket.off('error', fail);
        socket.off(ready, onReady);
        req.signal?.removeEventListener('abort', onAbort);
      };
      const onReady = () => {
        cleanup();
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 30_000);
        resolve(socket);
      };
      socket.once('error', fail);
      socket.once(ready, onReady);
      req.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private async takeSlot(host: string, signal?: AbortSignal): Promise<() => void> {
    let s = this.slots.get(host);
    if (!s) {
      s = { open: 0, waiters: [] };
      this.slots.set(host, s);
    }
    const slot = s;
    if (slot.open >= this.perHost) {
      this.onPressure?.(host);
      await new Promise<void>((resolve, reject) => {
        const wake = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        const drop = (err: unknown) => {
          const i = slot.waiters.indexOf(wake);
          if (i >= 0) slot.waiters.splice(i, 1);
          clearTimeout(timer);
          reject(err);
        };
        const onAbort = () => drop(signal?.reason ?? new DOMException('aborted', 'AbortError'));
        const timer = setTimeout(() => drop(timeoutError(`no connection slot for ${host}`)), SLOT_WAIT_MS);
        slot.waiters.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      // handed over by the releasing connection: `open` unchanged
    } else {
      slot.open++;
    }
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = slot.waiters.shift();
      if (next) {
        next();
        return;
      }
      slot.open--;
      if (slot.open === 0) this.slots.delete(host);
    };
  }

  /** Peak-free count of open connections to `host` (for tests and diagnostics). */
  openConnections(host: string): number {
    return this.slots.get(host.toLowerCase())?.open ?? 0;
  }

  private context(pin?: TlsVersion): tls.SecureContext {
    const key = pin ?? 'any';
    let ctx = this.contexts.get(key);
    if (!ctx) {
      // Accept every version and weak suite on purpose: an old protocol or a bad certificate
      // is a finding to record, not a reason to lose the page.
      // Pinned handshakes only ask whether a version is accepted, so they skip the (costly)
      // trust store.
      ctx = tls.createSecureContext({
        ...(pin ? {} : { ca: [...tls.rootCertificates, ...(this.opts.extraCaPem ?? [])] }),
        minVersion: pin ?? 'TLSv1',
        maxVersion: pin ?? 'TLSv1.3',
        ciphers: 'DEFAULT@SECLEVEL=0',
      });
      this.contexts.set(key, ctx);
    }
    return ctx;
  }

  private anchors(): Set<string> {
    this.anchorSet ??= new Set([...tls.rootCertificates, ...(this.opts.extraCaPem ?? [])].flatMap((pem) => {
      try {
        return [new X509Certificate(pem).fingerprint256];
      } catch {
        return [];
      }
    }));
    return this.anchorSet;
  }

  private chainFacts(socket: tls.TLSSocket): CertFacts[] {
    const peer = socket.getPeerCertificate(true);
    return peer && 'raw' in peer && peer.raw
      ? peerChain(peer, this.anchors()).map((c) => certFacts(c.raw, c.bits))
      : [];
  }

  private handshakeFacts(socket: tls.TLSSocket): TlsHandshakeFacts {
    const err = socket.authorizationError as unknown;
    return {
      protocol: socket.getProtocol() ?? 'unknown',
      cipher: socket.getCipher()?.name ?? 'unknown',
      authorized: socket.authorized,
      authorizationError: socket.authorized ? null : err instanceof Error ? ((err as { code?: string }).code ?? err.message) : typeof err === 'string' ? err : null,
    };
  }
}
