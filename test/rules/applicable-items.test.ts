import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAppError } from '../../src/domain/errors';
import { applicableItems, type ApplicableItemsOptions } from '../../src/rules/applicable-items';
import type { ServiceType } from '../../src/rules/schema';
import { loadFactsFixture, makeFacts, service } from './fixtures/facts';
import { shippedSet, shippedSets, variant } from './fixtures/rule-sets';

const routineOnSite: ApplicableItemsOptions = { inspectionType: 'routine', mode: 'onSite' };
const art10 = ['O151-A10-1', 'O151-A10-2', 'O151-A10-3', 'O151-A10-4', 'O151-A10-5', 'O151-A10-6', 'O151-A10-7'];
const art11: Record<ServiceType, string[]> = {
  access: ['O151-A11-1'],
  idc: ['O151-A11-2'],
  dns: ['O151-A11-3'],
  icp: ['O151-A11-4'],
  cdn: ['O151-A11-5'],
  publicAccess: ['O151-A11-6'],
  other: [],
};

const ids = (r: { items: { item: { id: string } }[] }) => r.items.map((i) => i.item.id);
const reasonOf = (r: { items: { item: { id: string }; reason: string }[] }, id: string) => r.items.find((i) => i.item.id === id)?.reason;

for (const [type, expected] of Object.entries(art11) as [ServiceType, string[]][]) {
  test(`Order 151: a provider of ${type} gets the Art 10 items plus exactly its Art 11 item`, async () => {
    const o151 = await shippedSet('O151');
    const facts = makeFacts({ services: [service(type)], providesPublicInfoService: true });
    const result = applicableItems(facts, [o151], '2026-06-01', routineOnSite);
    assert.deepEqual(ids(result), [...art10, ...expected]);
    assert.equal(reasonOf(result, 'O151-A10-1'), 'all entities');
    if (expected[0]) assert.equal(reasonOf(result, expected[0]), `service type ${type}`);
    assert.deepEqual(result.ruleSets, [{ id: 'O151', version: '2018.1', contentHash: o151.contentHash }]);
  });
}

test('Order 151: a provider of several services gets one Art 11 item per service type', async () => {
  const o151 = await shippedSet('O151');
  const facts = makeFacts({ services: [service('cdn'), service('access'), service('icp')], providesPublicInfoService: true });
  const got = ids(applicableItems(facts, [o151], '2026-06-01', routineOnSite)).filter((id) => id.startsWith('O151-A11'));
  assert.deepEqual(got, ['O151-A11-1', 'O151-A11-4', 'O151-A11-5']);
});

test('Order 151: conditions narrow Art 10 — no public information service, no records to keep; networked users get Art 10 only', async () => {
  const o151 = await shippedSet('O151');
  const quiet = makeFacts({ services: [service('idc')], keepsRecords: false });
  assert.deepEqual(ids(applicableItems(quiet, [o151], '2026-06-01', routineOnSite)), [
    'O151-A10-1', 'O151-A10-2', 'O151-A10-4', 'O151-A10-6', 'O151-A10-7', 'O151-A11-2',
  ]);
  const user = makeFacts({ entityKind: 'networkUser', providesPublicInfoService: true });
  const result = applicableItems(user, [o151], '2026-06-01', routineOnSite);
  assert.deepEqual(ids(result), art10);
  assert.equal(reasonOf(result, 'O151-A10-5'), 'provides public information service');
  assert.equal(reasonOf(result, 'O151-A10-3'), 'keeps user records');
});

test('a remote inspection lists only the items that can be checked remotely', async () => {
  const o151 = await shippedSet('O151');
  const facts = makeFacts({ services: [service('icp'), service('idc')], providesPublicInfoService: true });
  const remote = applicableItems(facts, [o151], '2026-06-01', { inspectionType: 'routine', mode: 'remote' });
  assert.deepEqual(ids(remote), ['O151-A10-1', 'O151-A10-4', 'O151-A10-5', 'O151-A10-7', 'O151-A11-4']);
});

test('services not yet started or already ended on asOf bring no service items', async () => {
  const o151 = await shippedSet('O151');
  const facts = makeFacts({
    services: [service('cdn', { startDate: '2026-06-02' }), service('dns', { startDate: '2020-01-01', endDate: '2026-05-31' })],
  });
  const got = ids(applicableItems(facts, [o151], '2026-06-01', routineOnSite));
  assert.ok(!got.includes('O151-A11-5') && !got.includes('O151-A11-3'));
  const dayOfEnd = ids(applicableItems(facts, [o151], '2026-05-31', routineOnSite));
  assert.ok(dayOfEnd.includes('O151-A11-3'), 'the last day of a service still counts');
});

