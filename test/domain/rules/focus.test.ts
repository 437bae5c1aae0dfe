import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../../src/domain/errors';
import { focusForEntity, listFocusEntities, refreshFocusFlags, syncShippedRuleSets } from '../../../src/domain/rules';
import * as registry from '../../../src/store/registry.store';
import { testDeps } from '../../support/db';
import { seedOrg } from '../../support/org';
import { makeEntity } from './support';

const hasCode = (code: string) => (err: unknown) => isAppError(err) && err.code === code;

async function world(t: Parameters<typeof testDeps>[0]) {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-inspector', 'demo-county-inspector', 'demo-nj-inspector', 'demo-province-leader', 'demo-legal']);
  await syncShippedRuleSets(deps);
  const newA = await makeEntity(deps, org.countyA1, { name: '宿城新上线公司', services: [{ type: 'icp', startDate: '2025-11-24' }] });
  const oldA = await makeEntity(deps, org.cityA, { name: '宿迁老牌公司', services: [{ type: 'idc', startDate: '2015-01-01' }] });
  const penaltyA = await makeEntity(deps, org.countyA2, {
    name: '沭阳受罚公司',
    services: [{ type: 'access', startDate: '2010-01-01' }],
    history: [
      { kind: 'penalty', occurredOn: '2019-06-01', authority: 'police', category: 'cybersecurityDuty' },
      { kind: 'penalty', occurredOn: '2025-06-01', authority: 'other', category: 'cybersecurityDuty' },
    ],
  });
  const dismissedA = await makeEntity(deps, org.cityA, {
    name: '宿迁误报公司', services: [{ type: 'idc', startDate: '2012-01-01' }],
    history: [{ kind: 'incident', occurredOn: '2025-12-01', status: 'dismissed' }],
  });
  const closedA = await makeEntity(deps, org.cityA, { name: '宿迁已注销公司', status: 'closed', services: [{ type: 'icp', startDate: '2026-01-05' }] });
  const incidentB = await makeEntity(deps, org.cityB, {
    name: '南京事件公司', services: [{ type: 'idc', startDate: '2012-01-01' }],
    history: [{ kind: 'incident', occurredOn: '2025-03-01', status: 'confirmed' }, { kind: 'case', occurredOn: '2023-01-01' }],
  });
  return { deps, org, newA, oldA, penaltyA, dismissedA, closedA, incidentB };
}

test('focus list of a subtree: own city only, with counts by reason and reason filter', async (t) => {
  const w = await world(t);
  const { deps, org } = w;
  const inspector = await org.actor('demo-inspector');
  const list = await listFocusEntities(deps, inspector, { asOf: '2026-03-01' });
  assert.equal(list.unit.id, org.cityA.id);
  assert.deepEqual(list.items.map((i) => i.entity.id).sort(), [w.newA.id, w.penaltyA.id].sort());
  assert.deepEqual(list.countsByReason, { 'O151-A9-F1': 1, 'O151-A9-F2': 0, 'O151-A9-F3': 1 });
  assert.equal(list.evaluated, 4); // the closed entity is not inspected
  assert.equal(list.focusCount, 2);
  const f3 = list.items.find((i) => i.entity.id === w.penaltyA.id)!;
  assert.deepEqual(f3.reasons, ['O151-A9-F3']);
  assert.equal(f3.flags[0]!.triggers.length, 1, 'the other regulator\'s penalty does not count');

  const byReason = await listFocusEntities(deps, inspector, { asOf: '2026-03-01', reason: 'O151-A9-F1' });
  assert.deepEqual(byReason.items.map((i) => i.entity.id), [w.newA.id]);
  assert.equal(byReason.total, 1);
  assert.deepEqual(byReason.countsByReason, list.countsByReason);
  assert.deepEqual((await listFocusEntities(deps, inspector, { asOf: '2026-03-01', reason: 'policePenalty' })).items.map((i) => i.entity.id), [w.penaltyA.id]);
  await assert.rejects(listFocusEntities(deps, inspector, { asOf: '2026-03-01', reason: 'O151-A9-F9' }), hasCode('VALIDATION_FAILED'));

  // A county sees its own subtree; a sibling city's unit is NOT_FOUND.
  const county = await listFocusEntities(deps, await org.actor('demo-county-inspector'), { asOf: '2026-03-01' });
  assert.deepEqual(county.items.map((i) => i.entity.id), [w.newA.id]);
  await assert.rejects(listFocusEntities(deps, inspector, { unitId: org.cityB.id, asOf: '2026-03-01' }), hasCode('NOT_FOUND'));
  await assert.rejects(listFocusEntities(deps, inspector, { regionCode: '320100', asOf: '2026-03-01' }), hasCode('NOT_FOUND'));
  const nj = await listFocusEntities(deps, await org.actor('demo-nj-inspector'), { asOf: '2026-03-01' });
  assert.deepEqual(nj.items.map((i) => i.entity.id), [w.incidentB.id]);
  assert.deepEqual(nj.items[0]!.reasons, ['O151-A9-F2']);
  // The 2023 case is outside the two-year window; the 2025 incident is inside.
  assert.deepEqual(nj.items[0]!.flags[0]!.triggers.map((tr) => tr.kind), ['incident']);

  const province = await listFocusEntities(deps, await org.actor('demo-province-leader'), { asOf: '2026-03-01' });
  assert.equal(province.focusCount, 3);
  const byRegion = await listFocusEntities(deps, await org.actor('demo-province-leader'), { regionCode: '321322', asOf: '2026-03-01' });
  assert.deepEqual(byRegion.items.map((i) => i.entity.id), [w.penaltyA.id]);
  assert.equal(byRegion.unit.id, org.countyA2.id);

  // Windows: the new service flags through 2026-11-23, not on its first anniversary.
  assert.deepEqual((await listFocusEntities(deps, inspector, { asOf: '2026-11-23', reason: 'newService' })).total, 1);
  assert.deepEqual((await listFocusEntities(deps, inspector, { asOf: '2026-11-24', reason: 'newService' })).total, 0);

  await assert.rejects(listFocusEntities(deps, await org.actor('demo-legal'), { asOf: '2026-03-01' }), hasCode('FORBIDDEN'));
});

