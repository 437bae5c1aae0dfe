import type { Deps } from '../deps';
import { seedDemoOrg, type DemoOrg } from './seed-org';
import { seedRegistryDemo } from './seed-registry';
import { seedRulesDemo } from '../rules/seed-demo';
import { seedInspectionsDemo } from './seed-inspections';
import { seedDemoDocuments } from '../documents/seed-demo-documents';
import { seedScansDemo } from '../scans/seed-demo';
import { seedCampaignsDemo } from '../campaigns/seed-demo';

/** Module seeders run in order after the org; each adds its demo records (registry, inspections, scans…). */
export type DemoSeeder = (deps: Deps, org: DemoOrg) => Promise<void>;
const seeders: DemoSeeder[] = [
  seedRegistryDemo,
  seedRulesDemo, // rule-set versions + focus reasons: keep after the registry seeder (it reads the entities)
  seedInspectionsDemo, // inspections in every state: after the registry (entities, portal accounts) and rules (focus list)
  seedDemoDocuments, // unit templates + one issued document per kind: after the inspections it prints
  seedScansDemo, // an agency and scan authorisations: after the registry (websites of cityA)
  seedCampaignsDemo, // 净网2026 (province, active) and a 宿迁 campaign: after the registry (their targets)
];

export async function seedDemo(deps: Deps): Promise<DemoOrg> {
  const org = await seedDemoOrg(deps);
  for (const seed of seeders) await seed(deps, org);
  return org;
}
