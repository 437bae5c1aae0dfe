import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from '../../../src/domain/access';
import { setAgencyStaff, updateAgency } from '../../../src/domain/scans/agencies';
import {
  activateAuthorisation, approveAuthorisation, createAuthorisation, expireLapsedAuthorisations, getAuthorisation, listAuthorisations,
  recordEntityNotice, revokeAuthorisation, updateAuthorisation,
} from '../../../src/domain/scans/authorisations';
import { sweepActor } from '../../../src/domain/scans/transition';
import { agencyWithStaff, auditActions, registryWorld } from './support';

const hasCode = (code: string) => (err: unknown) => (err as { code?: string }).code === code;


test('draft → approved → entityNotified → active → revoked, each step audited; a leader never approves a draft of their own', async (t) => {
  const w = await registryWorld(t);
  const now = w.deps.now();
  const draft = await createAuthorisation(w.deps, w.inspector, {
    entityId: w.entity.id, siteIds: w.sites.map((s) => s.id), validFrom: now.toISOString(), validUntil: new Date(now.getTime() + 86_400_000).toISOString(),
    window: { start: '09:00', end: '17:30' }, profile: 'http', rateLimit: 20, agencyStaffIds: [], purpose: '季度远程检测',
  });
  assert.equal(draft.status, 'draft');
  assert.deepEqual(draft.targets.map((x) => x.hostname).sort(), w.sites.map((s) => s.hostname).sort());

  // Out of order: no notice before approval.
  await assert.rejects(recordEntityNotice(w.deps, w.inspector, { authorisationId: draft.id, noticeRef: 'X' }), hasCode('INVALID_STATE'));
  // An inspector cannot approve; a person holding both roles cannot approve their own draft.
  await assert.rejects(approveAuthorisation(w.deps, await w.org.actor('demo-inspector2'), { authorisationId: draft.id }), hasCode('FORBIDDEN'));
  const both: Actor = { ...w.inspector, roles: ['inspector', 'leader'] };
  await assert.rejects(approveAuthorisation(w.deps, both, { authorisationId: draft.id }), hasCode('RULE_VIOLATION'));

  const edited = await updateAuthorisation(w.deps, w.inspector, {
    authorisationId: draft.id, entityId: w.entity.id, siteIds: [w.sites[0]!.id], validFrom: now.toISOString(),
    validUntil: new Date(now.getTime() + 86_400_000).toISOString(), profile: 'standard', agencyStaffIds: [], purpose: '季度远程检测（修改）',
  });
  assert.deepEqual(edited.siteIds, [w.sites[0]!.id]);

  const approved = await approveAuthorisation(w.deps, w.leader, { authorisationId: draft.id, comment: '同意' });
  assert.equal(approved.status, 'approved');
  assert.equal(approved.approvedBy, w.leader.userId);
  await assert.rejects(updateAuthorisation(w.deps, w.inspector, {
    authorisationId: draft.id, entityId: w.entity.id, siteIds: [w.sites[0]!.id], validFrom: now.toISOString(),
    validUntil: new Date(now.getTime() + 86_400_000).toISOString(), profile: 'standard', agencyStaffIds: [], purpose: 'x',
  }), hasCode('INVALID_STATE'));
  const notified = await recordEntityNotice(w.deps, w.inspector, { authorisationId: draft.id, noticeRef: '宿公网安告〔2026〕3号' });
  assert.equal(notified.noticeRef, '宿公网安告〔2026〕3号');
  const active = await activateAuthorisation(w.deps, w.inspector, { authorisationId: draft.id });
  assert.equal(active.status, 'active');
  await assert.rejects(revokeAuthorisation(w.deps, w.inspector, { authorisationId: draft.id, reason: '单位要求' }), hasCode('FORBIDDEN'));
  const revoked = await revokeAuthorisation(w.deps, w.leader, { authorisationId: draft.id, reason: '单位整改期间暂停' });
  assert.equal(revoked.status, 'revoked');
  await assert.rejects(activateAuthorisation(w.deps, w.inspector, { authorisationId: draft.id }), hasCode('INVALID_STATE'));

  assert.deepEqual(await auditActions(w.deps, draft.id), [
    'scanAuthorisation.created', 'scanAuthorisation.updated', 'scanAuthorisation.approved', 'scanAuthorisation.entityNotified',
    'scanAuthorisation.activated', 'scanAuthorisation.revoked',
  ]);
});

