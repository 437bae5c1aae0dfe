import { Pool } from 'undici';
import type { Connector } from './connector';

/**
 * The worker's dispatcher: a keep-alive undici Pool per origin (connections 2), every socket
 * opened by the Connector. Unlike undici's Agent it can close one host's pools, which the
 * connector asks for when a host's connection cap is reached while another of its origins
 * only holds idle sockets, and which a task does when it is done with its host.
 */

export type PoolTimeouts = {
  connectionsPerOrigin: number;
  keepAliveTimeoutMs: number;
  keepAliveMaxTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
};

type Entry = { pool: Pool; host: string; inflight: number };

export type Lease = { pool: Pool; done: () => void };

export class OriginPools {
  private readonly pools = new Map<string, Entry>();
  /** origin keys by host, so closing a host's pools does not scan every pool of the worker */
  private readonly byHost = new Map<string, Set<string>>();

  constructor(private readonly connector: Connector, private readonly t: PoolTimeouts) {
    connector.onPressure = (host) => this.closeIdle(host);
  }

  /** A pool for `origin` with one request counted in flight until `done`. */
  lease(origin: string, host: string): Lease {
    let e = this.pools.get(origin);
    if (!e) {
      e = {
        host: host.toLowerCase(),
        inflight: 0,
        pool: new Pool(origin, {
          connect: this.connector.connect,
          connections: this.t.connectionsPerOrigin,
          pipelining: 1,
          keepAliveTimeout: this.t.keepAliveTimeoutMs,
          keepAliveMaxTimeout: this.t.keepAliveMaxTimeoutMs,
          headersTimeout: this.t.headersTimeoutMs,
          bodyTimeout: this.t.bodyTimeoutMs,
        }),
      };
      this.pools.set(origin, e);
      let set = this.byHost.get(e.host);
      if (!set) {
        set = new Set();
        this.byHost.set(e.host, set);
      }
      set.add(origin);
    }
    const entry = e;
    entry.inflight++;
    let finished = false;
    return {
      pool: entry.pool,
      done: () => {
        if (finished) return;
        finished = true;
        entry.inflight--;
      },
    };
  }

  /** Closes the host's pools that have nothing in flight; their idle sockets go with them. */
  closeIdle(host: string): void {
    for (const origin of this.byHost.get(host.toLowerCase()) ?? []) {
      const e = this.pools.get(origin);
      if (e && e.inflight === 0) this.drop(origin, e);
    }
  }

  /** Closes all of the host's pools (a task finished with the host). */
  closeHost(host: string): void {
    for (const origin of this.byHost.get(host.toLowerCase()) ?? []) {
      const e = this.pools.get(origin);
      if (e) this.drop(origin, e);
    }
  }

  async close(): Promise<void> {
    const all = [...this.pools.values()];
    this.pools.clear();
    this.byHost.clear();
    await Promise.all(all.map((e) => e.pool.destroy().catch(() => undefined)));
  }

  get size(): number {
    return this.pools.size;
  }

  private drop(origin: string, e: Entry): void {
    this.pools.delete(origin);
    const set = this.byHost.get(e.host);
    set?.delete(origin);
    if (set?.size === 0) this.byHost.delete(e.host);
    // In-flight requests (if any) finish first; idle sockets close now.
    void e.pool.close().catch(() => undefined);
  }
}
