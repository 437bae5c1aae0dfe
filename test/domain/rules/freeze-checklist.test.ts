import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../../src/domain/errors';
import { freezeChecklist, importRuleSet, syncShippedRuleSets } from '../../../src/domain/rules';
import { testDeps } from '../../support/db';
import { seedOrg } from '../../support/org';
import { makeEntity, o151v2 } from './support';

const hasCode = (code: string) => (err: unknown) => isAppError(err) && err.code === code;

test('a frozen checklist keeps its items and versions after a new rule-set version is imported', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-inspector', 'demo-leader', 'demo-nj-inspector']);
  await syncShippedRuleSets(deps);
  const inspector = await org.actor('demo-inspector');
  const isp = await makeEntity(deps, org.countyA1, {
    name: '宿迁测试接入商',
    providesPublicInfoService: true,
    services: [{ type: 'access', startDate: '2020-05-01', attributes: { usesNat: true } }],
  });
  const input = { entityId: isp.id, asOf: '2026-03-01', inspectionType: 'routine', mode: 'onSite' } as const;

  const frozen = await freezeChecklist(deps, inspector, input);
  // A stand-in for the inspection's own table: what was frozen, as stored JSON.
  const stored = JSON.parse(JSON.stringify(frozen)) as typeof frozen;
  const o151 = frozen.ruleSets.find((r) => r.id === 'O151')!;
  assert.equal(o151.version, '2018.1');
  const keys = frozen.items.map((i) => i.itemKey);
  assert.ok(keys.includes('O151-A10-7') && keys.includes('O151-A11-1') && !keys.includes('O151-A11-2'), keys.join(' '));
  assert.ok(!keys.some((k) => k.startsWith('O151-A9-')), 'scope items are not checklist lines');
  const access = frozen.items.find((i) => i.itemKey === 'O151-A11-1')!;
  assert.equal(access.snapshot.reason, 'service type access');
  assert.deepEqual(access.snapshot.citation, { document: 'O151', article: '11', clause: '1' });
  assert.ok(access.snapshot.text.zh.length > 0 && access.snapshot.text.en.length > 0);
  assert.deepEqual(frozen.items.map((i) => i.seq), frozen.items.map((_, i) => i + 1));
  // The same inputs give the same snapshot.
  assert.equal((await freezeChecklist(deps, inspector, input)).snapshotHash, frozen.snapshotHash);

  await importRuleSet(deps, await org.actor('demo-leader'), o151v2());
  const after = await freezeChecklist(deps, inspector, input);
  assert.equal(after.ruleSets.find((r) => r.id === 'O151')!.version, '2018.2');
  assert.notEqual(after.ruleSets.find((r) => r.id === 'O151')!.contentHash, o151.contentHash);
  const afterKeys = after.items.map((i) => i.itemKey);
  assert.ok(afterKeys.includes('O151-A10-8') && !afterKeys.includes('O151-A10-7'));
  assert.match(after.items.find((i) => i.itemKey === 'O151-A10-1')!.snapshot.text.zh, /（修订）$/);
  assert.notEqual(after.snapshotHash, frozen.snapshotHash);

  // The earlier snapshot is untouched: same items, same versions and hashes.
  assert.deepEqual(JSON.parse(JSON.stringify(frozen)), stored);
  assert.ok(stored.items.some((i) => i.itemKey === 'O151-A10-7'));
  assert.doesNotMatch(stored.items.find((i) => i.itemKey === 'O151-A10-1')!.snapshot.text.zh, /修订/);
});

test('checklist for another city\'s entity is NOT_FOUND; bad input is VALIDATION_FAILED', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-inspector', 'demo-nj-inspector']);
  await syncShippedRuleSets(deps);
  const nj = await makeEntity(deps, org.cityB, { name: '南京测试单位', services: [{ type: 'idc', startDate: '2019-01-01' }] });
  const input = { entityId: nj.id, asOf: '2026-03-01', inspectionType: 'routine', mode: 'onSite' } as const;
  await assert.rejects(freezeChecklist(deps, await org.actor('demo-inspector'), input), hasCode('NOT_FOUND'));
  const own = await freezeChecklist(deps, await org.actor('demo-nj-inspector'), input);
  assert.ok(own.items.some((i) => i.itemKey === 'O151-A11-2'));
  await assert.rejects(freezeChecklist(deps, await org.actor('demo-nj-inspector'), { ...input, asOf: '2026-02-30' }), hasCode('VALIDATION_FAILED'));
});

test('first use inside the caller\'s transaction (fresh database) loads the shipped sets in that transaction', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-inspector']);
  const inspector = await org.actor('demo-inspector');
  const e = await makeEntity(deps, org.cityA, { name: '宿迁首用公司', services: [{ type: 'dns', startDate: '2019-01-01' }] });
  const input = { entityId: e.id, asOf: '2026-03-01', inspectionType: 'routine', mode: 'onSite' } as const;
  const frozen = await deps.db.transaction().execute((trx) => freezeChecklist(deps, inspector, input, trx));
  assert.ok(frozen.items.some((i) => i.itemKey === 'O151-A11-3'));
  const stored = await deps.db.selectFrom('ruleSetVersions').select('ruleSetId').execute();
  assert.equal(stored.length, 7);
});
