import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import {
  CORS_PROBE_ORIGIN, READ_CAPS, planProbes,
  type Capture, type Evidence, type Exchange, type NetErrorCode, type ProbeSpec, type ScanProfile, type TlsFacts,
  type TlsVersionProbes,
} from '../evidence';
import type { TlsConnectionFacts, TlsVersion } from './connector';
import { BudgetError, classifyError, describeError, fetchCapture, isNetworkError } from './fetch';
import { ScopeError } from './guard';
import { hashRequestLog, type RequestLogEntry, type RequestPurpose } from './request-log';
import { isTemporaryDnsError, pickAddress, type DnsAnswer } from './resolver';
import { BROWSER_UA, SCANNER_SUFFIX, SPIDER_UA, type RetrievalLimits, type Retriever } from './retriever';
import { walk } from './walk';

/**
 * retrieveSite: all network I/O of one task (spec §2.4). DNS → both home walks in parallel →
 * pinned handshakes and the random probe → the planned probes → the spider walk, inside the
 * site budget, under the worker's politeness limits, each request logged.
 */

/** Evidence as retrieval produces it; the caller adds baseline and history from the database. */
export type RetrievedEvidence = Omit<Evidence, 'baseline' | 'history'>;

export type SiteTarget = Evidence['target'];

export type RetrieveOptions = {
  /** Cancels the task (scan cancelled): in-flight requests abort and retrieveSite rejects. */
  signal?: AbortSignal;
  /** Probes of the enabled checks (default: every probe of the profile). */
  enabledChecks?: readonly { probes: readonly ProbeSpec[] }[];
  /** Site budget lowered by the authorisation. */
  budget?: Partial<Pick<RetrievalLimits, 'siteRequests' | 'siteBytes' | 'siteTimeMs'>>;
};

export type SiteRetrieval = {
  evidence: RetrievedEvidence;
  log: RequestLogEntry[];
  logSha256: string;
  /** Every origin tried was dropped after consecutive network errors. */
  hostDropped: boolean;
  /** Some requests were skipped because the site budget ran out. */
  budgetSpent: boolean;
  usage: { requests: number; bytes: number; ms: number };
};

/** Completes retrieved evidence with what the database knows. */
export function completeEvidence(ev: RetrievedEvidence, baseline: Evidence['baseline'], history: Evidence['history']): Evidence {
  return { ...ev, baseline, history };
}

const PIN_KEYS: Record<TlsVersion, keyof TlsVersionProbes> = {
  TLSv1: 'tls1_0', 'TLSv1.1': 'tls1_1', 'TLSv1.2': 'tls1_2', 'TLSv1.3': 'tls1_3',
};

const BASE_HEADERS = {
  'user-agent': `${BROWSER_UA} ${SCANNER_SUFFIX}`,
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
};

type RequestOpts = { purpose: RequestPurpose; maxBytes: number; headers?: Record<string, string> };

function emptyCapture(url: string, error: NetErrorCode): Capture {
  return { url, status: null, headers: {}, body: '', bodyBytes: 0, headHex: '', truncated: false, ip: null, timingMs: 0, error };
}

/** Per-task state: budget, origin error counts, the log. */
class SiteRun {
  requests = 0;
  bytes = 0;
  budgetSpent = false;
  readonly log: RequestLogEntry[] = [];
  private seq = 0;
  private readonly consecutive = new Map<string, number>();
  private readonly lastError = new Map<string, NetErrorCode>();
  readonly dropped = new Set<string>();
  readonly tried = new Set<string>();
  private readonly answered = new Set<string>();
  private hostAnswered = false;
  private readonly onAnswer = new Set<() => void>();
  readonly signal: AbortSignal;
  private readonly deadline: AbortController;
  private readonly timer: NodeJS.Timeout;
  readonly started = performance.now();

