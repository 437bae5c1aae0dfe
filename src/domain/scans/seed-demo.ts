import * as users from '../../store/users.store';
import { actorFromUser } from '../auth/actor';
import type { DemoOrg } from '../demo/seed-org';
import type { Deps } from '../deps';
import { composeUscc } from '../registry/uscc';
import { createAgency } from './agencies';
import { activateAuthorisation, approveAuthorisation, createAuthorisation, recordEntityNotice } from './authorisations';

/**
 * Demo remote detection: an agency of 宿迁 and, for two entities with websites, one active
 * authorisation (drafted by demo-inspector, approved by demo-leader, notice recorded) and one
 * draft waiting for the leader. No scan is run: the demo has no network to scan.
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
    await approveAuthorisation(deps, leader, { authorisationId: a.id, comment: '同意' });
    await recordEntityNotice(deps, inspector, { authorisationId: a.id, noticeRef: '宿公网安告〔2026〕1号（演示）' });
    await activateAuthorisation(deps, inspector, { authorisationId: a.id });
  }
  if (second) {
    await createAuthorisation(deps, inspector, { ...base, entityId: second[0], siteIds: second[1], purpose: '专项检查远程检测（演示）' });
  }
}
