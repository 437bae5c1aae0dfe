import assert from 'node:assert/strict';
import { test } from 'node:test';
import { focusFlags, type FocusFlag } from '../../src/rules/focus-flags';
import { loadFactsFixture, makeFacts, service } from './fixtures/facts';
import { shippedSet, shippedSets, variant } from './fixtures/rule-sets';

// Boundary convention (src/rules/focus-flags.ts): a record counts while
// date ≤ asOf < date + windowYears, i.e. up to the day before the anniversary.

const flagIds = (flags: FocusFlag[]) => flags.map((f) => f.criterionId);
const flag = (flags: FocusFlag[], id: string) => flags.find((f) => f.criterionId === id);

test('F1: a service started 2025-11-24 flags from that day to 2026-11-23, not on 2026-11-24', async () => {
  const o151 = await shippedSet('O151');
  const facts = makeFacts({ services: [service('idc', { id: 'svc-idc', startDate: '2025-11-24' })] });
  assert.deepEqual(flagIds(focusFlags(facts, [o151], '2025-11-23')), [], 'not yet started');
  assert.deepEqual(flagIds(focusFlags(facts, [o151], '2025-11-24')), ['O151-A9-F1']);
  const last = flag(focusFlags(facts, [o151], '2026-11-23'), 'O151-A9-F1');
  assert.deepEqual(last?.triggers, [{ kind: 'service', id: 'svc-idc', date: '2025-11-24', until: '2026-11-24' }]);
  assert.equal(last?.until, '2026-11-24');
  assert.deepEqual(last?.citation, { document: 'O151', article: '9', paragraph: '2', clause: null });
  assert.equal(last?.ruleSet.contentHash, o151.contentHash);
  assert.deepEqual(flagIds(focusFlags(facts, [o151], '2026-11-24')), []);
});

test('F1: a service started on 29 February stops flagging on 28 February of the next year', async () => {
  const o151 = await shippedSet('O151');
  const facts = makeFacts({ services: [service('cdn', { startDate: '2024-02-29' })] });
  assert.deepEqual(flagIds(focusFlags(facts, [o151], '2025-02-27')), ['O151-A9-F1']);
  assert.deepEqual(flagIds(focusFlags(facts, [o151], '2025-02-28')), []);
});

test('F1: the newest service decides when the flag lapses', async () => {
  const o151 = await shippedSet('O151');
  const facts = makeFacts({
    services: [service('icp', { id: 'a', startDate: '2026-01-10' }), service('dns', { id: 'b', startDate: '2026-03-01' }), service('idc', { id: 'c', startDate: '2020-01-01' })],
  });
  const f1 = flag(focusFlags(facts, [o151], '2026-06-01'), 'O151-A9-F1');
  assert.deepEqual(f1?.triggers.map((t) => t.id), ['b', 'a']);
  assert.equal(f1?.until, '2027-03-01');
});

test('F2: a confirmed incident counts for two years to the day before; dismissed or unconfirmed ones never', async () => {
  const o151 = await shippedSet('O151');
  const facts = makeFacts({
    incidents: [
      { id: 'inc-ok', date: '2024-06-10', status: 'confirmed' },
      { id: 'inc-dismissed', date: '2025-06-10', status: 'dismissed' },
      { id: 'inc-open', date: '2025-07-01', status: 'reported' },
    ],
  });
  const lastDay = flag(focusFlags(facts, [o151], '2026-06-09'), 'O151-A9-F2');
  assert.deepEqual(lastDay?.triggers, [{ kind: 'incident', id: 'inc-ok', date: '2024-06-10', until: '2026-06-10' }]);
  assert.deepEqual(flagIds(focusFlags(facts, [o151], '2026-06-10')), []);
  assert.deepEqual(flagIds(focusFlags(facts, [o151], '2024-06-09')), [], 'an incident after asOf does not count yet');
});

test('F2: an unlawful or criminal case counts like an incident, with the same boundary', async () => {
  const o151 = await shippedSet('O151');
  const portal = loadFactsFixture('news-portal'); // case 2025-03-18
  assert.deepEqual(flag(focusFlags(portal, [o151], '2027-03-17'), 'O151-A9-F2')?.triggers.map((t) => [t.kind, t.id]), [['case', 'case-2025-03']]);
  assert.equal(flag(focusFlags(portal, [o151], '2027-03-18'), 'O151-A9-F2'), undefined);
});

test('F3: a police penalty for cybersecurity duty flags with no time limit; other regulators and other categories do not', async () => {
  const o151 = await shippedSet('O151');
  const portal = loadFactsFixture('news-portal'); // police, cybersecurityDuty, 2017-11-02
  const f3 = flag(focusFlags(portal, [o151], '2026-06-01'), 'O151-A9-F3');
  assert.deepEqual(f3?.triggers, [{ kind: 'penalty', id: 'pen-2017-11', date: '2017-11-02', until: null }]);
  assert.equal(f3?.until, null);
  assert.equal(f3?.windowYears, null);

  const other = makeFacts({
    penalties: [
      { id: 'p1', date: '2025-01-01', authority: 'other', category: 'cybersecurityDuty' },
      { id: 'p2', date: '2025-01-01', authority: 'police', category: 'other' },
    ],
  });
  assert.deepEqual(flagIds(focusFlags(other, [o151], '2026-06-01')), []);
});

test('F3: a windowYears parameter in the data bounds the penalty like the other criteria', async () => {
  const o151 = await shippedSet('O151');
  const bounded = variant(o151, (f) => {
    const f3 = f.focusCriteria?.find((c) => c.id === 'O151-A9-F3');
    if (f3?.kind !== 'policePenalty') throw new Error('F3 missing');
    f3.windowYears = 3;
  });
  const facts = makeFacts({ penalties: [{ id: 'p', date: '2023-01-05', authority: 'police', category: 'cybersecurityDuty' }] });
  assert.equal(flag(focusFlags(facts, [bounded], '2026-01-04'), 'O151-A9-F3')?.until, '2026-01-05');
  assert.deepEqual(flagIds(focusFlags(facts, [bounded], '2026-01-05')), []);
  assert.deepEqual(flagIds(focusFlags(facts, [o151], '2026-01-05')), ['O151-A9-F3'], 'the shipped data has no window');
});

test('an entity can meet several criteria at once; none before Order 151 was in force', async () => {
  const sets = await shippedSets();
  const isp = loadFactsFixture('isp-with-nat'); // idc from 2025-11-24; confirmed incident 2024-07-01; other regulator's penalty
  assert.deepEqual(flagIds(focusFlags(isp, sets, '2026-06-01')), ['O151-A9-F1', 'O151-A9-F2']);
  const early = makeFacts({ services: [service('idc', { startDate: '2018-06-01' })] });
  assert.deepEqual(flagIds(focusFlags(early, sets, '2018-10-31')), []);
  assert.deepEqual(flagIds(focusFlags(early, sets, '2018-11-01')), ['O151-A9-F1']);
});
