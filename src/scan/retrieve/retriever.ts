import { Connector } from './connector';
import { OriginPools } from './dispatcher';
import type { NetworkMode } from './guard';
import { Politeness, sleep as realSleep } from './limiter';
import type { HostResolver, PortMap } from './resolver';

/** Worker-level retrieval state: one connector, one dispatcher, one set of limiters. */

export type RetrievalLimits = {
  /** Requests a second for this worker (its share of the scan's rate); Infinity lifts it. */
  globalRatePerSec: number;
  perHostConcurrency: number;
  perHostRatePerSec: number;
  perIpConcurrency: number;
  perIpRatePerSec: number;
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Whole request, from admission to the end of the body. */
  hardTimeoutMs: number;
  keepAliveTimeoutMs: number;
  keepAliveMaxTimeoutMs: number;
  connectionsPerOrigin: number;
  /** Open connections per host over all its origins and handshakes. */
  connectionsPerHost: number;
  /** Site budget: requests (retries and handshakes included), body bytes, wall time. */
  siteRequests: number;
  siteBytes: number;
  siteTimeMs: number;
  /** Retries after a network error, and their base delays (± jitter). */
  retries: number;
  retryDelaysMs: readonly number[];
  retryJitter: number;
  /** Consecutive network errors after which an origin of the host is dropped. */
  hostDropAfter: number;
};

/** Production defaults (spec §5.1). An authorisation may lower them, never raise them. */
export const DEFAULT_LIMITS: RetrievalLimits = {
  globalRatePerSec: 150,
  perHostConcurrency: 2,
  perHostRatePerSec: 5,
  perIpConcurrency: 4,
  perIpRatePerSec: 10,
  connectTimeoutMs: 5000,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  hardTimeoutMs: 15_000,
  keepAliveTimeoutMs: 4000,
  keepAliveMaxTimeoutMs: 10_000,
  connectionsPerOrigin: 2,
  connectionsPerHost: 2,
  siteRequests: 60,
  siteBytes: 8 * 1024 * 1024,
  siteTimeMs: 90_000,
  retries: 2,
  retryDelaysMs: [1000, 4000],
  retryJitter: 0.3,
  hostDropAfter: 3,
};

/** Keys an authorisation may lower, and only lower: each is min(default, requested). */
export function lowerLimits(base: RetrievalLimits, requested: Partial<RetrievalLimits>): RetrievalLimits {
  const out = { ...base };
  for (const key of ['globalRatePerSec', 'perHostConcurrency', 'perHostRatePerSec', 'perIpConcurrency', 'perIpRatePerSec',
    'siteRequests', 'siteBytes', 'siteTimeMs'] as const) {
    const v = requested[key];
    if (typeof v === 'number' && v > 0) out[key] = Math.min(base[key], v);
  }
  return out;
}

export const BROWSER_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
export const SPIDER_UA = 'Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)';
/** Appended to every User-Agent so entities can tell our requests apart in their logs. */
export const SCANNER_SUFFIX = 'wangan-scanner/1.0';

export type RetrieverOptions = {
  network: NetworkMode;
  resolver: HostResolver;
  /** 80/443 → dialled port (fixture farm); identity in production. */
  ports?: PortMap;
  /** Extra trusted roots (PEM), e.g. the farm's CA or configured national roots. */
  extraCaPem?: readonly string[];
  /** Overrides of DEFAULT_LIMITS (tests and benchmarks may also raise them). */
  limits?: Partial<RetrievalLimits>;
  /** Delay used between retries (tests inject a fast one). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** [0, 1) source for retry jitter. */
  random?: () => number;
  now?: () => Date;
};

export type Retriever = {
  readonly limits: RetrievalLimits;
  readonly connector: Connector;
  readonly pools: OriginPools;
  readonly politeness: Politeness;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly now: () => Date;
  /** Closes every pooled connection. */
  close(): Promise<void>;
};

/** One per worker process; every task of the worker shares it. */
export function createRetriever(opts: RetrieverOptions): Retriever {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const connector = new Connector({
    mode: opts.network,
    resolver: opts.resolver,
    ports: opts.ports,
    extraCaPem: opts.extraCaPem,
    connectTimeoutMs: limits.connectTimeoutMs,
    connectionsPerHost: limits.connectionsPerHost,
  });
  const pools = new OriginPools(connector, {
    connectionsPerOrigin: limits.connectionsPerOrigin,
    keepAliveTimeoutMs: limits.keepAliveTimeoutMs,
    keepAliveMaxTimeoutMs: limits.keepAliveMaxTimeoutMs,
    headersTimeoutMs: limits.headersTimeoutMs,
    bodyTimeoutMs: limits.bodyTimeoutMs,
  });
  return {
    limits,
    connector,
    pools,
    politeness: new Politeness(limits),
    sleep: opts.sleep ?? realSleep,
    random: opts.random ?? Math.random,
    now: opts.now ?? (() => new Date()),
    close: () => pools.close(),
  };
}
