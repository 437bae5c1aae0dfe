import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffRuleSets } from '../../src/rules/diff';
import { shippedSet, variant } from './fixtures/rule-sets';

test('a set compared with itself is identical', async () => {
  const o151 = await shippedSet('O151');
  const d = diffRuleSets(o151, o151);
  assert.equal(d.identical, true);
  assert.deepEqual([d.ruleSet, d.items.added, d.items.removed, d.items.changed], [[], [], [], []]);
});

test('a modified copy lists header, item, criterion changes field by field, and added and removed items', async () => {
  const o151 = await shippedSet('O151');
  const next = variant(o151, (f) => {
    f.ruleSet.version = '2018.2';
    f.ruleSet.effectiveTo = '2026-09-30';
    f.ruleSet.supersededBy = { ...f.ruleSet.supersededBy!, confirmed: true };
    const a103 = f.items.find((i) => i.id === 'O151-A10-3')!;
    a103.severity = 'M';
    a103.text.zh = `${a103.text.zh}（修订）`;
    a103.modes = ['onSite', 'remote'];
    f.items = f.items.filter((i) => i.id !== 'O151-A12-P2');
    f.items.push({ ...structuredClone(a103), id: 'O151-A10-8', citation: { document: 'O151', article: '10', clause: '8' } });
    const f2 = f.focusCriteria!.find((c) => c.id === 'O151-A9-F2')!;
    f2.windowYears = 3;
  });
  const d = diffRuleSets(o151, next);
  assert.equal(d.identical, false);
  assert.deepEqual(d.from, { id: 'O151', version: '2018.1' });
  assert.deepEqual(d.to, { id: 'O151', version: '2018.2' });
  assert.deepEqual(d.ruleSet.map((c) => [c.path, c.before, c.after]), [
    ['effectiveTo', null, '2026-09-30'],
    ['supersededBy.confirmed', false, true],
    ['version', '2018.1', '2018.2'],
  ]);
  assert.deepEqual(d.items.added.map((i) => i.id), ['O151-A10-8']);
  assert.deepEqual(d.items.removed.map((i) => i.id), ['O151-A12-P2']);
  assert.equal(d.items.changed.length, 1);
  const change = d.items.changed[0]!;
  assert.equal(change.id, 'O151-A10-3');
  assert.deepEqual(change.changes.map((c) => c.path), ['modes', 'severity', 'text.zh']);
  assert.deepEqual(change.changes.find((c) => c.path === 'severity'), { path: 'severity', before: 'H', after: 'M' });
  assert.deepEqual(d.focusCriteria.changed, [{ id: 'O151-A9-F2', changes: [{ path: 'windowYears', before: 2, after: 3 }] }]);
});

test('CSL 2016 → 2025 shows the renumbering as citation changes and the raised fines as topic changes', async () => {
  const d = diffRuleSets(await shippedSet('CSL', '2016.1'), await shippedSet('CSL', '2025.1'));
  const log = d.items.changed.find((c) => c.id === 'CSL-LOG');
  assert.deepEqual(log?.changes, [{ path: 'citation.article', before: '21', after: '23' }]);
  const mlps = d.topics.changed.find((c) => c.id === 'CSL-PEN-MLPS');
  assert.ok(mlps?.changes.some((c) => c.path === 'citation.article' && c.before === '59' && c.after === '61'));
  assert.ok(mlps?.changes.some((c) => c.path === 'tiers'));
  assert.deepEqual(d.topics.added, []);
});
