import * as assets from '../../store/registry.assets.store';
import * as users from '../../store/users.store';
import type { Actor } from '../access';
import { actorFromUser } from '../auth/actor';
import { DEMO_DEFECTS, plantedDefect, type DemoDefect } from '../demo/demo-web/defects';
import type { DemoOrg } from '../demo/seed-org';
import type { Deps } from '../deps';
import { composeUscc } from '../registry/uscc';
import { createAgency } from './agencies';
import { activateAuthorisation, approveAuthorisation, createAuthorisation, recordEntityNotice } from './authorisations';

/** Purpose of the authorisations behind the demo scan: `startDemoScan` finds them by it. */
export const DEMO_NETWORK_PURPOSE = '演示网络网站安全远程检测（演示）';

/**
 * Demo remote detection: an agency of 宿迁; for two entities with websites, one active
 * authorisation (drafted by demo-inspector, approved by demo-leader, notice recorded; daily
 * window 09:00–18:00) and one draft waiting for the leader; and, without a window so the demo
 * scan runs at any hour, active authorisations for a few more entities whose websites carry
 * between them every defect the demo network plants and a clean site (demo-network.ts).
 */
export async function seedScansDemo(deps: Deps, org: DemoOrg): Promise<void> {
  const inspectorRow = await users.findByUsername(deps.db, 'demo-inspector');
  const leaderRow = await users.findByUsername(deps.db, 'demo-leader');
  if (!inspectorRow || !leaderRow) return;
  const inspector = actorFromUser(inspectorRow, { ip: null, source: 'system' });
  const leader = actorFromUser(leaderRow, { ip: null, source: 'system' });
  await createAgency(deps, inspector, {
    name: '宿迁网安技术服务有限公司（演示）', uscc: composeUscc('91321300MA1Y8K9A1'),
    contractRef: '宿公网安采〔2026〕12号', contractFrom: '2026-01-01', contractUntil: '2027-12-31', status: 'active',
  });
  const candidates = await deps.db.selectFrom('entitySites').innerJoin('entities', 'entities.id', 'entitySites.entityId')
    .select(['entitySites.id', 'entitySites.entityId'])
    .where('entitySites.kind', '=', 'website').where('entitySites.status', '=', 'active')
    .where('entities.unitPath', '=', org.cityA.path).orderBy('entities.name').limit(50).execute();
  const byEntity = new Map<string, string[]>();
  for (const c of candidates) byEntity.set(c.entityId, [...(byEntity.get(c.entityId) ?? []), c.id]);
  const [first, second] = [...byEntity.entries()];
  const now = deps.now().getTime();
  const base = { validFrom: new Date(now).toISOString(), validUntil: new Date(now + 90 * 86_400_000).toISOString(), profile: 'standard' as const, agencyStaffIds: [] };
  if (first) {
    const a = await createAuthorisation(deps, inspector, { ...base, entityId: first[0], siteIds: first[1], purpose: '2026年度网站安全远程检测（演示）', window: { start: '09:00', end: '18:00' } });
    await activate(deps, { inspector, leader }, a.id, '宿公网安告〔2026〕1号（演示）');
  }
  if (second) {
    await createAuthorisation(deps, inspector, { ...base, entityId: second[0], siteIds: second[1], purpose: '专项检查远程检测（演示）' });
  }
  const taken = new Set([first?.[0], second?.[0]].filter((id): id is string => id !== undefined));
  for (const entity of await demoNetworkEntities(deps, org, taken)) {
    const a = await createAuthorisation(deps, inspector, { ...base, entityId: entity.entityId, siteIds: entity.siteIds, purpose: DEMO_NETWORK_PURPOSE });
    await activate(deps, { inspector, leader }, a.id, '宿公网安告〔2026〕2号（演示）');
  }
}

/** The leader approves, the inspector records the notice to the entity and activates. */
async function activate(deps: Deps, by: { inspector: Actor; leader: Actor }, authorisationId: string, noticeRef: string): Promise<void> {
  await approveAuthorisation(deps, by.leader, { authorisationId, comment: '同意' });
  await recordEntityNotice(deps, by.inspector, { authorisationId, noticeRef });
  await activateAuthorisation(deps, by.inspector, { authorisationId });
}

/**
 * 宿迁 demo entities, in name order, taken while they add a planted defect (or the first clean
 * site) not yet covered: the demo scan then shows each defect once or so, beside clean sites.
 * Only sites that show both registered filing numbers count, so each shows its planted defect alone.
 */
async function demoNetworkEntities(deps: Deps, org: DemoOrg, taken: ReadonlySet<string>): Promise<{ entityId: string; siteIds: string[] }[]> {
  const rows = (await assets.demoWebsites(deps.db, { unitPath: org.cityA.path })).filter((r) => r.status === 'active' && !taken.has(r.entityId));
  const byEntity = new Map<string, assets.DemoWebsiteRow[]>();
  for (const r of rows) byEntity.set(r.entityId, [...(byEntity.get(r.entityId) ?? []), r]);
  // Names repeat (two 宿迁中医院): the first hostname breaks ties, as ids differ between machines.
  const key = (sites: assets.DemoWebsiteRow[]) => `${sites[0]?.entityName ?? ''}\u0000${sites[0]?.hostname ?? ''}`;
  const ordered = [...byEntity.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const wanted = new Set<DemoDefect | 'clean'>([...DEMO_DEFECTS, 'clean']);
  const chosen: { entityId: string; siteIds: string[] }[] = [];
  for (const sites of ordered) {
    if (wanted.size === 0 || chosen.length >= 8) break;
    const kinds = sites.filter((s) => s.icpFilingNumber && s.psbFilingNumber).map((s) => plantedDefect(s.hostname) ?? 'clean');
    if (!kinds.some((k) => wanted.has(k))) continue;
    for (const k of kinds) wanted.delete(k);
    chosen.push({ entityId: sites[0]?.entityId ?? '', siteIds: sites.map((s) => s.siteId) });
  }
  return chosen;
}
