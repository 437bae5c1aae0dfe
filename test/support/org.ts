import type { Actor } from '../../src/domain/access';
import { actorFromUser } from '../../src/domain/auth/actor';
import type { Deps } from '../../src/domain/deps';
import { DEMO_PASSWORD, seedDemoOrg, type DemoOrg } from '../../src/domain/demo/seed-org';
import * as users from '../../src/store/users.store';

export { DEMO_PASSWORD };
export type TestOrg = DemoOrg & { actor: (username: string) => Promise<Actor> };

/**
 * The demo province (江苏 → 宿迁 cityA, 南京 cityB → counties) with a user per role, e.g.
 * demo-inspector (cityA), demo-nj-inspector (cityB), demo-sysadmin, demo-secadmin, demo-auditor
 * (province), demo-leader, demo-legal (cityA). `onlyUsers` keeps seeding fast.
 */
export async function seedOrg(deps: Deps, onlyUsers?: string[]): Promise<TestOrg> {
  const org = await seedDemoOrg(deps, { onlyUsers });
  return {
    ...org,
    actor: async (username: string) => {
      const row = await users.findByUsername(deps.db, username);
      if (!row) throw new Error(`test user ${username} not seeded`);
      return actorFromUser(row, { ip: '127.0.0.1', source: 'web' });
    },
  };
}
