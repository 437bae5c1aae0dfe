import assert from 'node:assert/strict';
import { test } from 'node:test';
import { syncShippedRuleSets } from '../../src/domain/rules';
import { makeEntity, o151v2, rawShipped } from '../domain/rules/support';
import { testDeps } from '../support/db';
import { login, testApp } from '../support/http';
import { seedOrg } from '../support/org';

test('rules API: rule sets, import, diff, checklist preview, focus with scope, penalty range', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-inspector', 'demo-leader', 'demo-nj-inspector', 'demo-sysadmin']);
  await syncShippedRuleSets(deps);
  const app = await testApp(t, deps);
  const fresh = await makeEntity(deps, org.countyA1, { name: '宿城新上线公司', services: [{ type: 'icp', startDate: '2025-11-24', attributes: { icpFeatures: ['news'] } }] });
  const njEntity = await makeEntity(deps, org.cityB, {
    name: '南京事件公司', services: [{ type: 'idc', startDate: '2012-01-01' }],
    history: [{ kind: 'incident', occurredOn: '2025-03-01', status: 'confirmed' }],
  });
  const inspector = await login(app, 'demo-inspector');
  const leader = await login(app, 'demo-leader');
  const nj = await login(app, 'demo-nj-inspector');
  const sysadmin = await login(app, 'demo-sysadmin');

  await t.test('rule sets list with versions; a version with items and citations; filters', async () => {
    const list = await inspector.request('GET', '/api/rule-sets?asOf=2026-03-01');
    assert.equal(list.status, 200, list.raw);
    const sets = list.body.sets as { id: string; governingVersion: string | null; versions: { version: string; governing: boolean }[] }[];
    assert.deepEqual(sets.map((s) => s.id), ['CSL', 'MLPS', 'O151', 'O176', 'O33', 'O82']);
    assert.equal(sets.find((s) => s.id === 'CSL')!.governingVersion, '2025.1');
    const v = await inspector.request('GET', '/api/rule-sets/O151/versions/2018.1');
    assert.equal(v.status, 200, v.raw);
    const items = v.body.items as { id: string; citation: { document: string; article: string | null } }[];
    assert.equal(items.length, v.body.itemTotal);
    assert.ok(items.every((i) => i.citation.document === 'O151'));
    const checks = await inspector.request('GET', '/api/rule-sets/O151/versions/2018.1?kind=check&q=' + encodeURIComponent('A11'));
    assert.ok((checks.body.items as { id: string }[]).every((i) => i.id.startsWith('O151-A11-')));
    assert.equal((await inspector.request('GET', '/api/rule-sets/O151/versions/2099.1')).status, 404);
    assert.equal((await inspector.request('GET', '/api/rule-sets/o151/versions/2018.1')).body.code, 'VALIDATION_FAILED');
    // 三员: the system admin reads no rule data through the API.
    assert.equal((await sysadmin.request('GET', '/api/rule-sets')).status, 403);
  });

  await t.test('import: leader only; new version 201, identical 200 unchanged, invalid 400 with issues; then diff', async () => {
    assert.equal((await inspector.request('POST', '/api/rule-sets/import', o151v2())).status, 403);
    const created = await leader.request('POST', '/api/rule-sets/import', o151v2());
    assert.equal(created.status, 201, created.raw);
    assert.equal(created.body.status, 'created');
    const same = await leader.request('POST', '/api/rule-sets/import', o151v2());
    assert.equal(same.status, 200);
    assert.equal(same.body.status, 'unchanged');
    const bad = rawShipped('o151.json') as unknown as Record<string, unknown>;
    bad.schemaVersion = 2;
    const invalid = await leader.request('POST', '/api/rule-sets/import', bad);
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.code, 'VALIDATION_FAILED');
    assert.ok(((invalid.body.details as { issues: { path: string }[] }).issues).some((i) => i.path === 'schemaVersion'));
    const diff = await inspector.request('GET', '/api/rule-sets/diff?a=O151@2018.1&b=O151@2018.2');
    assert.equal(diff.status, 200, diff.raw);
    const items = diff.body.items as { added: { id: string }[]; removed: { id: string }[]; changed: { id: string }[] };
    assert.deepEqual([items.added.map((i) => i.id), items.removed.map((i) => i.id), items.changed.map((i) => i.id)], [['O151-A10-8'], ['O151-A10-7'], ['O151-A10-1']]);
    assert.equal((await inspector.request('GET', '/api/rule-sets/diff?a=O151@2018.1&b=bogus')).status, 400);
  });

  await t.test('entity endpoints: own unit 200, another unit 404', async () => {
    const focus = await inspector.request('GET', `/api/entities/${fresh.id}/focus?asOf=2026-03-01`);
    assert.equal(focus.status, 200, focus.raw);
    assert.deepEqual(focus.body.reasons, ['O151-A9-F1']);
    const checklist = await inspector.request('GET', `/api/entities/${fresh.id}/checklist?asOf=2026-03-01&inspectionType=routine&mode=remote`);
    assert.equal(checklist.status, 200, checklist.raw);
    const keys = (checklist.body.items as { itemKey: string }[]).map((i) => i.itemKey);
    assert.ok(keys.includes('O151-A11-4'), keys.join(' '));
    assert.ok((checklist.body.ruleSets as { id: string; version: string }[]).some((r) => r.id === 'O151' && r.version === '2018.2'));
    for (const url of [`/api/entities/${njEntity.id}/focus`, `/api/entities/${njEntity.id}/checklist`]) {
      const res = await inspector.request('GET', url);
      assert.equal(res.status, 404, url);
      assert.equal(res.body.code, 'NOT_FOUND');
    }
    assert.equal((await nj.request('GET', `/api/entities/${njEntity.id}/focus?asOf=2026-03-01`)).body.isFocus, true);
    assert.equal((await inspector.request('GET', '/api/entities/not-a-uuid/focus')).status, 400);
  });

  await t.test('focus list per subtree with counts; sibling city unit is 404; refresh stores reasons', async () => {
    const mine = await inspector.request('GET', '/api/focus?asOf=2026-03-01');
    assert.equal(mine.status, 200, mine.raw);
    assert.deepEqual((mine.body.items as { entity: { id: string } }[]).map((i) => i.entity.id), [fresh.id]);
    assert.deepEqual(mine.body.countsByReason, { 'O151-A9-F1': 1, 'O151-A9-F2': 0, 'O151-A9-F3': 0 });
    assert.equal((await inspector.request('GET', `/api/focus?unitId=${org.cityB.id}`)).status, 404);
    const theirs = await nj.request('GET', '/api/focus?asOf=2026-03-01&reason=O151-A9-F2');
    assert.deepEqual((theirs.body.items as { entity: { id: string } }[]).map((i) => i.entity.id), [njEntity.id]);
    const refreshed = await inspector.request('POST', '/api/focus/refresh', { asOf: '2026-03-01' });
    assert.equal(refreshed.status, 200, refreshed.raw);
    assert.equal(refreshed.body.focusCount, 1);
    const after = await inspector.request('GET', '/api/focus?asOf=2026-03-01');
    assert.deepEqual((after.body.items as { entity: { storedReasons: string[] } }[])[0]!.entity.storedReasons, ['O151-A9-F1']);
  });

  await t.test('penalty range by violation date', async () => {
    const old = await inspector.request('GET', '/api/penalty-range?topic=CSL-PEN-MLPS&date=2025-06-01&tier=first');
    assert.equal(old.status, 200, old.raw);
    assert.equal((old.body.ruleSet as { version: string }).version, '2016.1');
    const now = await inspector.request('GET', '/api/penalty-range?topic=CSL-PEN-MLPS&date=2026-02-01&tier=serious');
    assert.equal((now.body.ruleSet as { version: string }).version, '2025.1');
    assert.equal((await inspector.request('GET', '/api/penalty-range?topic=CSL-PEN-MLPS&date=2025-06-01&tier=serious')).status, 422);
    assert.equal((await inspector.request('GET', '/api/penalty-range?topic=CSL-PEN-NOPE&date=2025-06-01')).status, 404);
  });
});