  constructor(
    private readonly r: Retriever,
    readonly host: string,
    readonly ip: string | null,
    readonly budget: Pick<RetrievalLimits, 'siteRequests' | 'siteBytes' | 'siteTimeMs'>,
    readonly external: AbortSignal | undefined,
  ) {
    this.deadline = new AbortController();
    this.timer = setTimeout(() => this.deadline.abort(new BudgetError('site time budget spent')), budget.siteTimeMs);
    this.signal = external ? AbortSignal.any([external, this.deadline.signal]) : this.deadline.signal;
    // Every in-flight request and queued admission listens on the task signal.
    setMaxListeners(0, this.signal);
  }

  finish(): void {
    clearTimeout(this.timer);
  }

  private throwIfCancelled(): void {
    if (this.external?.aborted) throw this.external.reason ?? new DOMException('aborted', 'AbortError');
  }

  /** Takes one request from the budget; false (and budgetSpent) when it is spent. */
  private spend(): boolean {
    if (this.requests >= this.budget.siteRequests || this.bytes >= this.budget.siteBytes || this.deadline.signal.aborted) {
      this.budgetSpent = true;
      return false;
    }
    this.requests++;
    return true;
  }

  private async admit(): Promise<(() => void) | null> {
    try {
      return await this.r.politeness.admit(this.host, this.ip, this.signal);
    } catch (err) {
      this.throwIfCancelled();
      if (this.deadline.signal.aborted) {
        this.budgetSpent = true;
        return null;
      }
      throw err;
    }
  }

  private delay(attempt: number): number {
    const d = this.r.limits.retryDelaysMs;
    const base = d[Math.min(attempt, d.length - 1)] ?? 1000;
    const j = this.r.limits.retryJitter;
    return Math.max(0, Math.round(base * (1 + j * (2 * this.r.random() - 1))));
  }

  private markAnswered(origin: string): void {
    this.consecutive.set(origin, 0);
    this.answered.add(origin);
    this.hostAnswered = true;
    for (const fn of this.onAnswer) fn();
  }

  /**
   * Waits before a retry. A refused port on an origin that never answered, while another
   * origin of the host did answer, is a closed port (http-only site), not an outage: the wait
   * ends as soon as the host answers, and the retry is skipped.
   */
  private async waitRetry(ms: number, origin: string, code: NetErrorCode): Promise<boolean> {
    const closedPortCase = code === 'refused' && !this.answered.has(origin);
    if (closedPortCase && this.hostAnswered) return false;
    if (!closedPortCase) {
      await this.r.sleep(ms, this.signal).catch(() => undefined);
      this.throwIfCancelled();
      return !this.deadline.signal.aborted;
    }
    const stop = new AbortController();
    const wake = () => stop.abort();
    this.onAnswer.add(wake);
    try {
      await this.r.sleep(ms, AbortSignal.any([this.signal, stop.signal])).catch(() => undefined);
    } finally {
      this.onAnswer.delete(wake);
    }
    this.throwIfCancelled();
    return !this.hostAnswered && !this.deadline.signal.aborted;
  }

  private entry(e: Omit<RequestLogEntry, 'seq'>, seq: number): void {
    this.log.push({ seq, ...e });
  }

