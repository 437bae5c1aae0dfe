import { loadConfig, type Config } from '../config';
import { buildDeps, openConfiguredDatabase } from '../bootstrap';
import type { Actor } from '../domain/access';
import { actorFromUser, systemActor } from '../domain/auth/actor';
import type { Deps } from '../domain/deps';
import * as units from '../store/units.store';
import * as users from '../store/users.store';

/** Opens config, database and deps for one CLI command, and closes them afterwards. */
export async function withDeps<T>(fn: (deps: Deps) => Promise<T>, overrides: Partial<Config> = {}): Promise<T> {
  const config = loadConfig(process.env, overrides);
  const handle = await openConfiguredDatabase(config);
  const deps = buildDeps(config, handle);
  try {
    return await fn(deps);
  } finally {
    await handle.close();
  }
}

/**
 * The CLI has no ambient user: business commands name one with --as (its roles and scope
 * apply); bootstrap commands act as the audited `system` operator at the root unit.
 */
export async function cliActor(deps: Deps, as: string | undefined): Promise<Actor> {
  if (as) {
    const user = await users.findByUsername(deps.db, as.toLowerCase());
    if (!user || user.status !== 'active') throw new Error(`no active user ${as}`);
    return actorFromUser(user, { ip: null, source: 'cli' });
  }
  const root = await units.findRoot(deps.db);
  if (!root) throw new Error('no units yet: create the root unit first (wangan unit create --root …) or run `wangan demo seed`');
  return systemActor(root);
}

export function fail(message: string, code = 1): never {
  console.error(`error: ${message}`);
  process.exit(code);
}
