import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addCampaignTargets, listCampaignTargets, removeCampaignTarget } from '../../../src/domain/campaigns/campaign-targets';
import { getCampaign, listCampaigns } from '../../../src/domain/campaigns/read-campaigns';
import { transitionCampaign } from '../../../src/domain/campaigns/transition-campaign';
import { updateCampaign } from '../../../src/domain/campaigns/update-campaign';
import { auditCount, auditOf, campaignWorld, hasCode, makeCampaign } from './support';

import type { ListCampaignsQuery } from '../../../src/domain/campaigns/read-campaigns';

const listQuery: ListCampaignsQuery = { limit: 20, offset: 0, sort: 'startsOn', dir: 'desc' };
const targetQuery = { limit: 20, offset: 0, sort: 'name' as const, dir: 'asc' as const };

test('a sibling city neither sees nor changes a city campaign', async (t) => {
  const w = await campaignWorld(t);
  const c = await makeCampaign(w.deps, w.actors.leader, { code: 'SQ2026' }); // 宿迁
  await addCampaignTargets(w.deps, w.actors.leader, { campaignId: c.id, entityIds: [w.entities.a1.id] });
  await transitionCampaign(w.deps, w.actors.leader, { campaignId: c.id, to: 'launched' });
  const before = await auditCount(w.deps);

  for (const nj of [w.actors.nj, w.actors.njLeader]) {
    await assert.rejects(getCampaign(w.deps, nj, { campaignId: c.id }), hasCode('NOT_FOUND'));
    await assert.rejects(listCampaignTargets(w.deps, nj, { ...targetQuery, campaignId: c.id }), hasCode('NOT_FOUND'));
    await assert.rejects(updateCampaign(w.deps, nj, { campaignId: c.id, name: '改名' }), hasCode('NOT_FOUND'));
    await assert.rejects(transitionCampaign(w.deps, nj, { campaignId: c.id, to: 'active' }), hasCode('NOT_FOUND'));
    await assert.rejects(addCampaignTargets(w.deps, nj, { campaignId: c.id, entityIds: [w.entities.b1.id] }), hasCode('NOT_FOUND'));
    await assert.rejects(removeCampaignTarget(w.deps, nj, { campaignId: c.id, entityId: w.entities.a1.id }), hasCode('NOT_FOUND'));
    assert.deepEqual((await listCampaigns(w.deps, nj, listQuery)).rows.map((r) => r.id), []);
  }
  assert.equal(await auditCount(w.deps), before);
  // The province above sees it and manages it; so does the city itself.
  assert.equal((await getCampaign(w.deps, w.actors.provinceLeader, { campaignId: c.id })).canManage, true);
  assert.deepEqual((await listCampaigns(w.deps, w.actors.inspector, listQuery)).rows.map((r) => r.id), [c.id]);
});