  /** One GET with retries on network errors; never throws except on cancellation. */
  async get(url: URL, o: RequestOpts): Promise<Capture> {
    const origin = url.origin;
    const headers = { ...BASE_HEADERS, ...o.headers };
    let last: Capture | null = null;
    for (let attempt = 0; attempt <= this.r.limits.retries; attempt++) {
      if (this.dropped.has(origin)) return last ?? emptyCapture(url.href, this.lastError.get(origin) ?? 'other');
      if (!this.spend()) return last ?? emptyCapture(url.href, 'budget');
      const release = await this.admit();
      if (!release) return last ?? emptyCapture(url.href, 'budget');
      const seq = this.seq++;
      const at = this.r.now().toISOString();
      this.tried.add(origin);
      let res;
      try {
        res = await fetchCapture(this.r.pools, this.r.connector, {
          url, method: 'GET', headers, maxBytes: o.maxBytes,
          signal: AbortSignal.any([this.signal, AbortSignal.timeout(this.r.limits.hardTimeoutMs)]),
        });
      } finally {
        release();
      }
      this.throwIfCancelled();
      const cap = res.capture;
      this.bytes += cap.bodyBytes;
      this.entry({
        at, method: 'GET', url: url.href, ip: res.dialled?.ip ?? null, port: res.dialled?.port ?? null,
        headers: { host: url.host, ...headers }, status: cap.status, bytes: cap.bodyBytes, durationMs: cap.timingMs,
        tlsVersion: res.tlsVersion, error: cap.error ?? null, errorDetail: res.errorDetail, attempt: attempt + 1, purpose: o.purpose,
      }, seq);
      last = cap;
      if (!cap.error) {
        this.markAnswered(origin);
        return cap;
      }
      this.lastError.set(origin, cap.error);
      if (!isNetworkError(cap.error)) return cap;
      const n = (this.consecutive.get(origin) ?? 0) + 1;
      this.consecutive.set(origin, n);
      if (n >= this.r.limits.hostDropAfter) {
        this.dropped.add(origin);
        return cap;
      }
      if (attempt === this.r.limits.retries) return cap;
      if (!(await this.waitRetry(this.delay(attempt), origin, cap.error))) return cap;
    }
    return last ?? emptyCapture(url.href, 'other');
  }

  /** A pinned-version handshake; true/false = accepted or not, null = could not tell. */
  async pin(version: TlsVersion): Promise<boolean | null> {
    const url = `https://${this.host}/`;
    if (this.dropped.has(new URL(url).origin) || !this.spend()) return null;
    const release = await this.admit();
    if (!release) return null;
    const seq = this.seq++;
    const at = this.r.now().toISOString();
    const t0 = performance.now();
    let res;
    try {
      res = await this.r.connector.handshake(this.host, 443, version, this.signal);
    } catch (err) {
      if (!(err instanceof ScopeError)) throw err;
      res = { ok: false, protocol: null, cipher: null, ip: null, dialPort: null, error: err };
    } finally {
      release();
    }
    this.throwIfCancelled();
    const code = res.ok ? null : classifyError(res.error);
    this.entry({
      at, method: 'HANDSHAKE', url, ip: res.ip, port: res.dialPort, headers: { 'x-tls-version': version },
      status: null, bytes: 0, durationMs: Math.round(performance.now() - t0), tlsVersion: res.ok ? res.protocol : null,
      error: code, errorDetail: res.ok ? null : describeError(res.error), attempt: 1, purpose: 'tls_pin',
    }, seq);
    if (res.ok) return true;
    // A refusal by alert or reset answers the question; a timeout or refused port does not.
    return code === 'tls' || code === 'reset' ? false : null;
  }
}

function tlsFactsOf(conn: TlsConnectionFacts, versions: TlsVersionProbes): TlsFacts {
  return { ...conn, versions };
}

async function resolveWithRetry(r: Retriever, host: string, signal?: AbortSignal): Promise<DnsAnswer> {
  let answer = await r.connector.resolve(host);
  for (let i = 0; i < r.limits.retries && isTemporaryDnsError(answer.error); i++) {
    await r.sleep(r.limits.retryDelaysMs[i] ?? 1000, signal);
    answer = await r.connector.resolve(host);
  }
  return answer;
}