test('Art 12 items need a major security task or a counter-terror key target (P2, a scope row)', async () => {
  const o151 = await shippedSet('O151');
  const facts = makeFacts({ services: [service('access')] });
  const special = { inspectionType: 'special', mode: 'onSite' } as const;
  const art12 = (r: ReturnType<typeof applicableItems>) => ids(r).filter((id) => id.startsWith('O151-A12'));
  assert.deepEqual(art12(applicableItems(facts, [o151], '2026-06-01', special)), []);
  const task = applicableItems(facts, [o151], '2026-06-01', { ...special, majorSecurityTask: true });
  assert.deepEqual(art12(task), ['O151-A12-1', 'O151-A12-2', 'O151-A12-3', 'O151-A12-4', 'O151-A12-5']);
  assert.equal(reasonOf(task, 'O151-A12-2'), 'major security task');
  const target = applicableItems({ ...facts, isCounterTerrorTarget: true }, [o151], '2026-06-01', routineOnSite);
  assert.deepEqual(art12(target), ['O151-A12-1', 'O151-A12-2', 'O151-A12-3', 'O151-A12-4', 'O151-A12-5']);
  assert.equal(reasonOf(target, 'O151-A12-1'), 'counter-terror key target');
  const scope = applicableItems({ ...facts, isCounterTerrorTarget: true }, [o151], '2026-06-01', { ...routineOnSite, kinds: ['scope'] });
  assert.deepEqual(ids(scope), ['O151-A9-1', 'O151-A12-P2']);
});

test('Order 82: NAT, ICP features, IDC and networked users select their rows', async () => {
  const o82 = await shippedSet('O82');
  const o82Ids = (facts: ReturnType<typeof makeFacts>) => applicableItems(facts, [o82], '2026-06-01', routineOnSite);

  const isp = o82Ids(loadFactsFixture('isp-with-nat'));
  assert.equal(reasonOf(isp, 'O82-A8-2'), 'service type access; uses NAT');
  assert.equal(reasonOf(isp, 'O82-A10-1'), 'service type idc');
  assert.ok(ids(isp).includes('O82-A10-2') && ids(isp).includes('O82-A12'));
  assert.ok(!ids(isp).includes('O82-A10-3'), 'Art 10(3) is for networked users');
  assert.ok(!ids(o82Ids(makeFacts({ services: [service('access')] }))).includes('O82-A8-2'), 'no NAT, no mapping duty');

  const portal = o82Ids(loadFactsFixture('news-portal'));
  assert.deepEqual(ids(portal).filter((id) => id.startsWith('O82-A9')), ['O82-A9-1', 'O82-A9-2', 'O82-A9-3', 'O82-A9-4']);
  assert.equal(reasonOf(portal, 'O82-A9-2'), 'service type icp; ICP feature news, bbs');
  const mail = o82Ids(makeFacts({ services: [service('icp', { icpFeatures: ['email'] })] }));
  assert.deepEqual(ids(mail).filter((id) => id.startsWith('O82-A9')), ['O82-A9-1', 'O82-A9-5']);

  const hotel = o82Ids(loadFactsFixture('hotel-wifi'));
  assert.equal(reasonOf(hotel, 'O82-A10-3'), 'networked user; uses NAT');
  assert.equal(reasonOf(hotel, 'O82-A10-1'), 'networked user');
  assert.ok(!ids(hotel).includes('O82-A10-2'), 'no public information service');
  assert.ok(!ids(hotel).includes('O82-A12'), 'the interface duty is for providers');
  assert.ok(!ids(hotel).includes('O82-A16'), 'procedure rows are not checklist lines');
  assert.ok(!ids(o82Ids(makeFacts({ services: [service('cdn')] }))).includes('O82-A12'), 'Order 82 Art 18 does not list CDN');
});

test('MLPS items follow the highest protection level', async () => {
  const mlps = await shippedSet('MLPS');
  const at = (level: number) => ids(applicableItems(makeFacts({ mlpsSystems: [{ level, filedAt: null }] }), [mlps], '2026-06-01', routineOnSite));
  assert.deepEqual(at(1), ['MLPS-GRADE']);
  assert.deepEqual(at(2), ['MLPS-GRADE', 'MLPS-FILE']);
  assert.deepEqual(at(4), ['MLPS-GRADE', 'MLPS-FILE', 'MLPS-EVAL', 'MLPS-SELF']);
});

test('scope items come only when asked for', async () => {
  const o151 = await shippedSet('O151');
  const facts = makeFacts({ services: [service('dns'), service('publicAccess')] });
  const scope = applicableItems(facts, [o151], '2026-06-01', { ...routineOnSite, kinds: ['scope'] });
  assert.deepEqual(ids(scope), ['O151-A9-1', 'O151-A9-3']);
});