test('why an entity is a focus entity: criteria, citations and triggering records; another unit\'s entity is NOT_FOUND', async (t) => {
  const w = await world(t);
  const { deps, org } = w;
  const nj = await org.actor('demo-nj-inspector');
  const focus = await focusForEntity(deps, nj, w.incidentB.id, '2026-03-01');
  assert.equal(focus.isFocus, true);
  assert.deepEqual(focus.reasons, ['O151-A9-F2']);
  const flag = focus.flags[0]!;
  assert.deepEqual(flag.citation, { document: 'O151', article: '9', paragraph: '2', clause: null });
  assert.deepEqual(flag.triggers.map((tr) => [tr.kind, tr.date, tr.until]), [['incident', '2025-03-01', '2027-03-01']]);
  const record = flag.triggers[0]!.record;
  assert.ok(record?.kind === 'incident' && record.status === 'confirmed' && record.occurredOn === '2025-03-01');
  // On the day the 2023 case still counted, both records trigger.
  const earlier = await focusForEntity(deps, nj, w.incidentB.id, '2024-12-31');
  assert.deepEqual(earlier.flags[0]!.triggers.map((tr) => tr.kind), ['case']);
  const onIncidentDay = await focusForEntity(deps, nj, w.incidentB.id, '2025-03-01');
  assert.deepEqual(onIncidentDay.flags[0]!.triggers.map((tr) => tr.kind), ['incident']);
  assert.equal(flag.until, '2027-03-01');
  assert.ok(focus.ruleSets.some((r) => r.id === 'O151'));

  const calm = await focusForEntity(deps, await org.actor('demo-inspector'), w.oldA.id, '2026-03-01');
  assert.deepEqual([calm.isFocus, calm.flags.length], [false, 0]);
  await assert.rejects(focusForEntity(deps, await org.actor('demo-inspector'), w.incidentB.id, '2026-03-01'), hasCode('NOT_FOUND'));
  await assert.rejects(focusForEntity(deps, nj, 'not-a-uuid', '2026-03-01'), hasCode('NOT_FOUND'));
});

test('refresh writes focus reasons for the subtree, clears lapsed ones, and audits once', async (t) => {
  const w = await world(t);
  const { deps, org } = w;
  const inspector = await org.actor('demo-inspector');
  const first = await refreshFocusFlags(deps, inspector, { asOf: '2026-03-01' });
  assert.deepEqual([first.focusCount, first.evaluated, first.countsByReason], [2, 4, { 'O151-A9-F1': 1, 'O151-A9-F3': 1 }]);
  assert.equal(first.changed, 5); // every entity of the city had null (not evaluated)
  const reasons = async (id: string) => (await deps.db.selectFrom('entities').select('focusReasons').where('id', '=', id).executeTakeFirstOrThrow()).focusReasons;
  assert.deepEqual(await reasons(w.newA.id), ['O151-A9-F1']);
  assert.deepEqual(await reasons(w.oldA.id), []);
  assert.equal(await reasons(w.incidentB.id), null, 'another city is untouched');
  const scope = { kind: 'units' as const, unitId: org.cityA.id, unitPath: org.cityA.path };
  assert.equal(await registry.countInScope(deps.db, scope, { focus: true }), 2);

  const again = await refreshFocusFlags(deps, inspector, { asOf: '2026-03-01' });
  assert.equal(again.changed, 0);
  const lapsed = await refreshFocusFlags(deps, inspector, { asOf: '2026-12-01' });
  assert.equal(lapsed.changed, 1);
  assert.deepEqual(await reasons(w.newA.id), []);
  const audits = await deps.db.selectFrom('auditLog').selectAll().where('action', '=', 'rules.focusRefreshed').orderBy('seq').execute();
  assert.equal(audits.length, 3);
  assert.equal(audits[0]!.targetId, org.cityA.id);
  assert.equal(audits[0]!.summary.focusCount, 2);
});
