import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { createUser } from '../../../src/domain/users/manage-users';
import { correctRecord, generateRecord } from '../../../src/domain/inspections/generate-record';
import { getRecord, recordObjection, refuseSignature, signRecord } from '../../../src/domain/inspections/sign-record';
import { confirmFindings } from '../../../src/domain/inspections/findings';
import { startInspection } from '../../../src/domain/inspections/start-inspection';
import { issueInspectionNotice } from '../../../src/domain/inspections/notice';
import { recordText, textSha256 } from '../../../src/domain/inspections/record-text';
import * as store from '../../../src/store/inspections.store';
import { approvedPlan, checkAll, hasCode, inProgressInspection, PNG, statusOf, world } from './support';

/** Runs raw SQL and returns the driver error, if any. */
async function sqlError(w: Awaited<ReturnType<typeof world>>, text: ReturnType<typeof sql>) {
  try {
    await text.execute(w.deps.db);
    return null;
  } catch (err) {
    return err as { code?: string; message: string };
  }
}

test('records: signatures, freezing, immutability, corrections, refusal, objection', async (t) => {
  const w = await world(t);

  await t.test('the canonical text is deterministic and hashes the same on every run', () => {
    const input = {
      docNumber: 'X现检字〔2026〕第0001号', version: 1, previous: null, correctionReason: null, mode: 'onSite' as const, inspectionType: 'routine',
      unitName: '单位', noticeNumber: null, entity: { name: 'A', uscc: 'U', address: 'addr\r\nline2' }, place: null,
      startedAt: '2026-03-02T02:00:00.000Z', endedAt: '2026-03-02T03:00:00.000Z', officers: [{ name: '甲', credentialNumber: '1' }],
      agencyStaff: [], ruleSets: [], measuresTaken: [], items: [{ seq: 1, itemKey: 'O151-A10-1', text: 'x', citation: 'c', result: 'compliant' as const, note: null, evidence: [] }],
    };
    const a = recordText(input);
    assert.equal(a, recordText(structuredClone(input)));
    assert.ok(a.endsWith('\n') && !a.includes('\r'));
    assert.match(a, /地址：addr \/ line2/);
    assert.notEqual(textSha256(a), textSha256(recordText({ ...input, items: [{ ...input.items[0]!, result: 'nonCompliant' }] })));
  });

  const { inspectionId } = await inProgressInspection(w);
  await checkAll(w, inspectionId, 1);
  const { record } = await generateRecord(w.deps, w.inspector, { inspectionId, measuresTaken: ['enterPremises', 'readCopyInformation'] });

  await t.test('the record text carries the checklist, team and frozen rule-set hashes', async () => {
    assert.match(record.docNumber, /^宿公网安现检字〔2026〕第0001号$/);
    assert.equal(record.contentSha256, textSha256(record.content));
    assert.match(record.content, /执法证号 32130001/);
    assert.match(record.content, /结果：不符合/);
    assert.match(record.content, /检查依据版本：.*O151 2018\.1 [0-9a-f]{64}/);
    assert.equal(await statusOf(w, inspectionId), 'recordSigning');
  });

  await t.test('a stale screen cannot sign; agency staff and other entities cannot sign an on-site record', async () => {
    await assert.rejects(signRecord(w.deps, w.inspector, { recordId: record.id, role: 'officer', contentSha256: '0'.repeat(64), image: PNG }), hasCode('CONFLICT'));
    await assert.rejects(signRecord(w.deps, w.portalA2, { recordId: record.id, role: 'entity', contentSha256: record.contentSha256, image: PNG }), hasCode('NOT_FOUND'));
    await assert.rejects(signRecord(w.deps, w.portalA, { recordId: record.id, role: 'officer', contentSha256: record.contentSha256, image: PNG }), hasCode('FORBIDDEN'));
    await assert.rejects(signRecord(w.deps, w.njInspector, { recordId: record.id, role: 'officer', contentSha256: record.contentSha256, image: PNG }), hasCode('NOT_FOUND'));
    await assert.rejects(signRecord(w.deps, w.leader, { recordId: record.id, role: 'officer', contentSha256: record.contentSha256, image: PNG }), hasCode('FORBIDDEN'));
  });

  await t.test('fewer than the required signatures never freeze the record', async () => {
    const one = await signRecord(w.deps, w.inspector, { recordId: record.id, role: 'officer', contentSha256: record.contentSha256, image: PNG });
    assert.equal(one.frozen, false);
    await assert.rejects(signRecord(w.deps, w.inspector, { recordId: record.id, role: 'officer', contentSha256: record.contentSha256, image: PNG }), hasCode('CONFLICT'));
    // Not even through SQL: the trigger checks the signatures before a record freezes.
    const err = await sqlError(w, sql`update inspection_records set status = 'frozen', frozen_at = now() where id = ${record.id}`);
    assert.equal(err?.code, 'WAF02', err?.message);
    const entity = await signRecord(w.deps, w.portalA, { recordId: record.id, role: 'entity', contentSha256: record.contentSha256, image: PNG, signerPost: '网络安全负责人' });
    assert.equal(entity.frozen, false, 'two officers are required, one signed');
    const view = await getRecord(w.deps, w.inspector, { recordId: record.id });
    assert.deepEqual(view.missing, ['officer:1/2']);
    assert.equal(await statusOf(w, inspectionId), 'recordSigning');
    const last = await signRecord(w.deps, w.inspector2, { recordId: record.id, role: 'officer', contentSha256: record.contentSha256, image: PNG });
    assert.equal(last.frozen, true);
    assert.equal(await statusOf(w, inspectionId), 'recordFrozen');
  });

  await t.test('a frozen record is immutable: the use cases refuse and the database rejects updates', async () => {
    await assert.rejects(signRecord(w.deps, w.portalA, { recordId: record.id, role: 'entity', contentSha256: record.contentSha256, image: PNG }), hasCode('INVALID_STATE'));
    await assert.rejects(refuseSignature(w.deps, w.inspector, { recordId: record.id, reason: '拒绝' }), hasCode('INVALID_STATE'));
    await assert.rejects(recordObjection(w.deps, w.portalA, { recordId: record.id, text: '不同意', contentSha256: record.contentSha256 }), hasCode('INVALID_STATE'));
    for (const stmt of [
      sql`update inspection_records set content = 'forged' where id = ${record.id}`,
      sql`update inspection_records set content_sha256 = ${'a'.repeat(64)} where id = ${record.id}`,
      sql`update inspection_records set objection = 'added later' where id = ${record.id}`,
      sql`update inspection_records set status = 'signing', frozen_at = null where id = ${record.id}`,
      sql`delete from inspection_records where id = ${record.id}`,
      sql`update record_signatures set signer_name = 'someone else' where record_id = ${record.id}`,
      sql`delete from record_signatures where record_id = ${record.id}`,
      sql`insert into record_signatures (record_id, unit_path, role, user_id, signer_name, image_png, image_sha256, content_sha256, signed_at) values (${record.id}, '/', 'officer', ${w.leader.userId}, 'x', ${PNG}, ${'b'.repeat(64)}, ${record.contentSha256}, now())`,
    ]) {
      const err = await sqlError(w, stmt);
      assert.equal(err?.code, 'WAF01', `expected the trigger to refuse: ${err?.message ?? 'no error'}`);
    }
    const row = (await store.recordsOfInspection(w.deps.db, inspectionId))[0]!;
    assert.equal(row.content, record.content);
    assert.equal(row.status, 'frozen');
  });

  await t.test('a correction is a new version referencing the old one, which stays until the new one freezes', async () => {
    const items = await store.listItems(w.deps.db, inspectionId);
    await assert.rejects(correctRecord(w.deps, w.portalA, { recordId: record.id, reason: '更正', changes: [] }), hasCode('FORBIDDEN'));
    const v2 = await correctRecord(w.deps, w.inspector, { recordId: record.id, reason: '第一项结论记录有误', changes: [{ itemKey: items[0]!.itemKey, result: 'compliant' }] });
    assert.equal(v2.version, 2);
    assert.equal(v2.previousId, record.id);
    assert.equal(v2.docNumber, record.docNumber);
    assert.match(v2.content, new RegExp(`更正前版本：1（SHA-256 ${record.contentSha256}）`));
    assert.notEqual(v2.contentSha256, record.contentSha256);
    // The old version still stands; findings wait for the correction's signatures.
    assert.equal((await store.recordsOfInspection(w.deps.db, inspectionId))[0]!.status, 'frozen');
    await assert.rejects(confirmFindings(w.deps, w.inspector, { inspectionId, items: [], other: [] }), hasCode('RULE_VIOLATION'));
    await assert.rejects(correctRecord(w.deps, w.inspector, { recordId: record.id, reason: '再次更正旧版', changes: [] }), hasCode('CONFLICT'));
    // Signatures of version 1 do not count for version 2.
    const v2view = await getRecord(w.deps, w.inspector, { recordId: v2.id });
    assert.equal(v2view.signatures.length, 0);
    await signRecord(w.deps, w.inspector, { recordId: v2.id, role: 'officer', contentSha256: v2.contentSha256, image: PNG });
    await signRecord(w.deps, w.inspector2, { recordId: v2.id, role: 'officer', contentSha256: v2.contentSha256, image: PNG });
    // The entity refuses this time: the officers note it with the reason, which completes the record.
    const refused = await refuseSignature(w.deps, w.inspector, { recordId: v2.id, reason: '负责人拒绝签字，称需请示总部' });
    assert.equal(refused.frozen, true);
    assert.deepEqual(refused.record.refusal?.notedBy, [w.inspector.displayName]);
    const versions = await store.recordsOfInspection(w.deps.db, inspectionId);
    assert.deepEqual(versions.map((v) => [v.version, v.status]), [[1, 'superseded'], [2, 'frozen']]);
    assert.equal(versions[0]!.content, record.content, 'the old version keeps its text');
    assert.equal(await statusOf(w, inspectionId), 'recordFrozen');
    const { inspection } = await confirmFindings(w.deps, w.inspector, { inspectionId, items: [], other: [] });
    assert.equal(inspection.status, 'closedCompliant', 'the corrected record has no non-compliant item');
    await assert.rejects(correctRecord(w.deps, w.inspector, { recordId: v2.id, reason: '结案后更正', changes: [] }), hasCode('INVALID_STATE'));
  });

  await t.test('objection in the entity\'s own words; signing on the officers\' tablet', async () => {
    const { inspections } = await approvedPlan(w, { targets: [{ entityId: w.entityA2.id }] });
    const id = inspections[0]!.id;
    await issueInspectionNotice(w.deps, w.leader, { inspectionId: id });
    await startInspection(w.deps, w.inspector, { inspectionId: id });
    await checkAll(w, id, 1);
    const { record: r } = await generateRecord(w.deps, w.inspector, { inspectionId: id });
    const objected = await recordObjection(w.deps, w.portalA2, { recordId: r.id, text: '我单位对第一项结论有异议，日志系统已于上月上线。', contentSha256: r.contentSha256 });
    assert.equal(objected.objection, '我单位对第一项结论有异议，日志系统已于上月上线。');
    assert.equal(objected.contentSha256, r.contentSha256, 'the objection sits beside the signed text');
    await assert.rejects(recordObjection(w.deps, w.portalA2, { recordId: r.id, text: '再次', contentSha256: r.contentSha256 }), hasCode('CONFLICT'));
    await assert.rejects(signRecord(w.deps, w.inspector, { recordId: r.id, role: 'entity', contentSha256: r.contentSha256, image: PNG }), hasCode('VALIDATION_FAILED'));
    const tablet = await signRecord(w.deps, w.inspector, { recordId: r.id, role: 'entity', contentSha256: r.contentSha256, image: PNG, signerName: '陈安全', signerPost: '网络安全负责人' });
    assert.equal(tablet.signature.userId, null);
    assert.equal(tablet.signature.recordedBy, w.inspector.userId);
    await assert.rejects(refuseSignature(w.deps, w.inspector, { recordId: r.id, reason: '拒签' }), hasCode('CONFLICT'));
  });

  await t.test('remote: two officers and every agency staff member who took part', async () => {
    const agencyId = crypto.randomUUID();
    for (const username of ['agency-a', 'agency-b']) {
      await createUser(w.deps, w.org.system, { username, displayName: `${username} 测评工程师`, kind: 'agency', unitId: w.org.cityA.id, password: 'Agency@wangan2026', agencyId, isDemo: true, mustChangePassword: false });
    }
    const staffA = await w.org.actor('agency-a');
    const staffB = await w.org.actor('agency-b');
    const { inspections } = await approvedPlan(w, { mode: 'remote' });
    const id = inspections[0]!.id;
    await issueInspectionNotice(w.deps, w.leader, { inspectionId: id });
    await assert.rejects(startInspection(w.deps, w.inspector, { inspectionId: id, agencyId, agencyStaffIds: [w.inspector2.userId!] }), hasCode('RULE_VIOLATION'));
    await startInspection(w.deps, w.inspector, { inspectionId: id, agencyId, agencyStaffIds: [staffA.userId!, staffB.userId!] });
    await checkAll(w, id, 0);
    const { record: r } = await generateRecord(w.deps, w.inspector, { inspectionId: id });
    assert.match(r.content, /^远程检测记录/);
    assert.match(r.content, /技术支持单位人员：agency-a 测评工程师、agency-b 测评工程师/);
    await assert.rejects(signRecord(w.deps, w.portalA, { recordId: r.id, role: 'entity', contentSha256: r.contentSha256, image: PNG }), hasCode('RULE_VIOLATION'));
    await signRecord(w.deps, w.inspector, { recordId: r.id, role: 'officer', contentSha256: r.contentSha256, image: PNG });
    await signRecord(w.deps, w.inspector2, { recordId: r.id, role: 'officer', contentSha256: r.contentSha256, image: PNG });
    const a = await signRecord(w.deps, staffA, { recordId: r.id, role: 'agency', contentSha256: r.contentSha256, image: PNG });
    assert.equal(a.frozen, false, 'one agency staff member is still missing');
    const b = await signRecord(w.deps, staffB, { recordId: r.id, role: 'agency', contentSha256: r.contentSha256, image: PNG });
    assert.equal(b.frozen, true);
    assert.equal(await statusOf(w, id), 'recordFrozen');
  });

});