test('targets must be active websites of the entity; another city sees nothing', async (t) => {
  const w = await registryWorld(t);
  const other = await registryWorld(t);
  const now = w.deps.now();
  const base = { validFrom: now.toISOString(), validUntil: new Date(now.getTime() + 86_400_000).toISOString(), profile: 'standard' as const, agencyStaffIds: [], purpose: 'x' };
  // A site of another entity is not a target of this one.
  await assert.rejects(createAuthorisation(w.deps, w.inspector, { ...base, entityId: w.entity.id, siteIds: [w.sites[0]!.id, '00000000-0000-4000-8000-000000000001'] }), hasCode('VALIDATION_FAILED'));
  const nj = await w.org.actor('demo-nj-inspector');
  await assert.rejects(createAuthorisation(w.deps, nj, { ...base, entityId: w.entity.id, siteIds: [w.sites[0]!.id] }), hasCode('NOT_FOUND'));
  const mine = await createAuthorisation(w.deps, w.inspector, { ...base, entityId: w.entity.id, siteIds: [w.sites[0]!.id] });
  await assert.rejects(getAuthorisation(w.deps, nj, mine.id), hasCode('NOT_FOUND'));
  assert.equal((await listAuthorisations(w.deps, nj, { limit: 50, offset: 0 })).total, 0);
  assert.equal((await listAuthorisations(w.deps, w.inspector, { limit: 50, offset: 0 })).total, 1);
  assert.ok(other.entity.id);
});

test('agency staff need a signed undertaking and a contract covering the period; they see only what names them', async (t) => {
  const w = await registryWorld(t);
  const now = w.deps.now();
  const { agency, staff, actors } = await agencyWithStaff(w.deps, w.org, w.inspector, { signed: false, extraStaff: 1 });
  const base = {
    entityId: w.entity.id, siteIds: [w.sites[0]!.id], validFrom: now.toISOString(), validUntil: new Date(now.getTime() + 86_400_000).toISOString(),
    profile: 'standard' as const, purpose: '委托检测', agencyId: agency.id,
  };
  await assert.rejects(createAuthorisation(w.deps, w.inspector, { ...base, agencyStaffIds: [staff[0]!.id] }), hasCode('RULE_VIOLATION'));
  await setAgencyStaff(w.deps, w.inspector, {
    agencyId: agency.id, staff: staff.map((u) => ({ userId: u.id, undertakingSigned: true, undertakingRef: 'BM-2', undertakingOn: '2026-01-10' })),
  });
  const named = await createAuthorisation(w.deps, w.inspector, { ...base, agencyStaffIds: [staff[0]!.id] });
  // The contract must cover the validity period.
  await updateAgency(w.deps, w.inspector, {
    agencyId: agency.id, name: agency.name, uscc: agency.uscc, contractRef: agency.contractRef, contractFrom: '2020-01-01', contractUntil: '2021-01-01', status: 'active',
  });
  await assert.rejects(createAuthorisation(w.deps, w.inspector, { ...base, agencyStaffIds: [staff[0]!.id] }), hasCode('RULE_VIOLATION'));

  assert.equal((await getAuthorisation(w.deps, actors[0]!, named.id)).id, named.id);
  await assert.rejects(getAuthorisation(w.deps, actors[1]!, named.id), hasCode('NOT_FOUND'));
  await assert.rejects(createAuthorisation(w.deps, actors[0]!, { ...base, agencyStaffIds: [] }), hasCode('FORBIDDEN'));
});

test('an active authorisation past validUntil is expired by the sweep, audited as the system', async (t) => {
  const w = await registryWorld(t, 1);
  const now = w.deps.now();
  const a = await createAuthorisation(w.deps, w.inspector, {
    entityId: w.entity.id, siteIds: [w.sites[0]!.id], validFrom: new Date(now.getTime() - 7_200_000).toISOString(),
    validUntil: new Date(now.getTime() + 3_600_000).toISOString(), profile: 'standard', agencyStaffIds: [], purpose: 'x',
  });
  await approveAuthorisation(w.deps, w.leader, { authorisationId: a.id });
  await recordEntityNotice(w.deps, w.inspector, { authorisationId: a.id, noticeRef: 'N-1' });
  await activateAuthorisation(w.deps, w.inspector, { authorisationId: a.id });
  assert.equal(await expireLapsedAuthorisations(w.deps, await sweepActor(w.deps)), 0);
  w.deps.setNow(new Date(now.getTime() + 2 * 3_600_000));
  assert.equal(await expireLapsedAuthorisations(w.deps, await sweepActor(w.deps)), 1);
  assert.equal((await getAuthorisation(w.deps, w.inspector, a.id)).status, 'expired');
  assert.equal((await auditActions(w.deps, a.id)).at(-1), 'scanAuthorisation.expired');
});
