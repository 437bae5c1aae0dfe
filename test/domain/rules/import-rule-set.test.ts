import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../../src/domain/errors';
import { importRuleSet, listRuleSets, diffRuleSetVersions, syncShippedRuleSets } from '../../../src/domain/rules';
import { testDeps } from '../../support/db';
import { seedOrg } from '../../support/org';
import { o151v2, rawShipped } from './support';

const hasCode = (code: string) => (err: unknown) => isAppError(err) && err.code === code;

async function auditCount(deps: Awaited<ReturnType<typeof testDeps>>, action: string): Promise<number> {
  const r = await deps.db.selectFrom('auditLog').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action).executeTakeFirstOrThrow();
  return Number(r.n);
}

test('shipped sets load once: a second sync adds no version and no audit entry', async (t) => {
  const deps = await testDeps(t);
  const first = await syncShippedRuleSets(deps);
  assert.equal(first.created.length, 7);
  assert.equal(await auditCount(deps, 'rules.versionImported'), 7);
  const again = await syncShippedRuleSets(deps);
  assert.deepEqual(again, { created: [], unchanged: 7, skipped: [] });
  assert.equal(await auditCount(deps, 'rules.versionImported'), 7);
  const rows = await deps.db.selectFrom('ruleSetVersions').select(['ruleSetId', 'version', 'source', 'importedBy']).execute();
  assert.equal(rows.length, 7);
  assert.ok(rows.every((r) => r.source === 'shipped' && r.importedBy === null));
});

test('importing a changed file stores a new version (audited); the same content again is a no-op', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-leader', 'demo-inspector']);
  await syncShippedRuleSets(deps);
  const leader = await org.actor('demo-leader');

  const created = await importRuleSet(deps, leader, o151v2());
  assert.equal(created.status, 'created');
  assert.equal(created.version.version, '2018.2');
  assert.equal(created.version.source, 'import');
  assert.equal(created.version.importedBy, leader.userId);
  assert.deepEqual(created.previous, { version: '2018.1', added: 1, removed: 1, changed: 1, headerChanged: true });
  const entry = await deps.db.selectFrom('auditLog').selectAll().where('action', '=', 'rules.versionImported').where('actorId', '=', leader.userId).executeTakeFirstOrThrow();
  assert.equal(entry.targetId, created.version.id);
  assert.equal(entry.summary.contentHash, created.version.contentHash);

  const same = await importRuleSet(deps, leader, o151v2());
  assert.equal(same.status, 'unchanged');
  assert.equal(same.version.id, created.version.id);
  // Key order and formatting do not matter: the hash is over canonical JSON.
  const reordered = JSON.parse(JSON.stringify(o151v2(), (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v))) as unknown;
  assert.equal((await importRuleSet(deps, leader, reordered)).status, 'unchanged');
  assert.equal(await auditCount(deps, 'rules.versionImported'), 8);

  const list = await listRuleSets(deps, leader, { asOf: '2026-03-01' });
  const o151 = list.sets.find((s) => s.id === 'O151')!;
  assert.deepEqual(o151.versions.map((v) => v.version), ['2018.1', '2018.2']);
  assert.equal(o151.governingVersion, '2018.2');

  const diff = await diffRuleSetVersions(deps, leader, { a: { setId: 'O151', version: '2018.1' }, b: { setId: 'O151', version: '2018.2' } });
  assert.deepEqual(diff.items.added.map((i) => i.id), ['O151-A10-8']);
  assert.deepEqual(diff.items.removed.map((i) => i.id), ['O151-A10-7']);
  assert.deepEqual(diff.items.changed.map((c) => [c.id, c.changes.map((ch) => ch.path)]), [['O151-A10-1', ['text.en', 'text.zh']]]);
});

test('an invalid file is VALIDATION_FAILED with every issue; a reused version with other content is CONFLICT', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-leader', 'demo-inspector']);
  await syncShippedRuleSets(deps);
  const leader = await org.actor('demo-leader');

  const bad = rawShipped('o151.json') as unknown as { ruleSet: { effectiveFrom: string }; items: { id: string; severity: unknown }[] };
  bad.ruleSet.effectiveFrom = '2018-13-01';
  bad.items[4]!.severity = null;
  await assert.rejects(importRuleSet(deps, leader, bad), (err: unknown) => {
    assert.ok(isAppError(err) && err.code === 'VALIDATION_FAILED');
    const issues = err.details?.issues as { path: string; message: string }[];
    assert.ok(issues.some((i) => i.path === 'ruleSet.effectiveFrom'), JSON.stringify(issues));
    assert.ok(issues.some((i) => i.path === 'items.4.severity'), JSON.stringify(issues));
    return true;
  });
  await assert.rejects(importRuleSet(deps, leader, 'not a rule set'), hasCode('VALIDATION_FAILED'));

  const unknownTopic = o151v2();
  unknownTopic.items[4]!.penaltyTopic = 'CSL-PEN-NOPE';
  await assert.rejects(importRuleSet(deps, leader, unknownTopic), hasCode('VALIDATION_FAILED'));

  const reused = rawShipped('o151.json');
  reused.items[4]!.text.en += ' (changed without a new version)';
  await assert.rejects(importRuleSet(deps, leader, reused), hasCode('CONFLICT'));

  await assert.rejects(importRuleSet(deps, await org.actor('demo-inspector'), o151v2()), hasCode('FORBIDDEN'));
  assert.equal(await deps.db.selectFrom('ruleSetVersions').select('id').where('ruleSetId', '=', 'O151').execute().then((r) => r.length), 1);
});

test('stored versions are immutable', async (t) => {
  const deps = await testDeps(t);
  await syncShippedRuleSets(deps);
  await assert.rejects(deps.db.updateTable('ruleSetVersions').set({ status: 'draft' }).where('ruleSetId', '=', 'O151').execute(), /immutable/);
  await assert.rejects(deps.db.deleteFrom('ruleSetVersions').where('ruleSetId', '=', 'O151').execute(), /immutable/);
});
