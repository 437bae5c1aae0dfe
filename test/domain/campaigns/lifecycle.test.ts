import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { addCampaignTargets } from '../../../src/domain/campaigns/campaign-targets';
import { getCampaign } from '../../../src/domain/campaigns/read-campaigns';
import { transitionCampaign } from '../../../src/domain/campaigns/transition-campaign';
import { updateCampaign } from '../../../src/domain/campaigns/update-campaign';
import { auditCount, auditOf, campaignWorld, hasCode, makeCampaign } from './support';

test('a campaign goes draft → launched → active → closed → summarised, each step audited', async (t) => {
  const w = await campaignWorld(t);
  const leader = w.actors.provinceLeader;
  const c = await makeCampaign(w.deps, leader);
  assert.equal(c.status, 'draft');
  assert.equal(c.unitPath, w.org.province.path);
  assert.deepEqual(c.strands, ['strike', 'clean', 'rectify', 'publicise']);

  for (const to of ['launched', 'active', 'closed'] as const) {
    const moved = await transitionCampaign(w.deps, leader, { campaignId: c.id, to });
    assert.equal(moved.status, to);
  }
  const done = await transitionCampaign(w.deps, leader, { campaignId: c.id, to: 'summarised', summary: '共检查 12 家，整改 5 家。' });
  assert.equal(done.status, 'summarised');
  assert.equal(done.summary, '共检查 12 家，整改 5 家。');
  assert.equal(done.version, 5);

  const audit = await auditOf(w.deps, c.id);
  assert.deepEqual(audit.map((a) => a.action), ['campaign.created', 'campaign.launched', 'campaign.activated', 'campaign.closed', 'campaign.summarised']);
  assert.deepEqual(audit.map((a) => [a.fromState, a.toState]), [[null, 'draft'], ['draft', 'launched'], ['launched', 'active'], ['active', 'closed'], ['closed', 'summarised']]);
  assert.ok(audit.every((a) => a.unitPath === w.org.province.path));
});

test('illegal transitions are INVALID_STATE and change nothing; summarising needs a summary', async (t) => {
  const w = await campaignWorld(t);
  const leader = w.actors.provinceLeader;
  const c = await makeCampaign(w.deps, leader);
  const before = await auditCount(w.deps);
  for (const to of ['active', 'closed', 'summarised', 'draft'] as const) {
    await assert.rejects(transitionCampaign(w.deps, leader, { campaignId: c.id, to, summary: 'x' }), hasCode('INVALID_STATE', (d) => assert.equal(d.from, 'draft')));
  }
  await transitionCampaign(w.deps, leader, { campaignId: c.id, to: 'launched' });
  await assert.rejects(transitionCampaign(w.deps, leader, { campaignId: c.id, to: 'launched' }), hasCode('INVALID_STATE'));
  await transitionCampaign(w.deps, leader, { campaignId: c.id, to: 'active' });
  await transitionCampaign(w.deps, leader, { campaignId: c.id, to: 'closed' });
  await assert.rejects(transitionCampaign(w.deps, leader, { campaignId: c.id, to: 'summarised' }), hasCode('VALIDATION_FAILED', (d) => {
    assert.deepEqual((d.fields as { path: string }[]).map((f) => f.path), ['summary']);
  }));
  await assert.rejects(transitionCampaign(w.deps, leader, { campaignId: c.id, to: 'summarised', summary: '   ' }), hasCode('VALIDATION_FAILED'));
  await assert.rejects(transitionCampaign(w.deps, leader, { campaignId: c.id, to: 'active' }), hasCode('INVALID_STATE'));
  const row = await getCampaign(w.deps, leader, { campaignId: c.id });
  assert.equal(row.campaign.status, 'closed');
  assert.equal(row.campaign.summary, null);
  assert.equal(await auditCount(w.deps), before + 3, 'only the three legal steps were audited');
});

