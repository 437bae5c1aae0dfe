import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { Config } from './config';
import { createFieldCipher } from './domain/crypto';
import type { Deps, JobQueue } from './domain/deps';
import { openDatabase, type DbHandle } from './store/db';
import { migrate } from './store/migrate';

/** Opens the configured database (PGlite data dir by default, PostgreSQL with DATABASE_URL) and migrates it. */
export async function openConfiguredDatabase(config: Config): Promise<DbHandle> {
  const handle = config.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: config.databaseUrl, schema: config.databaseSchema })
    : await openDatabase({ kind: 'pglite', dataDir: path.join(config.dataDir, 'pg') });
  await migrate(handle);
  return handle;
}

/** The at-rest key: WANGAN_SECRET, else a key file made once in the data dir (not allowed in production). */
export function resolveSecret(config: Config): string {
  if (config.secret) return config.secret;
  if (config.production) throw new Error('WANGAN_SECRET must be set in production');
  const file = path.join(config.dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export function buildDeps(config: Config, handle: DbHandle, opts: { jobs?: JobQueue | null; now?: () => Date; secret?: string } = {}): Deps {
  return {
    db: handle.db,
    handle,
    config,
    log: pino({ level: config.logLevel, base: { app: 'wangan' } }),
    cipher: createFieldCipher(opts.secret ?? resolveSecret(config)),
    now: opts.now ?? (() => new Date()),
    jobs: opts.jobs ?? null,
  };
}
