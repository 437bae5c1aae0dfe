import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../src/domain/errors';
import { penaltyRange } from '../../src/rules/penalty-range';
import { shippedSets } from './fixtures/rule-sets';

const hasCode = (code: string) => (err: unknown) => isAppError(err) && err.code === code;

test('CSL-PEN-MLPS switches from 2016 Art 59 to 2025 Art 61 on 2026-01-01 (violation date)', async () => {
  const sets = await shippedSets();
  const old = penaltyRange(sets, 'CSL-PEN-MLPS', '2025-12-31', 'refusalOrHarm');
  assert.equal(old.citation.article, '59');
  assert.equal(old.ruleSet.version, '2016.1');
  assert.deepEqual([old.entity?.min, old.entity?.max, old.persons?.min, old.persons?.max], [10000, 100000, 5000, 50000]);

  const now = penaltyRange(sets, 'CSL-PEN-MLPS', '2026-01-01', 'refusalOrHarm');
  assert.equal(now.citation.article, '61');
  assert.equal(now.ruleSet.version, '2025.1');
  assert.deepEqual([now.entity?.min, now.entity?.max, now.persons?.min, now.persons?.max], [50000, 500000, 10000, 100000]);
});

test('first-instance and higher tiers follow the version: 2016 had no fine at first and no serious tier', async () => {
  const sets = await shippedSets();
  const first2016 = penaltyRange(sets, 'CSL-PEN-MLPS', '2025-06-01', 'first');
  assert.equal(first2016.entity, null);
  assert.deepEqual(first2016.measures, ['correctionOrder', 'warning']);
  const first2025 = penaltyRange(sets, 'CSL-PEN-MLPS', '2026-06-01', 'first');
  assert.deepEqual(first2025.entity, { min: 10000, max: 50000, optional: true });

  assert.throws(() => penaltyRange(sets, 'CSL-PEN-MLPS', '2025-06-01', 'serious'), (err: unknown) =>
    hasCode('RULE_VIOLATION')(err) && isAppError(err) && (err.details?.available as string[]).includes('cii/refusalOrHarm'));
  const serious = penaltyRange(sets, 'CSL-PEN-MLPS', '2026-06-01', 'especiallySerious');
  assert.deepEqual([serious.entity?.min, serious.entity?.max], [2000000, 10000000]);
});

test('CII operators have their own ranges', async () => {
  const sets = await shippedSets();
  const cii = penaltyRange(sets, 'CSL-PEN-MLPS', '2025-06-01', 'refusalOrHarm', { subject: 'cii' });
  assert.deepEqual([cii.entity?.min, cii.entity?.max, cii.persons?.max], [100000, 1000000, 100000]);
  assert.equal(cii.subject, 'cii');
});

test('obstruction moves from Art 69(2) to Art 70(1) with unchanged ranges', async () => {
  const sets = await shippedSets();
  const old = penaltyRange(sets, 'CSL-PEN-OBSTRUCT', '2025-12-31', 'refusalOrHarm');
  const now = penaltyRange(sets, 'CSL-PEN-OBSTRUCT', '2026-01-01', 'refusalOrHarm');
  assert.deepEqual([old.citation.article, old.citation.clause], ['69', '2']);
  assert.deepEqual([now.citation.article, now.citation.clause], ['70', '1']);
  assert.deepEqual(now.entity, old.entity);
  assert.deepEqual(now.persons, old.persons);
});

test('content: 2016 Art 68 also cites 69(1); 2025 Art 69 raises the ranges', async () => {
  const sets = await shippedSets();
  const old = penaltyRange(sets, 'CSL-PEN-CONTENT', '2025-12-31', 'refusalOrHarm');
  assert.deepEqual(old.alsoCites, [{ document: 'CSL', article: '69', clause: '1' }]);
  assert.deepEqual([old.entity?.min, old.entity?.max], [100000, 500000]);
  const now = penaltyRange(sets, 'CSL-PEN-CONTENT', '2026-01-01', 'refusalOrHarm');
  assert.deepEqual([now.citation.article, now.entity?.min, now.entity?.max], ['69', 500000, 2000000]);
});

test('no topic in force on the violation date is NOT_FOUND; Order 33 topics are marked unverified', async () => {
  const sets = await shippedSets();
  assert.throws(() => penaltyRange(sets, 'CSL-PEN-MLPS', '2017-05-31', 'first'), hasCode('NOT_FOUND'));
  assert.throws(() => penaltyRange(sets, 'CSL-PEN-NOPE', '2026-01-01', 'first'), hasCode('NOT_FOUND'));
  const o33 = penaltyRange(sets, 'O33-A21', '2010-05-01', 'refusalOrHarm');
  assert.deepEqual([o33.entity?.max, o33.persons?.max, o33.confidence], [15000, 5000, 'unverified']);
});