test('editing: draft and launched only, changed fields audited, stale version and taken code refused', async (t) => {
  const w = await campaignWorld(t);
  const leader = w.actors.provinceLeader;
  const c = await makeCampaign(w.deps, leader);
  await makeCampaign(w.deps, leader, { code: 'QL2026', name: '清朗2026' });

  const edited = await updateCampaign(w.deps, leader, { campaignId: c.id, name: '净网2026', strands: ['publicise', 'strike'], version: 1 });
  assert.equal(edited.name, '净网2026');
  assert.deepEqual(edited.strands, ['strike', 'publicise'], 'strands kept in 打清整宣 order');
  assert.equal(edited.version, 2);
  const [, updated] = await auditOf(w.deps, c.id);
  assert.equal(updated?.action, 'campaign.updated');
  assert.deepEqual(updated?.summary.changed, ['name', 'strands']);

  await assert.rejects(updateCampaign(w.deps, leader, { campaignId: c.id, name: '旧版本', version: 1 }), hasCode('CONFLICT'));
  await assert.rejects(updateCampaign(w.deps, leader, { campaignId: c.id, code: 'QL2026' }), hasCode('CONFLICT', (d) => {
    assert.deepEqual((d.fields as { path: string }[]).map((f) => f.path), ['code']);
  }));
  await assert.rejects(updateCampaign(w.deps, leader, { campaignId: c.id, endsOn: '2026-01-01' }), hasCode('VALIDATION_FAILED', (d) => {
    assert.deepEqual((d.fields as { path: string }[]).map((f) => f.path), ['endsOn']);
  }));
  // Nothing changed: no write, no audit entry.
  const n = await auditCount(w.deps);
  const same = await updateCampaign(w.deps, leader, { campaignId: c.id, name: '净网2026' });
  assert.equal(same.version, 2);
  assert.equal(await auditCount(w.deps), n);

  await transitionCampaign(w.deps, leader, { campaignId: c.id, to: 'launched' });
  assert.equal((await updateCampaign(w.deps, leader, { campaignId: c.id, endsOn: '2026-11-30' })).endsOn, '2026-11-30');
  await transitionCampaign(w.deps, leader, { campaignId: c.id, to: 'active' });
  await assert.rejects(updateCampaign(w.deps, leader, { campaignId: c.id, name: '进行中不可改' }), hasCode('INVALID_STATE'));
});

test('targets: in-scope ids only (else NOT_FOUND, nothing added), duplicates ignored, none once closed', async (t) => {
  const w = await campaignWorld(t);
  const leader = w.actors.leader; // 宿迁
  const c = await makeCampaign(w.deps, leader, { code: 'SQ2026' });
  const { a1, a2, county, b1 } = w.entities;

  // A 南京 entity is outside 宿迁's scope: the whole call is refused.
  await assert.rejects(addCampaignTargets(w.deps, leader, { campaignId: c.id, entityIds: [a1.id, b1.id] }), hasCode('NOT_FOUND', (d) => {
    assert.deepEqual(d.entityIds, [b1.id]);
  }));
  await assert.rejects(addCampaignTargets(w.deps, leader, { campaignId: c.id, entityIds: ['00000000-0000-4000-8000-000000000000'] }), hasCode('NOT_FOUND'));
  const count = async () => (await sql<{ n: number }>`select count(*)::int as n from campaign_entities where campaign_id = ${c.id}`.execute(w.deps.db)).rows[0]!.n;
  assert.equal(await count(), 0);

  assert.deepEqual(await addCampaignTargets(w.deps, leader, { campaignId: c.id, entityIds: [a1.id, a1.id, county.id] }), { added: 2, alreadyTargets: 0 });
  assert.deepEqual(await addCampaignTargets(w.deps, leader, { campaignId: c.id, entityIds: [a1.id, a2.id] }), { added: 1, alreadyTargets: 1 });
  const n = await auditCount(w.deps);
  assert.deepEqual(await addCampaignTargets(w.deps, leader, { campaignId: c.id, entityIds: [a2.id] }), { added: 0, alreadyTargets: 1 });
  assert.equal(await auditCount(w.deps), n, 'adding nothing new writes no audit entry');
  assert.equal(await count(), 3);
  const added = (await auditOf(w.deps, c.id)).filter((a) => a.action === 'campaign.targetsAdded');
  assert.deepEqual(added.map((a) => a.summary.added), [2, 1]);

  const detail = await getCampaign(w.deps, leader, { campaignId: c.id });
  assert.equal(detail.targets.total, 3);
  assert.deepEqual(detail.targets.byStatus, { registered: 3 });

  for (const to of ['launched', 'active', 'closed'] as const) await transitionCampaign(w.deps, leader, { campaignId: c.id, to });
  await assert.rejects(addCampaignTargets(w.deps, leader, { campaignId: c.id, entityIds: [a2.id] }), hasCode('INVALID_STATE'));
});

test('三员 and portal-less staff without the permission: FORBIDDEN; the statistician reads but does not manage', async (t) => {
  const w = await campaignWorld(t);
  const c = await makeCampaign(w.deps, w.actors.provinceLeader);
  for (const admin of [w.actors.sysadmin, w.actors.secadmin, w.actors.auditor]) {
    await assert.rejects(getCampaign(w.deps, admin, { campaignId: c.id }), hasCode('FORBIDDEN'));
    await assert.rejects(transitionCampaign(w.deps, admin, { campaignId: c.id, to: 'launched' }), hasCode('FORBIDDEN'));
  }
  assert.equal((await getCampaign(w.deps, w.actors.statistician, { campaignId: c.id })).canManage, false);
  await assert.rejects(transitionCampaign(w.deps, w.actors.statistician, { campaignId: c.id, to: 'launched' }), hasCode('FORBIDDEN'));
  assert.equal((await getCampaign(w.deps, w.actors.provinceLeader, { campaignId: c.id })).campaign.status, 'draft');
});
