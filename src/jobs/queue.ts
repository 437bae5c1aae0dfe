import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { JobQueue } from '../domain/deps';
import type { DbHandle } from '../store/db';

export type JobHandler = (data: Record<string, unknown>, job: { id: string; name: string }) => Promise<void>;
export type JobRegistry = Record<string, JobHandler>;

export type JobRunner = JobQueue & {
  boss: PgBoss;
  /** Starts polling the named queues (a `wangan worker` process, or the server in embedded mode). */
  work: (handlers: JobRegistry, opts?: { pollingIntervalSeconds?: number; batchSize?: number }) => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * pg-boss over the same database: its own `pgboss`-prefixed schema beside ours. On PGlite it
 * runs in-process through pg-boss's `db` adapter (the handle's serialised executeSql); on
 * PostgreSQL several worker processes share the queues.
 */
export async function startJobs(handle: DbHandle, log: Logger, opts: { supervise?: boolean } = {}): Promise<JobRunner> {
  const schema = handle.schema === 'public' ? 'pgboss' : `${handle.schema}_boss`;
  const boss = new PgBoss({
    db: { executeSql: (text: string, values?: unknown[]) => handle.executeSql(text, values) },
    schema,
    supervise: opts.supervise ?? true,
    schedule: false,
  });
  boss.on('error', (err: unknown) => log.error({ err }, 'job queue error'));
  await boss.start();
  const known = new Set<string>();
  const ensureQueue = async (name: string) => {
    if (known.has(name)) return;
    await boss.createQueue(name).catch(() => undefined); // already exists
    known.add(name);
  };
  return {
    boss,
    async send(name, data, o) {
      await ensureQueue(name);
      return boss.send(name, data, { singletonKey: o?.singletonKey, startAfter: o?.startAfterSeconds, retryLimit: 3, retryBackoff: true });
    },
    async work(handlers, o) {
      for (const [name, handler] of Object.entries(handlers)) {
        await ensureQueue(name);
        await boss.work(name, { pollingIntervalSeconds: o?.pollingIntervalSeconds ?? 1, batchSize: o?.batchSize ?? 1 }, async (jobs) => {
          for (const job of jobs) await handler((job.data ?? {}) as Record<string, unknown>, { id: job.id, name: job.name });
        });
      }
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
