import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Db, DbHandle } from '../store/db';
import type { FieldCipher } from './crypto';

/** Enqueues background work after commit; implemented over pg-boss in src/jobs. */
export type JobQueue = {
  send: (name: string, data: Record<string, unknown>, opts?: { singletonKey?: string; startAfterSeconds?: number }) => Promise<string | null>;
};

/** What every use case may touch. Built once at start (server, CLI, worker) and in tests. */
export type Deps = {
  db: Db;
  handle: DbHandle;
  config: Config;
  log: Logger;
  cipher: FieldCipher;
  /** Injected clock: tests move time (lockout, session expiry, deadlines) without sleeping. */
  now: () => Date;
  jobs: JobQueue | null;
};
