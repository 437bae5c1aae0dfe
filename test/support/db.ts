import { randomBytes } from 'node:crypto';
import type { TestContext } from 'node:test';
import { loadConfig, type Config } from '../../src/config';
import { buildDeps } from '../../src/bootstrap';
import type { Deps } from '../../src/domain/deps';
import { openDatabase, type DbHandle } from '../../src/store/db';
import { migrate } from '../../src/store/migrate';

/**
 * A migrated database for one test file or test: in-process PGlite, or a fresh schema on the
 * PostgreSQL server at TEST_DATABASE_URL. Closed (and the schema dropped) when `t` ends.
 */
export async function testHandle(t?: Pick<TestContext, 'after'>): Promise<DbHandle> {
  const url = process.env.TEST_DATABASE_URL;
  let handle: DbHandle;
  if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    handle = await openDatabase({ kind: 'postgres', url, schema, max: 5 });
    t?.after(async () => {
      await handle.executeSql(`DROP SCHEMA IF EXISTS ${schema}_boss CASCADE`).catch(() => undefined);
      await handle.executeSql(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
      await handle.close();
    });
  } else {
    handle = await openDatabase({ kind: 'pglite' });
    t?.after(() => handle.close());
  }
  await migrate(handle);
  return handle;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  // Tests log many accounts in from one address; the login rate limit has its own test.
  return loadConfig({ WANGAN_DATA_DIR: '/tmp/wangan-test', LOG_LEVEL: 'silent', LOGIN_RATE_PER_MINUTE: '10000', PASSWORD_HASH_PROFILE: 'fast' }, overrides);
}

/** Deps over a fresh test database, with a movable clock. */
export async function testDeps(t?: Pick<TestContext, 'after'>, opts: { now?: () => Date } = {}): Promise<Deps & { setNow: (d: Date) => void }> {
  const handle = await testHandle(t);
  let current: Date | null = null;
  const now = opts.now ?? (() => current ?? new Date());
  const deps = buildDeps(testConfig(), handle, { secret: 'test-secret-0123456789abcdef', now });
  return Object.assign(deps, { setNow: (d: Date) => void (current = d) });
}
