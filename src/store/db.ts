import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either a transaction or the plain handle: read-only store helpers accept both. */
export type DbOrTx = Db | Tx;

/** Run raw SQL text (several statements, no parameters) on one connection; used for migrations. */
export type ExecScript = (sqlText: string) => Promise<void>;
/** pg-boss's adapter shape: one parameterised statement. */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export type DbHandle = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Schema all tables live in (search_path); `public` unless a test isolated itself. */
  schema: string;
  execScript: ExecScript;
  executeSql: ExecuteSql;
  close: () => Promise<void>;
  /** The embedded engine, when kind is pglite (backup uses its dump). */
  pglite?: PGlite;
  pool?: pg.Pool;
};

export type OpenOptions =
  | { kind: 'postgres'; url: string; schema?: string; max?: number }
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

// Same JS types on both engines: int8 and numeric as number (counts, yuan amounts), date as
// 'YYYY-MM-DD' (a calendar day, never shifted through a time zone).
const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082 } as const;
const parseNumber = (v: string): number => Number(v);
const parseDay = (v: string): string => v;

export async function openDatabase(opts: OpenOptions): Promise<DbHandle> {
  return opts.kind === 'postgres' ? openPostgres(opts) : openPglite(opts);
}

async function openPostgres(opts: { url: string; schema?: string; max?: number }): Promise<DbHandle> {
  const schema = opts.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad schema name ${schema}`);
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => {
      if (oid === OID.INT8 || oid === OID.NUMERIC) return parseNumber;
      if (oid === OID.DATE) return parseDay;
      return pg.types.getTypeParser(oid, format);
    },
  };
  if (schema !== 'public') {
    const admin = new pg.Client({ connectionString: opts.url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max ?? 10,
    types,
    // JIT compiles expensive plans at run time (seen: 230 ms on a 600 ms list count); our queries
    // are short and index-driven, so it only adds latency.
    options: [schema !== 'public' ? `-c search_path=${schema}` : '', '-c jit=off'].filter(Boolean).join(' '),
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const fair = new OldestFirstPool(pool, new Gate(opts.max ?? 10));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: fair as unknown as pg.Pool }), plugins: [new CamelCasePlugin()] });
  return {
    db,
    kind: 'postgres',
    schema,
    pool,
    execScript: async (text) => {
      const client = await pool.connect();
      try {
        await client.query(text);
      } catch (err) {
        // A failed script leaves its transaction aborted on this connection; clear it before reuse.
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    executeSql: async (text, values) => {
      const r = await pool.query(text, values as unknown[] | undefined);
      return { rows: r.rows as Record<string, unknown>[] };
    },
    close: async () => {
      await db.destroy();
    },
  };
}

async function openPglite(opts: { dataDir?: string; loadDataDir?: Blob }): Promise<DbHandle> {
  if (opts.dataDir) await fs.mkdir(opts.dataDir, { recursive: true });
  const engine = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    parsers: { [OID.INT8]: parseNumber, [OID.NUMERIC]: parseNumber, [OID.DATE]: parseDay },
  });
  const lock = new Gate(1, { handOverOnNextTurn: true });
  const pool = new PglitePool(engine, lock);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as unknown as pg.Pool }), plugins: [new CamelCasePlugin()] });
  return {
    db,
    kind: 'pglite',
    schema: 'public',
    pglite: engine,
    execScript: async (text) => {
      await lock.run(async () => {
        try {
          await engine.exec(text);
        } catch (err) {
          await engine.exec('ROLLBACK').catch(() => undefined);
          throw err;
        }
      });
    },
    executeSql: async (text, values) => {
      // pg-boss sends multi-statement scripts without parameters (its migrations).
      const r = await lock.run(async () => {
        if (!values || values.length === 0) {
          const results = await engine.exec(text);
          return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
        }
        const one = await engine.query(text, values);
        return { rows: one.rows as Record<string, unknown>[] };
      });
      return r;
    },
    close: async () => {
      await db.destroy();
      await engine.close();
    },
  };
}

/**
 * When a piece of work (an HTTP request) began; database access waits in this order. A request
 * runs several queries one after another, each waiting for a connection: served first come first
 * per query, a request would queue once per query behind every newer request and under load its
 * latency would grow with its query count. Oldest work first lets a started request finish.
 */
const workStart = new AsyncLocalStorage<number>();

/** Runs `fn` (and everything it starts) as work that began at `since` (performance.now()). */
export function asWorkSince<T>(since: number, fn: () => T): T {
  return workStart.run(since, fn);
}

type Waiter = { rank: number; seq: number; grant: () => void };

/**
 * A counting semaphore whose waiters are served by rank (when their work began; work outside
 * asWorkSince ranks by the time it asks), ties first come first. Every waiter is eventually the
 * oldest, so none starves.
 */
export class Gate {
  private free: number;
  private readonly heap: Waiter[] = [];
  private seq = 0;
  /**
   * `handOverOnNextTurn`: pass a freed slot on in a later turn of the event loop. For PGlite,
   * whose queries run in this thread and settle as microtasks: handing over at once would chain
   * every queued query without a turn, and sockets, timers and log writes would wait until the
   * whole queue drained (the server answers in bursts and takes no new request meanwhile).
   */
  constructor(slots: number, private readonly opts: { handOverOnNextTurn?: boolean } = {}) {
    this.free = slots;
  }
  /** Waits for a slot; resolves to the (idempotent) release. */
  acquire(): Promise<() => void> {
    if (this.free > 0 && this.heap.length === 0) {
      this.free--;
      return Promise.resolve(this.releaser());
    }
    const rank = workStart.getStore() ?? performance.now();
    return new Promise((resolve) => this.push({ rank, seq: this.seq++, grant: () => resolve(this.releaser()) }));
  }
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.pop();
      if (!next) this.free++;
      else if (this.opts.handOverOnNextTurn) setImmediate(next.grant);
      else next.grant();
    };
  }
  private before(a: Waiter, b: Waiter): boolean {
    return a.rank < b.rank || (a.rank === b.rank && a.seq < b.seq);
  }
  private push(w: Waiter): void {
    const h = this.heap;
    h.push(w);
    for (let i = h.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }
  private pop(): Waiter | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** The slice of pg.Pool that Kysely uses, its checkouts ordered by a Gate as wide as the pool. */
class OldestFirstPool {
  constructor(
    private readonly pool: pg.Pool,
    private readonly gate: Gate,
  ) {}
  async connect(): Promise<pg.PoolClient> {
    const leave = await this.gate.acquire();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      leave();
      throw err;
    }
    // pg-pool sets a fresh release on every checkout; this one frees the gate slot as well.
    const release = client.release;
    client.release = (err?: Error | boolean) => {
      leave();
      release.call(client, err);
    };
    return client;
  }
  async end(): Promise<void> {
    await this.pool.end();
  }
}

/** The slice of pg.Pool that Kysely's PostgresDriver uses, over one PGlite engine. */
class PglitePool {
  constructor(
    private readonly engine: PGlite,
    private readonly lock: Gate,
  ) {}
  async connect() {
    const release = await this.lock.acquire();
    const engine = this.engine;
    return {
      async query(text: string, params: readonly unknown[]) {
        const r = await engine.query<Record<string, unknown>>(text, params as unknown[]);
        return { command: commandOf(text), rowCount: r.affectedRows ?? r.rows.length, rows: r.rows };
      },
      release() {
        release();
      },
    };
  }
  async end() {}
}

function commandOf(text: string): string {
  const m = /^\s*(?:with\b[\s\S]*?\)\s*)?(select|insert|update|delete|merge)\b/i.exec(text);
  return (m?.[1] ?? 'SELECT').toUpperCase();
}
