/**
 * In-process politeness limits (spec §5.1): a global token bucket, and per host and per IP a
 * concurrency cap plus a token bucket. One `Politeness` per worker, shared by its tasks.
 */

/** Rejects with the signal's reason; the caller's catch sees an AbortError-like error. */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('aborted', 'AbortError');
}

export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  get inUse(): number {
    return this.active;
  }

  get idle(): boolean {
    return this.active === 0 && this.waiters.length === 0;
  }

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw abortReason(signal);
    if (this.active < this.limit) {
      this.active++;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(wake);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(abortReason(signal as AbortSignal));
      };
      this.waiters.push(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    // The releasing holder handed its slot over: `active` was not decremented.
    return this.releaser();
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiters.shift();
      if (next) next();
      else this.active--;
    };
  }
}

/** Token bucket: `rate` tokens a second, bursts up to `burst`; Infinity disables it. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly rate: number, private readonly burst = Math.max(1, rate), private readonly now = () => performance.now()) {
    this.tokens = this.burst;
    this.last = this.now();
  }

  /** True when no rate history is left (the bucket refilled), so dropping it changes nothing. */
  get full(): boolean {
    if (!Number.isFinite(this.rate)) return true;
    return this.tokens + ((this.now() - this.last) / 1000) * this.rate >= this.burst;
  }

  take(signal?: AbortSignal): Promise<void> {
    if (!Number.isFinite(this.rate)) return Promise.resolve();
    // FIFO: each taker waits for the previous one, then for its own token.
    const mine = this.queue.then(() => this.wait(signal));
    this.queue = mine.catch(() => undefined);
    return mine;
  }

  private async wait(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw abortReason(signal);
      const t = this.now();
      this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
      this.last = t;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      const ms = Math.ceil(((1 - this.tokens) / this.rate) * 1000);
      await sleep(ms, signal);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export type PolitenessLimits = {
  globalRatePerSec: number;
  perHostConcurrency: number;
  perHostRatePerSec: number;
  perIpConcurrency: number;
  perIpRatePerSec: number;
};

type Keyed = { sem: Semaphore; bucket: TokenBucket };

/** Keyed limiters are created on first use and dropped when idle, so memory follows load. */
class KeyedLimits {
  private readonly map = new Map<string, Keyed>();
  private gets = 0;
  constructor(private readonly concurrency: number, private readonly rate: number) {}

  get(key: string): Keyed {
    if (++this.gets % 1024 === 0) {
      for (const [k, v] of this.map) if (v.sem.idle && v.bucket.full) this.map.delete(k);
    }
    let k = this.map.get(key);
    if (!k) {
      k = { sem: new Semaphore(this.concurrency), bucket: new TokenBucket(this.rate) };
      this.map.set(key, k);
    }
    return k;
  }

  sweep(key: string): void {
    const k = this.map.get(key);
    if (k?.sem.idle && k.bucket.full) this.map.delete(key);
  }
}

export class Politeness {
  private readonly global: TokenBucket;
  private readonly hosts: KeyedLimits;
  private readonly ips: KeyedLimits;

  constructor(readonly limits: PolitenessLimits) {
    this.global = new TokenBucket(limits.globalRatePerSec);
    this.hosts = new KeyedLimits(limits.perHostConcurrency, limits.perHostRatePerSec);
    this.ips = new KeyedLimits(limits.perIpConcurrency, limits.perIpRatePerSec);
  }

  /**
   * Waits for a slot for one request (or handshake) to `host` at `ip`: host then IP
   * concurrency (always in this order: whoever holds an IP slot already holds its host slot
   * and will finish, and a request queued behind its own busy host holds no IP slot that
   * other hosts on the IP could use), then the rate buckets. Returns the release function.
   */
  async admit(host: string, ip: string | null, signal?: AbortSignal): Promise<() => void> {
    const h = this.hosts.get(host);
    const releaseHost = await h.sem.acquire(signal);
    // Looked up only now: an idle entry may have been swept while we waited.
    const i = ip ? this.ips.get(ip) : null;
    let releaseIp: () => void;
    try {
      releaseIp = i ? await i.sem.acquire(signal) : () => undefined;
    } catch (err) {
      releaseHost();
      this.hosts.sweep(host);
      throw err;
    }
    const release = () => {
      releaseHost();
      releaseIp();
      this.hosts.sweep(host);
      if (ip) this.ips.sweep(ip);
    };
    try {
      await this.global.take(signal);
      await i?.bucket.take(signal);
      await h.bucket.take(signal);
    } catch (err) {
      release();
      throw err;
    }
    return release;
  }
}
