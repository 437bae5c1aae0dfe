import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { addCampaignTargets } from '../../../src/domain/campaigns/campaign-targets';
import { createCampaign } from '../../../src/domain/campaigns/create-campaign';
import { transitionCampaign } from '../../../src/domain/campaigns/transition-campaign';
import { startScan } from '../../../src/domain/scans/start-scan';
import { resolveTargets } from '../../../src/domain/scans/targets';
import { planScan } from '../../../src/domain/scans/worker/plan-scan';
import { testDeps } from '../../support/db';
import { seedOrg } from '../../support/org';
import { activeAuthorisation, agencyWithStaff, auditActions, makeEntity, registerSite } from './support';

const hasCode = (code: string, check?: (details: Record<string, unknown>) => void) => (err: unknown) => {
  const e = err as { code?: string; details?: Record<string, unknown> };
  if (e.code !== code) return false;
  check?.(e.details ?? {});
  return true;
};

async function world(t: Parameters<typeof testDeps>[0]) {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-province-leader', 'demo-inspector', 'demo-leader', 'demo-nj-inspector', 'demo-nj-leader', 'demo-sysadmin']);
  const province = await org.actor('demo-province-leader');
  const inspector = await org.actor('demo-inspector');
  const leader = await org.actor('demo-leader');
  const nj = await org.actor('demo-nj-inspector');
  const njLeader = await org.actor('demo-nj-leader');
  const site = async (actor: typeof inspector, entityId: string, host: string) => registerSite(deps, actor, entityId, `${host}.${entityId.slice(0, 8)}.example.test`);
  // 宿迁: a campaign target with two websites and a non-target with one; 南京: a target with one.
  const target = await makeEntity(deps, inspector, '宿迁专项目标公司');
  const other = await makeEntity(deps, inspector, '宿迁非目标公司');
  const njTarget = await makeEntity(deps, nj, '南京专项目标公司');
  const targetSites = [await site(inspector, target.id, 'a'), await site(inspector, target.id, 'b')];
  const otherSite = await site(inspector, other.id, 'c');
  const njSite = await site(nj, njTarget.id, 'd');
  await activeAuthorisation(deps, inspector, leader, { entityId: target.id, siteIds: targetSites.map((s) => s.id) });
  await activeAuthorisation(deps, inspector, leader, { entityId: other.id, siteIds: [otherSite.id] });

  const campaign = await createCampaign(deps, province, {
    code: 'JW2026', name: '净网2026', description: '', strands: ['rectify'], startsOn: '2026-03-01', endsOn: '2026-12-31',
  });
  await transitionCampaign(deps, province, { campaignId: campaign.id, to: 'launched' });
  await addCampaignTargets(deps, province, { campaignId: campaign.id, entityIds: [target.id, njTarget.id] });
  await transitionCampaign(deps, province, { campaignId: campaign.id, to: 'active' });
  return { deps, org, province, inspector, leader, nj, njLeader, campaign, target, targetSites, otherSite, njSite };
}

test('a campaign target scans only the websites of the campaign\'s entities inside the caller\'s scope', async (t) => {
  const w = await world(t);
  const target = { kind: 'campaign' as const, campaignId: w.campaign.id };

  const resolved = await resolveTargets(w.deps.db, w.inspector, target, 'standard', w.deps.now());
  assert.deepEqual(resolved.sites.map((s) => s.siteId).sort(), w.targetSites.map((s) => s.id).sort(), '南京\'s target and the non-target are left out');
  assert.equal(resolved.unitPath, w.org.cityA.path);
  assert.equal(resolved.label, '净网2026');

  const scan = await startScan(w.deps, w.inspector, { target, profile: 'standard' });
  assert.equal(scan.status, 'queued');
  assert.deepEqual(scan.target, target);
  assert.equal(scan.unitPath, w.org.cityA.path);
  assert.deepEqual(await auditActions(w.deps, scan.id), ['scan.started']);

  // The plan job resolves again as the starter and plans exactly those sites.
  await planScan(w.deps, { scanId: scan.id });
  const tasks = await sql<{ siteId: string }>`select site_id from scan_tasks where scan_id = ${scan.id}`.execute(w.deps.db);
  assert.deepEqual(tasks.rows.map((r) => r.siteId).sort(), w.targetSites.map((s) => s.id).sort());
});

test('campaign targets: 南京 reaches only its own target, which needs its own authorisation', async (t) => {
  const w = await world(t);
  const target = { kind: 'campaign' as const, campaignId: w.campaign.id };
  await assert.rejects(startScan(w.deps, w.nj, { target, profile: 'standard' }), hasCode('RULE_VIOLATION', (d) => {
    assert.deepEqual((d.uncovered as { siteId: string }[]).map((u) => u.siteId), [w.njSite.id]);
  }));
  const scans = await sql<{ n: number }>`select count(*)::int as n from scans`.execute(w.deps.db);
  assert.equal(scans.rows[0]?.n, 0);
});

test('a campaign the caller cannot see, or an agency account: NOT_FOUND', async (t) => {
  const w = await world(t);
  const own = await createCampaign(w.deps, w.leader, {
    code: 'SQ2026', name: '宿迁专项', description: '', strands: ['clean'], startsOn: '2026-03-01', endsOn: '2026-06-30',
  });
  await addCampaignTargets(w.deps, w.leader, { campaignId: own.id, entityIds: [w.target.id] });
  await assert.rejects(startScan(w.deps, w.nj, { target: { kind: 'campaign', campaignId: own.id }, profile: 'standard' }), hasCode('NOT_FOUND'));
  await assert.rejects(startScan(w.deps, w.inspector, { target: { kind: 'campaign', campaignId: '00000000-0000-4000-8000-000000000000' }, profile: 'standard' }), hasCode('NOT_FOUND'));

  const { agency, staff, actors } = await agencyWithStaff(w.deps, w.org, w.inspector);
  await activeAuthorisation(w.deps, w.inspector, w.leader, { entityId: w.target.id, siteIds: w.targetSites.map((s) => s.id), agencyId: agency.id, agencyStaffIds: [staff[0]!.id] });
  await assert.rejects(startScan(w.deps, actors[0]!, { target: { kind: 'campaign', campaignId: w.campaign.id }, profile: 'standard' }), hasCode('NOT_FOUND'));
  // In scope and launched by 宿迁 itself: its one target's websites.
  const resolved = await resolveTargets(w.deps.db, w.inspector, { kind: 'campaign', campaignId: own.id }, 'standard', w.deps.now());
  assert.equal(resolved.sites.length, 2);
  assert.equal(resolved.unitPath, w.org.cityA.path);
});
