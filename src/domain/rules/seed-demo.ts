import type { DemoOrg } from '../demo/seed-org';
import type { Deps } from '../deps';
import { refreshFocusInSubtree } from './focus';
import { syncShippedRuleSets } from './library';

/**
 * Demo seeder: the shipped rule sets as versions, then the focus reasons of every demo entity
 * (runs after the registry seeder, so its entities exist).
 */
export async function seedRulesDemo(deps: Deps, org: DemoOrg): Promise<void> {
  await syncShippedRuleSets(deps);
  await refreshFocusInSubtree(deps, org.system, { kind: 'units', unitId: org.province.id, unitPath: org.province.path });
}
