import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listCampaignTargets } from '../../../src/domain/campaigns/campaign-targets';
import { getCampaign, listCampaigns } from '../../../src/domain/campaigns/read-campaigns';
import { seedDemo } from '../../../src/domain/demo/seed-demo';
import * as users from '../../../src/store/users.store';
import { actorFromUser } from '../../../src/domain/auth/actor';
import { testDeps } from '../../support/db';

test('the demo has 净网2026 active at the province with a dozen targets, and 宿迁\'s own campaign', async (t) => {
  const deps = await testDeps(t);
  const org = await seedDemo(deps);
  const as = async (u: string) => actorFromUser((await users.findByUsername(deps.db, u))!, { ip: null, source: 'web' });
  const query = { limit: 20, offset: 0, sort: 'code' as const, dir: 'asc' as const };

  const province = await as('demo-province-leader');
  const { rows } = await listCampaigns(deps, province, query);
  assert.deepEqual(rows.map((r) => [r.code, r.status, r.targetCount]), [['JW2026', 'active', 12], ['SQ-XY2026', 'launched', 3]]);
  const jw = rows[0]!;
  assert.equal(jw.unitPath, org.province.path);
  assert.ok(jw.isDemo);

  // 南京 sees the province's campaign with its six targets, not 宿迁's campaign or targets.
  const nj = await as('demo-nj-inspector');
  assert.deepEqual((await listCampaigns(deps, nj, query)).rows.map((r) => [r.code, r.targetCount]), [['JW2026', 6]]);
  const njTargets = await listCampaignTargets(deps, nj, { campaignId: jw.id, limit: 50, offset: 0, sort: 'name', dir: 'asc' });
  assert.equal(njTargets.total, 6);
  assert.ok(njTargets.rows.every((r) => r.unitId === org.cityB.id || r.unitId === org.countyB1.id));
  const detail = await getCampaign(deps, nj, { campaignId: jw.id });
  assert.deepEqual([detail.targets.total, detail.canManage, detail.canEditTargets], [6, false, true]);
});
