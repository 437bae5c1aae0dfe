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
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
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
  const lock = new Mutex();
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

/** FIFO lock: PGlite is one connection, so a Kysely transaction must own it until it ends. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const prev = this.tail;
    this.tail = prev.then(() => next);
    await prev;
    return release;
  }
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/** The slice of pg.Pool that Kysely's PostgresDriver uses, over one PGlite engine. */
class PglitePool {
  constructor(
    private readonly engine: PGlite,
    private readonly lock: Mutex,
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