/** Retrieves one site: the evidence bundle (minus baseline and history) and its request log. */
export async function retrieveSite(
  target: SiteTarget,
  profile: ScanProfile,
  r: Retriever,
  options: RetrieveOptions = {},
): Promise<SiteRetrieval> {
  const host = target.host.toLowerCase();
  const scannedAt = r.now().toISOString();
  const dns = await resolveWithRetry(r, host, options.signal);
  const ip = pickAddress(dns);
  const budget = {
    siteRequests: Math.min(r.limits.siteRequests, options.budget?.siteRequests ?? Infinity),
    siteBytes: Math.min(r.limits.siteBytes, options.budget?.siteBytes ?? Infinity),
    siteTimeMs: Math.min(r.limits.siteTimeMs, options.budget?.siteTimeMs ?? Infinity),
  };
  const run = new SiteRun(r, host, ip, budget, options.signal);
  const evidence: RetrievedEvidence = {
    scannedAt, target, dns, http: null, https: null, tls: null, probes: {}, randomProbe: null, spider: null,
  };
  const allowed = new Set([host, ...target.registered.hostnames.map((h) => h.toLowerCase())]);
  const leaveScope = r.connector.enterScope([...allowed]);
  // The https walk's first connection: its chain is read while the socket is open.
  const seen: { tls: TlsConnectionFacts | null } = { tls: null };
  const unobserve = r.connector.observe(host, (info) => {
    if (!seen.tls && info.port === 443 && info.tls) seen.tls = { ...info.tls, chain: info.chain() };
  });

  try {
    if (!ip) return finish();

    const walkFrom = (start: string, purpose: RequestPurpose, headers?: Record<string, string>): Promise<Exchange> =>
      walk(new URL(start), allowed, (url) => run.get(url, { purpose, maxBytes: READ_CAPS.home, headers }));
    const [http, https] = await Promise.all([
      walkFrom(`http://${host}/`, 'http_walk'),
      walkFrom(`https://${host}/`, 'https_walk', { origin: CORS_PROBE_ORIGIN }),
    ]);
    evidence.http = http;
    evidence.https = https;
    // Free the walks' idle sockets: the pinned handshakes need connection slots of the host.
    for (const h of allowed) r.pools.closeIdle(h);

    const conn = seen.tls;
    const base = https.final.status !== null ? new URL(https.final.url).origin
      : http.final.status !== null ? new URL(http.final.url).origin : null;

    const versions: TlsVersionProbes = { tls1_0: null, tls1_1: null, tls1_2: null, tls1_3: null };
    const pins: TlsVersion[] = !conn || profile === 'http' ? []
      : profile === 'standard' ? ['TLSv1', 'TLSv1.1'] : ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
    if (conn) {
      const negotiated = PIN_KEYS[conn.protocol as TlsVersion];
      if (negotiated) versions[negotiated] = true;
    }
    // Before the probes: the handshakes need connection slots, which the probes' keep-alive
    // sockets would hold until they idle out.
    await Promise.all(pins.map(async (v) => {
      versions[PIN_KEYS[v]] = await run.pin(v);
    }));

    if (base) {
      const randomPath = `/${randomBytes(8).toString('hex')}.html`;
      evidence.randomProbe = randomPath;
      evidence.probes[randomPath] = await run.get(new URL(randomPath, base), { purpose: 'random_probe', maxBytes: READ_CAPS.probe });
      const planned = planProbes(profile, host, options.enabledChecks).filter((p) => p.path !== randomPath);
      const caps = await Promise.all(planned.map((p) => run.get(new URL(p.path, base), {
        purpose: 'probe',
        maxBytes: p.maxBytes,
        headers: p.range ? { range: `bytes=0-${p.maxBytes - 1}` } : undefined,
      })));
      planned.forEach((p, i) => {
        const cap = caps[i];
        if (cap) evidence.probes[p.path] = cap;
      });
      if (profile !== 'http') {
        evidence.spider = await walkFrom(`${base}/`, 'spider_walk', {
          'user-agent': `${SPIDER_UA} ${SCANNER_SUFFIX}`,
          referer: `https://www.baidu.com/s?wd=${encodeURIComponent(host)}`,
        });
      }
    }
    if (conn) evidence.tls = tlsFactsOf(conn, versions);
    return finish();
  } finally {
    unobserve();
    leaveScope();
    run.finish();
    for (const h of allowed) {
      r.pools.closeHost(h);
      r.connector.forget(h);
    }
  }

  function finish(): SiteRetrieval {
    const log = [...run.log].sort((a, b) => a.seq - b.seq);
    const hostDropped = run.tried.size > 0 && [...run.tried].every((o) => run.dropped.has(o));
    return {
      evidence, log, logSha256: hashRequestLog(log), hostDropped, budgetSpent: run.budgetSpent,
      usage: { requests: run.requests, bytes: run.bytes, ms: Math.round(performance.now() - run.started) },
    };
  }
}