test('a province campaign: cities see it with their own targets only, add and remove only their own', async (t) => {
  const w = await campaignWorld(t);
  const p = w.actors.provinceLeader;
  const c = await makeCampaign(w.deps, p);
  const { a1, a2, county, b1, b2 } = w.entities;
  await addCampaignTargets(w.deps, p, { campaignId: c.id, entityIds: [a1.id, county.id, b1.id] });

  // Seen by both cities and the county, each with the targets of its own scope.
  const names = async (actor: typeof p) => (await listCampaignTargets(w.deps, actor, { ...targetQuery, campaignId: c.id })).rows.map((r) => r.entityId).sort();
  assert.deepEqual(await names(p), [a1.id, county.id, b1.id].sort());
  assert.deepEqual(await names(w.actors.inspector), [a1.id, county.id].sort());
  assert.deepEqual(await names(w.actors.nj), [b1.id]);
  assert.deepEqual(await names(w.actors.county), [county.id]);
  const njDetail = await getCampaign(w.deps, w.actors.nj, { campaignId: c.id });
  assert.equal(njDetail.targets.total, 1);
  assert.equal(njDetail.canManage, false);
  assert.equal(njDetail.canEditTargets, false, 'a draft is the launching unit\'s alone');
  const [njRow] = (await listCampaigns(w.deps, w.actors.nj, listQuery)).rows;
  assert.equal(njRow?.targetCount, 1);
  assert.equal((await listCampaigns(w.deps, p, listQuery)).rows[0]?.targetCount, 3);

  // A city neither edits nor moves the province's campaign.
  await assert.rejects(updateCampaign(w.deps, w.actors.nj, { campaignId: c.id, name: '改名' }), hasCode('FORBIDDEN'));
  await assert.rejects(transitionCampaign(w.deps, w.actors.njLeader, { campaignId: c.id, to: 'launched' }), hasCode('FORBIDDEN'));
  // While it is a draft, cities do not touch its targets.
  await assert.rejects(addCampaignTargets(w.deps, w.actors.nj, { campaignId: c.id, entityIds: [b2.id] }), hasCode('INVALID_STATE'));

  await transitionCampaign(w.deps, p, { campaignId: c.id, to: 'launched' });
  await transitionCampaign(w.deps, p, { campaignId: c.id, to: 'active' });
  assert.equal((await getCampaign(w.deps, w.actors.nj, { campaignId: c.id })).canEditTargets, true);
  // 南京 adds its own entity, never 宿迁's; removes its own target, never 宿迁's.
  assert.deepEqual(await addCampaignTargets(w.deps, w.actors.nj, { campaignId: c.id, entityIds: [b2.id] }), { added: 1, alreadyTargets: 0 });
  await assert.rejects(addCampaignTargets(w.deps, w.actors.nj, { campaignId: c.id, entityIds: [a2.id] }), hasCode('NOT_FOUND'));
  await assert.rejects(removeCampaignTarget(w.deps, w.actors.nj, { campaignId: c.id, entityId: a1.id }), hasCode('NOT_FOUND'));
  await removeCampaignTarget(w.deps, w.actors.nj, { campaignId: c.id, entityId: b1.id });
  await assert.rejects(removeCampaignTarget(w.deps, w.actors.nj, { campaignId: c.id, entityId: b1.id }), hasCode('NOT_FOUND'));
  assert.deepEqual(await names(w.actors.nj), [b2.id]);
  assert.deepEqual(await names(p), [a1.id, county.id, b2.id].sort());

  // The audit entries of a city's target changes are filed under the city.
  const cityEntries = (await auditOf(w.deps, c.id)).filter((a) => a.action === 'campaign.targetsAdded' || a.action === 'campaign.targetRemoved');
  assert.deepEqual(cityEntries.map((a) => [a.action, a.unitPath]), [
    ['campaign.targetsAdded', w.org.province.path],
    ['campaign.targetsAdded', w.org.cityB.path],
    ['campaign.targetRemoved', w.org.cityB.path],
  ]);

  await transitionCampaign(w.deps, p, { campaignId: c.id, to: 'closed' });
  await assert.rejects(addCampaignTargets(w.deps, w.actors.nj, { campaignId: c.id, entityIds: [b1.id] }), hasCode('INVALID_STATE'));
  await assert.rejects(removeCampaignTarget(w.deps, p, { campaignId: c.id, entityId: a1.id }), hasCode('INVALID_STATE'));
});

test('lists: search by name or code, filter by status, sort and page', async (t) => {
  const w = await campaignWorld(t);
  const p = w.actors.provinceLeader;
  const jw = await makeCampaign(w.deps, p, { code: 'JW2026', name: '净网2026', startsOn: '2026-03-01' });
  const ql = await makeCampaign(w.deps, p, { code: 'QL2026', name: '清朗行动', startsOn: '2026-05-01' });
  const sq = await makeCampaign(w.deps, w.actors.leader, { code: 'SQ2026', name: '宿迁校园网站整治', startsOn: '2026-04-01' });
  await transitionCampaign(w.deps, p, { campaignId: ql.id, to: 'launched' });

  const ids = async (q: Partial<ListCampaignsQuery>, actor = w.actors.inspector) =>
    (await listCampaigns(w.deps, actor, { ...listQuery, ...q })).rows.map((r) => r.id);
  assert.deepEqual(await ids({}), [ql.id, sq.id, jw.id]);
  assert.deepEqual(await ids({ sort: 'code', dir: 'asc' }), [jw.id, ql.id, sq.id]);
  assert.deepEqual(await ids({ q: '净网' }), [jw.id]);
  assert.deepEqual(await ids({ q: 'sq20' }), [sq.id]);
  assert.deepEqual(await ids({ q: '100%_' }), []);
  assert.deepEqual(await ids({ status: ['launched'] }), [ql.id]);
  assert.deepEqual(await ids({ limit: 1, offset: 1 }), [sq.id]);
  assert.equal((await listCampaigns(w.deps, w.actors.inspector, { ...listQuery, limit: 1 })).total, 3);
  // 南京 sees the province's two, not 宿迁's.
  assert.deepEqual(await ids({}, w.actors.nj), [ql.id, jw.id]);
});
