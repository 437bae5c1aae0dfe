import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actorFromUser } from '../../../src/domain/auth/actor';
import { AppError } from '../../../src/domain/errors';
import { getEntity } from '../../../src/domain/registry/read-entities';
import { getFiling, listFilings, ZListFilingsQuery } from '../../../src/domain/registry/read-filings';
import { cancelFiling, reviewFiling } from '../../../src/domain/registry/review-filing';
import { createFiling, saveFiling, submitFiling } from '../../../src/domain/registry/submit-filing';
import { ZFilingPayload } from '../../../src/domain/registry/filing';
import { createUser } from '../../../src/domain/users/manage-users';
import { testDeps } from '../../support/db';
import { DEMO_PASSWORD, seedOrg } from '../../support/org';
import { makeEntity, makeUscc } from './fixtures';

const hasCode = (code: string) => (err: unknown) => err instanceof AppError && err.code === code;

test('public-security filing workflow', async (t) => {
  const deps = await testDeps(t);
  deps.setNow(new Date('2026-04-10T02:00:00Z'));
  const org = await seedOrg(deps, ['demo-inspector', 'demo-inspector2', 'demo-nj-inspector', 'demo-county-inspector']);
  const inspector = await org.actor('demo-inspector');
  const inspector2 = await org.actor('demo-inspector2');
  const nj = await org.actor('demo-nj-inspector');

  const a = await makeEntity(deps, inspector, { unitId: org.countyA1.id });
  const b = await makeEntity(deps, inspector, { unitId: org.countyA1.id });
  const portalRow = await createUser(deps, org.system, { username: 'portal-a', displayName: '甲单位安全员', kind: 'portal', unitId: org.countyA1.id, entityId: a.entity.id, password: DEMO_PASSWORD, mustChangePassword: false });
  const portal = actorFromUser(portalRow, { ip: null, source: 'web' });

  const payloadOf = (over: Record<string, unknown> = {}) => ZFilingPayload.parse({
    kind: a.entity.kind, type: a.entity.type, name: a.entity.name, uscc: a.entity.uscc, address: '江苏省宿迁市宿城区新地址88号',
    regionCode: a.entity.regionCode, serviceStartDate: a.entity.serviceStartDate, isCii: false, isCounterTerrorTarget: false,
    providesPublicInfoService: true, people: { contact: { name: '周联系', phone: '13611112222' } }, ...over,
  });

  let filingId = '';

  await t.test('the portal user opens a draft for its own entity only', async () => {
    await assert.rejects(createFiling(deps, portal, { entityId: b.entity.id, submit: false }), hasCode('NOT_FOUND'));
    const draft = await createFiling(deps, portal, { entityId: a.entity.id, payload: payloadOf(), submit: false });
    assert.equal(draft.status, 'draft');
    filingId = draft.id;
    await assert.rejects(createFiling(deps, portal, { entityId: a.entity.id, submit: true }), hasCode('CONFLICT'));
    const detail = await getFiling(deps, portal, filingId);
    assert.equal(detail.payload.address, '江苏省宿迁市宿城区新地址88号');
    // Omitted people keep the data on record; the given contact replaces the old one.
    assert.equal(detail.payload.people.legalRepresentative?.name, '王大明');
    assert.equal(detail.payload.people.contact?.phone, '13611112222');
    assert.equal(JSON.stringify(detail.filing.payload).includes('13611112222'), false); // sealed at rest
  });

  await t.test('draft → submitted; portal cannot review; a return needs reasons', async () => {
    await saveFiling(deps, portal, { filingId, payload: payloadOf({ name: `${a.entity.name}（备案名）` }) });
    const submitted = await submitFiling(deps, portal, { filingId });
    assert.equal(submitted.status, 'submitted');
    await assert.rejects(reviewFiling(deps, portal, { filingId, decision: 'approve' }), hasCode('FORBIDDEN'));
    await assert.rejects(reviewFiling(deps, nj, { filingId, decision: 'approve' }), hasCode('NOT_FOUND'));
    await assert.rejects(saveFiling(deps, portal, { filingId, payload: payloadOf() }), hasCode('INVALID_STATE'));
    const returned = await reviewFiling(deps, inspector, { filingId, decision: 'return', reasons: ['联系人电话无法接通', '地址不详'] });
    assert.equal(returned.status, 'returned');
    assert.deepEqual(returned.returnReasons, ['联系人电话无法接通', '地址不详']);
    assert.equal((await getEntity(deps, inspector, a.entity.id)).entity.address, a.entity.address); // nothing applied
  });

  await t.test('approval assigns the gap-free number and applies the snapshot', async () => {
    assert.equal((await submitFiling(deps, portal, { filingId })).status, 'submitted');
    await assert.rejects(reviewFiling(deps, inspector, { filingId, decision: 'return', reasons: [] }), hasCode('VALIDATION_FAILED'));
    const approved = await reviewFiling(deps, inspector, { filingId, decision: 'approve', comment: '材料齐全' });
    assert.equal(approved.status, 'approved');
    assert.equal(approved.filingNumber, '32130220260001'); // 宿城区 321302, 2026, first
    const entity = (await getEntity(deps, inspector, a.entity.id)).entity;
    assert.equal(entity.status, 'active');
    assert.equal(entity.address, '江苏省宿迁市宿城区新地址88号');
    assert.equal(entity.name, `${a.entity.name}（备案名）`);
    assert.equal(entity.psbFilingNumber, '32130220260001');
    await assert.rejects(reviewFiling(deps, inspector, { filingId, decision: 'approve' }), hasCode('INVALID_STATE'));
  });

  await t.test('a change is reviewed again and keeps its number; a returned change is resubmitted as a change', async () => {
    await assert.rejects(submitFiling(deps, portal, { filingId }), hasCode('VALIDATION_FAILED'));
    const change = await submitFiling(deps, portal, { filingId, payload: payloadOf({ address: '江苏省宿迁市宿城区第三地址1号' }) });
    assert.equal(change.status, 'changeSubmitted');
    assert.equal((await reviewFiling(deps, inspector, { filingId, decision: 'return', reasons: ['请附租赁合同'] })).status, 'returned');
    assert.equal((await submitFiling(deps, portal, { filingId })).status, 'changeSubmitted');
    const approved = await reviewFiling(deps, inspector2, { filingId, decision: 'approve' });
    assert.equal(approved.filingNumber, '32130220260001');
    assert.equal((await getEntity(deps, inspector, a.entity.id)).entity.address, '江苏省宿迁市宿城区第三地址1号');
    const versions = (await getFiling(deps, inspector, filingId)).versions;
    assert.deepEqual(versions.map((v) => v.status), ['draft', 'draft', 'submitted', 'returned', 'submitted', 'approved', 'changeSubmitted', 'returned', 'changeSubmitted', 'approved']);
    assert.deepEqual(versions.map((v) => v.version), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  await t.test('the submitter cannot review; a failed approval gives its number back', async () => {
    const fb = await createFiling(deps, inspector, { entityId: b.entity.id, payload: payloadOf({ uscc: b.entity.uscc, name: b.entity.name }), submit: true });
    await assert.rejects(reviewFiling(deps, inspector, { filingId: fb.id, decision: 'approve' }), hasCode('RULE_VIOLATION'));
    // The USCC gets taken after submission: approval fails and rolls back, number included.
    const c = await makeEntity(deps, inspector, { unitId: org.countyA1.id });
    const fc = await createFiling(deps, inspector, { entityId: c.entity.id, payload: payloadOf({ uscc: makeUscc(777777), name: c.entity.name }), submit: true });
    await makeEntity(deps, inspector, { uscc: makeUscc(777777) });
    await assert.rejects(reviewFiling(deps, inspector2, { filingId: fc.id, decision: 'approve' }), hasCode('CONFLICT'));
    assert.equal((await getFiling(deps, inspector, fc.id)).filing.status, 'submitted');
    const approvedB = await reviewFiling(deps, inspector2, { filingId: fb.id, decision: 'approve' });
    assert.equal(approvedB.filingNumber, '32130220260002');
  });

  await t.test('cancel: only an approved filing, with a reason; the entity loses its number', async () => {
    const list = await listFilings(deps, inspector, ZListFilingsQuery.parse({ status: 'submitted' }));
    assert.equal(list.total, 1);
    await assert.rejects(cancelFiling(deps, inspector, { filingId: list.rows[0]!.id, reason: '撤销' }), hasCode('INVALID_STATE'));
    await assert.rejects(cancelFiling(deps, portal, { filingId, reason: '撤销' }), hasCode('FORBIDDEN'));
    const cancelled = await cancelFiling(deps, inspector, { filingId, reason: '单位迁出辖区' });
    assert.equal(cancelled.status, 'cancelled');
    assert.equal((await getEntity(deps, inspector, a.entity.id)).entity.psbFilingNumber, null);
    await assert.rejects(submitFiling(deps, portal, { filingId, payload: payloadOf() }), hasCode('INVALID_STATE'));
    // A new filing may start after a cancellation.
    assert.equal((await createFiling(deps, portal, { entityId: a.entity.id, submit: false })).status, 'draft');
    const audits = await deps.db.selectFrom('auditLog').select('action').where('targetType', '=', 'filing').execute();
    assert.ok(audits.filter((x) => x.action === 'filing.approved').length >= 3);
    assert.equal(audits.filter((x) => x.action === 'filing.cancelled').length, 1);
  });

  await t.test('portal users see only their own filings', async () => {
    const mine = await listFilings(deps, portal, ZListFilingsQuery.parse({}));
    assert.ok(mine.rows.length >= 1 && mine.rows.every((r) => r.entityId === a.entity.id));
    const others = await listFilings(deps, inspector, ZListFilingsQuery.parse({ entityId: b.entity.id }));
    await assert.rejects(getFiling(deps, portal, others.rows[0]!.id), hasCode('NOT_FOUND'));
    assert.equal((await listFilings(deps, nj, ZListFilingsQuery.parse({}))).total, 0);
  });
});