test('only rule sets in force on asOf apply: not before effectiveFrom, not after effectiveTo', async () => {
  const o151 = await shippedSet('O151');
  const facts = makeFacts({ services: [service('idc', { startDate: '2010-01-01' })] });
  assert.deepEqual(ids(applicableItems(facts, [o151], '2018-10-31', routineOnSite)), []);
  assert.ok(ids(applicableItems(facts, [o151], '2018-11-01', routineOnSite)).includes('O151-A11-2'));

  const future = variant(o151, (f) => {
    f.ruleSet.id = 'O999';
    f.ruleSet.effectiveFrom = '2027-01-01';
    f.ruleSet.supersededBy = undefined;
    f.focusCriteria = [];
    f.items = f.items.map((i) => ({ ...i, id: i.id.replace('O151', 'O999'), citation: { ...i.citation, document: 'O999' } }));
  });
  const beforeStart = applicableItems(facts, [o151, future], '2026-12-31', routineOnSite);
  assert.ok(!ids(beforeStart).some((id) => id.startsWith('O999')));
  assert.deepEqual(beforeStart.ruleSets.map((r) => r.id), ['O151']);
  assert.ok(ids(applicableItems(facts, [future], '2027-01-01', routineOnSite)).includes('O999-A11-2'));

  const expired = variant(o151, (f) => {
    f.ruleSet.effectiveTo = '2026-09-30';
    f.ruleSet.supersededBy = { ...f.ruleSet.supersededBy!, confirmed: true };
  });
  assert.ok(ids(applicableItems(facts, [expired], '2026-09-30', routineOnSite)).includes('O151-A11-2'), 'effectiveTo is the last day in force');
  assert.deepEqual(ids(applicableItems(facts, [expired], '2026-10-01', routineOnSite)), []);
});

test('of two versions of a set in force, the later one applies, and its hash is reported', async () => {
  const o151 = await shippedSet('O151');
  const corrected = variant(o151, (f) => {
    f.ruleSet.version = '2018.2';
    f.items = f.items.filter((i) => i.id !== 'O151-A10-6');
  });
  const facts = makeFacts({ services: [service('idc')] });
  const result = applicableItems(facts, [corrected, o151], '2026-06-01', routineOnSite);
  assert.ok(!ids(result).includes('O151-A10-6'));
  assert.deepEqual(result.ruleSets, [{ id: 'O151', version: '2018.2', contentHash: corrected.contentHash }]);
  assert.notEqual(corrected.contentHash, o151.contentHash);
});

test('drafts stay out unless asked for, and then come with a warning; Order 151 warns from Order 176\'s date', async () => {
  const sets = await shippedSets();
  const facts = makeFacts({ isCii: true, services: [service('idc')] });
  const before = applicableItems(facts, sets, '2026-09-30', routineOnSite);
  assert.deepEqual(before.warnings, []);
  assert.ok(!ids(before).includes('O176-ANNUAL'));

  const after = applicableItems(facts, sets, '2026-10-01', routineOnSite);
  assert.ok(ids(after).includes('O151-A10-1'), 'Order 151 still loads: the repeal is unconfirmed');
  assert.deepEqual(after.warnings.map((w) => [w.code, w.ruleSet.id]), [['possiblySuperseded', 'O151']]);
  assert.ok(!ids(after).includes('O176-ANNUAL'));

  const withDraft = applicableItems(facts, sets, '2026-10-01', { ...routineOnSite, includeDraft: true });
  assert.equal(reasonOf(withDraft, 'O176-ANNUAL'), 'critical information infrastructure');
  assert.deepEqual(withDraft.warnings.map((w) => w.code).sort(), ['draftRuleSet', 'possiblySuperseded']);
});

test('the CSL version in force on asOf is the one applied', async () => {
  const sets = await shippedSets();
  const facts = makeFacts({ services: [service('access')] });
  const log = (asOf: string) => applicableItems(facts, sets, asOf, routineOnSite).items.find((i) => i.item.id === 'CSL-LOG');
  assert.equal(log('2025-12-31')?.item.citation.article, '21');
  assert.equal(log('2025-12-31')?.ruleSet.version, '2016.1');
  assert.equal(log('2026-01-01')?.item.citation.article, '23');
  assert.equal(log('2026-01-01')?.ruleSet.version, '2025.1');
});

test('a malformed asOf is a validation error', async () => {
  const o151 = await shippedSet('O151');
  assert.throws(
    () => applicableItems(makeFacts(), [o151], '2026-02-30', routineOnSite),
    (err: unknown) => isAppError(err) && err.code === 'VALIDATION_FAILED',
  );
});
