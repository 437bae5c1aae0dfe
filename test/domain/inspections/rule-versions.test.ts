import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getChecklist } from '../../../src/domain/inspections/checklist';
import { issueInspectionNotice } from '../../../src/domain/inspections/notice';
import { startInspection } from '../../../src/domain/inspections/start-inspection';
import { importRuleSet } from '../../../src/domain/rules';
import * as store from '../../../src/store/inspections.store';
import { o151v2 } from '../rules/support';
import { approvedPlan, inProgressInspection, world } from './support';

test('an inspection keeps the checklist it froze; a rule set imported later only reaches new inspections', async (t) => {
  const w = await world(t);
  const scope = { kind: 'units' as const, unitId: w.org.cityA.id, unitPath: w.org.cityA.path };

  // Started before the import: O151 2018.1 (stored in the database by the rules module).
  const { inspectionId: before } = await inProgressInspection(w);
  const old = await getChecklist(w.deps, w.inspector, { inspectionId: before });
  const oldKeys = old.items.map((i) => i.itemKey);
  assert.ok(oldKeys.includes('O151-A10-1') && oldKeys.includes('O151-A10-7'), oldKeys.join(' '));
  assert.ok(old.items.filter((i) => i.itemKey.startsWith('O151-')).every((i) => i.ruleSetVersion === '2018.1'));
  assert.deepEqual(old.items.map((i) => i.seq), old.items.map((_, n) => n + 1));
  const oldA101 = old.items.find((i) => i.itemKey === 'O151-A10-1')!;
  assert.doesNotMatch(oldA101.snapshot.text.zh, /修订/);
  const oldSets = (await store.findInspection(w.deps.db, scope, before))!.ruleSets!;
  assert.equal(oldSets.find((r) => r.id === 'O151')?.version, '2018.1');

  // A modified O151 is imported through the rules use case (the leader has rules.manage).
  const imported = await importRuleSet(w.deps, w.leader, o151v2());
  assert.equal(imported.status, 'created');

  // The running inspection is untouched: same items, same versions, same text.
  const still = await getChecklist(w.deps, w.inspector, { inspectionId: before });
  assert.deepEqual(still.items.map((i) => [i.itemKey, i.ruleSetVersion, i.snapshot.text.zh]), old.items.map((i) => [i.itemKey, i.ruleSetVersion, i.snapshot.text.zh]));
  assert.deepEqual((await store.findInspection(w.deps.db, scope, before))!.ruleSets, oldSets);

  // A new inspection freezes the new version.
  const { inspections } = await approvedPlan(w, { title: '导入新版本后的检查' });
  const after = inspections[0]!.id;
  await issueInspectionNotice(w.deps, w.leader, { inspectionId: after });
  await startInspection(w.deps, w.inspector, { inspectionId: after });
  const fresh = await getChecklist(w.deps, w.inspector, { inspectionId: after });
  const freshKeys = fresh.items.map((i) => i.itemKey);
  assert.ok(freshKeys.includes('O151-A10-8') && !freshKeys.includes('O151-A10-7'), freshKeys.join(' '));
  assert.ok(fresh.items.filter((i) => i.itemKey.startsWith('O151-')).every((i) => i.ruleSetVersion === '2018.2'));
  assert.match(fresh.items.find((i) => i.itemKey === 'O151-A10-1')!.snapshot.text.zh, /（修订）$/);
  const freshSets = (await store.findInspection(w.deps.db, scope, after))!.ruleSets!;
  assert.equal(freshSets.find((r) => r.id === 'O151')?.version, '2018.2');
  assert.notEqual(freshSets.find((r) => r.id === 'O151')?.contentHash, oldSets.find((r) => r.id === 'O151')?.contentHash);
});
