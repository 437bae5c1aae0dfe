import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPlan, submitPlan, updatePlan } from '../../../src/domain/inspections/plans';
import { approvePlan, cancelPlan, returnPlan } from '../../../src/domain/inspections/review-plan';
import { acknowledgeNotice, issueInspectionNotice, recordNoticeService } from '../../../src/domain/inspections/notice';
import { startInspection } from '../../../src/domain/inspections/start-inspection';
import { getChecklist, saveChecklist } from '../../../src/domain/inspections/checklist';
import { generateRecord } from '../../../src/domain/inspections/generate-record';
import { signRecord } from '../../../src/domain/inspections/sign-record';
import { confirmFindings, recordGuidance } from '../../../src/domain/inspections/findings';
import { cancelInspection } from '../../../src/domain/inspections/cancel-inspection';
import { issueDocument } from '../../../src/domain/documents/issue-document';
import { getInspection } from '../../../src/domain/inspections/inspection-detail';
import { listInspections } from '../../../src/domain/inspections/queries';
import { issueRectificationNotice } from '../../../src/domain/rectification/issue-notice';
import { submitRectificationReport } from '../../../src/domain/rectification/report';
import { recordReInspection } from '../../../src/domain/rectification/re-inspection';
import { listRectificationNotices, listNoticesDueSoon } from '../../../src/domain/rectification/list-notices';
import { inspectionTransitions, planTransitions } from '../../../src/domain/inspections/states';
import * as store from '../../../src/store/inspections.store';
import { approvedPlan, checkAll, frozenRecord, hasCode, inProgressInspection, planBody, PNG, statusOf, world } from './support';

const listQuery = { limit: 50, offset: 0, sort: 'updatedAt' as const, dir: 'desc' as const };

test('plans: submit, return with comments, resubmit, approve; a leader never approves their own plan', async (t) => {
  const w = await world(t);
  const plan = await createPlan(w.deps, w.inspector, planBody(w, { mode: 'both' }));
  assert.equal(plan.status, 'draft');
  await assert.rejects(approvePlan(w.deps, w.leader, { planId: plan.id }), hasCode('INVALID_STATE'));
  await submitPlan(w.deps, w.inspector, { planId: plan.id });
  const returned = await returnPlan(w.deps, w.leader, { planId: plan.id, comment: '请补充检查依据' });
  assert.equal(returned.status, 'returned');
  assert.equal(returned.reviewComment, '请补充检查依据');
  await updatePlan(w.deps, w.inspector, { ...planBody(w, { mode: 'both' }), basis: '《公安机关互联网安全监督检查规定》第九条、第十条', planId: plan.id });
  await submitPlan(w.deps, w.inspector, { planId: plan.id });
  const approved = await approvePlan(w.deps, w.leader, { planId: plan.id, comment: '同意' });
  assert.equal(approved.status, 'approved');
  const inspections = await store.inspectionsOfPlan(w.deps.db, plan.id);
  assert.deepEqual(inspections.map((i) => i.mode).sort(), ['onSite', 'remote'], 'mode both yields one inspection per mode');
  assert.ok(inspections.every((i) => i.status === 'planned'));

  // A leader's own draft needs another leader.
  const own = await createPlan(w.deps, w.leader, planBody(w));
  await submitPlan(w.deps, w.leader, { planId: own.id });
  await assert.rejects(approvePlan(w.deps, w.leader, { planId: own.id }), hasCode('RULE_VIOLATION'));
  // A sibling city's leader does not see it at all.
  await assert.rejects(approvePlan(w.deps, w.njLeader, { planId: own.id }), hasCode('NOT_FOUND'));
  // Inspectors cannot approve.
  await assert.rejects(approvePlan(w.deps, w.inspector2, { planId: own.id }), hasCode('FORBIDDEN'));

  const audit = await w.deps.db.selectFrom('auditLog').select(['action', 'fromState', 'toState', 'reason']).where('targetId', '=', plan.id).orderBy('seq').execute();
  assert.deepEqual(audit.map((a) => a.action), ['plan.created', 'plan.submitted', 'plan.returned', 'plan.updated', 'plan.submitted', 'plan.approved']);
  assert.equal(audit[2]!.reason, '请补充检查依据');
});

test('plans: team of active inspectors with credential numbers, targets in jurisdiction', async (t) => {
  const w = await world(t);
  await assert.rejects(createPlan(w.deps, w.inspector, planBody(w, { teamIds: [w.inspector.userId!, w.leader.userId!] })), hasCode('RULE_VIOLATION'));
  await assert.rejects(createPlan(w.deps, w.inspector, planBody(w, { teamIds: [w.inspector.userId!, w.njInspector.userId!] })), hasCode('RULE_VIOLATION'));
  const county = await w.org.actor('demo-county-inspector');
  await assert.rejects(createPlan(w.deps, w.inspector, planBody(w, { teamIds: [w.inspector.userId!, county.userId!] })), hasCode('RULE_VIOLATION'), 'a county officer could not see a city inspection');
  await assert.rejects(createPlan(w.deps, w.inspector, planBody(w, { targets: [{ entityId: w.entityB.id }] })), hasCode('RULE_VIOLATION'));
  await assert.rejects(createPlan(w.deps, w.portalA, planBody(w)), hasCode('FORBIDDEN'));
});

test('the whole life cycle: notice, checklist, record, findings, rectification twice, closed', async (t) => {
  const w = await world(t);
  const { plan, inspections } = await approvedPlan(w);
  const inspectionId = inspections[0]!.id;

  // The portal does not see a planned inspection.
  await assert.rejects(getInspection(w.deps, w.portalA, { inspectionId }), hasCode('NOT_FOUND'));
  // Checking before the notice is an illegal transition.
  await assert.rejects(startInspection(w.deps, w.inspector, { inspectionId }), hasCode('INVALID_STATE'));

  const { notice } = await issueInspectionNotice(w.deps, w.leader, { inspectionId });
  assert.match(notice.docNumber, /^宿公网安检字〔2026〕第0001号$/);
  assert.ok(notice.portalDeliveredAt, 'the entity has a portal account, so the notice reaches it');
  assert.deepEqual(notice.team.map((m) => m.credentialNumber), ['32130001', '32130002']);
  assert.equal((await store.findPlan(w.deps.db, { kind: 'units', unitId: w.org.cityA.id, unitPath: w.org.cityA.path }, plan.id))!.status, 'inProgress');
  await assert.rejects(issueInspectionNotice(w.deps, w.leader, { inspectionId }), hasCode('INVALID_STATE'));
  const seen = await getInspection(w.deps, w.portalA, { inspectionId });
  assert.equal(seen.notice?.docNumber, notice.docNumber);
  assert.equal(seen.plan, null, 'plans are internal');
  const acked = await acknowledgeNotice(w.deps, w.portalA, { inspectionId });
  assert.equal(acked.serviceMethod, 'portal');
  await assert.rejects(acknowledgeNotice(w.deps, w.portalA2, { inspectionId }), hasCode('NOT_FOUND'));
  await recordNoticeService(w.deps, w.inspector, { inspectionId, method: 'inPerson', receivedBy: '王经理' });

  // Only team members record.
  await assert.rejects(startInspection(w.deps, await w.org.actor('demo-county-inspector'), { inspectionId }), hasCode('NOT_FOUND'));
  const started = await startInspection(w.deps, w.inspector, { inspectionId, place: '机房' });
  assert.equal(started.status, 'inProgress');
  assert.equal(started.checklistAsOf, '2026-03-02');
  const frozenSets = started.ruleSets!.map((r) => r.id);
  assert.ok(frozenSets.includes('O151') && frozenSets.includes('CSL'), `frozen rule sets ${frozenSets.join(',')}`);
  assert.ok(started.ruleSets!.every((r) => /^[0-9a-f]{64}$/.test(r.contentHash)));
  assert.ok(started.ruleSets!.some((r) => r.id === 'CSL' && r.version === '2025.1'), 'the 2025 CSL is in force on 2026-03-02');
  const { items } = await getChecklist(w.deps, w.inspector, { inspectionId });
  assert.ok(items.some((i) => i.itemKey === 'O151-A10-5'), 'public information service item applies');
  assert.ok(items.every((i) => i.result === 'notChecked'));
  await assert.rejects(saveChecklist(w.deps, w.inspector, { inspectionId, items: [{ itemKey: items[0]!.itemKey, result: 'nonCompliant' }] }), hasCode('VALIDATION_FAILED'));
  await assert.rejects(saveChecklist(w.deps, w.inspector, { inspectionId, items: [{ itemKey: 'NOPE-A1', result: 'compliant' }] }), hasCode('VALIDATION_FAILED'));
  await checkAll(w, inspectionId, 2);
  await assert.rejects(confirmFindings(w.deps, w.inspector, { inspectionId, items: [], other: [] }), hasCode('INVALID_STATE'));

  await frozenRecord(w, inspectionId);
  assert.equal(await statusOf(w, inspectionId), 'recordFrozen');
  await assert.rejects(saveChecklist(w.deps, w.inspector, { inspectionId, items: [{ itemKey: items[0]!.itemKey, result: 'compliant' }] }), hasCode('INVALID_STATE'));
  // Every non-compliant item must be classified.
  await assert.rejects(confirmFindings(w.deps, w.inspector, { inspectionId, items: [{ itemKey: items[0]!.itemKey, category: 'violation' }], other: [] }), hasCode('VALIDATION_FAILED'));
  const { findings } = await confirmFindings(w.deps, w.inspector, {
    inspectionId,
    items: [{ itemKey: items[0]!.itemKey, category: 'violation' }, { itemKey: items[1]!.itemKey, category: 'violation', severity: 'L' }],
    other: [{ category: 'hiddenDanger', severity: 'M', description: '机房未配置门禁' }],
  });
  assert.equal(findings.length, 3);
  assert.equal(findings[0]!.penaltyTopic, items[0]!.snapshot.penaltyTopic);
  assert.match(findings[0]!.basisText ?? '', /第\d+条/);
  assert.equal(await statusOf(w, inspectionId), 'findingsConfirmed');

  // Round 1: deadline in 10 days; the entity reports late? No: on time, partially fixed.
  await assert.rejects(issueRectificationNotice(w.deps, w.leader, { inspectionId, deadline: '2026-03-02', findingMeasures: [], measures: [] }), hasCode('RULE_VIOLATION'));
  await assert.rejects(issueRectificationNotice(w.deps, w.inspector, { inspectionId, deadline: '2026-03-12', findingMeasures: [], measures: [] }), hasCode('FORBIDDEN'));
  const n1 = await issueRectificationNotice(w.deps, w.leader, { inspectionId, deadline: '2026-03-12', findingMeasures: [], measures: ['完善日志留存'] });
  assert.match(n1.docNumber, /^宿公网安整字〔2026〕第0001号$/);
  assert.equal(n1.round, 1);
  assert.equal(await statusOf(w, inspectionId), 'rectificationOrdered');
  const due = await listNoticesDueSoon(w.deps, w.inspector, { withinDays: 10 });
  assert.deepEqual(due.rows.map((r) => r.id), [n1.id]);
  assert.equal((await listNoticesDueSoon(w.deps, w.inspector, { withinDays: 9 })).rows.length, 0);
  // Re-inspection before the deadline and without a report is refused.
  await assert.rejects(recordReInspection(w.deps, w.inspector, {
    noticeId: n1.id, conductedOn: '2026-03-02', officerIds: [w.inspector.userId!, w.inspector2.userId!], opinion: '复查', results: findings.slice(0, 2).map((f) => ({ findingId: f.id, rating: 'rectified' as const })),
  }), hasCode('RULE_VIOLATION'));
  await assert.rejects(submitRectificationReport(w.deps, w.portalA2, { noticeId: n1.id, content: '已整改', evidenceIds: [] }), hasCode('NOT_FOUND'));
  const report = await submitRectificationReport(w.deps, w.portalA, { noticeId: n1.id, content: '已完善日志留存措施', evidenceIds: [] });
  assert.equal(report.submittedVia, 'portal');
  assert.equal(await statusOf(w, inspectionId), 'rectificationReported');

  w.deps.setNow(new Date('2026-03-13T02:00:00Z'));
  const r1 = await recordReInspection(w.deps, w.inspector, {
    noticeId: n1.id, conductedOn: '2026-03-13', officerIds: [w.inspector.userId!, w.inspector2.userId!], opinion: '部分整改',
    results: [{ findingId: findings[0]!.id, rating: 'rectified' }, { findingId: findings[1]!.id, rating: 'partiallyRectified', note: '仍缺审计' }],
  });
  assert.equal(r1.inspection.status, 'reInspected');
  assert.match(r1.reInspection.docNumber, /复字〔2026〕第0001号$/);

  // Round 2 orders only what is still open.
  const n2 = await issueRectificationNotice(w.deps, w.leader, { inspectionId, deadline: '2026-03-20', findingMeasures: [], measures: [] });
  assert.equal(n2.round, 2);
  assert.equal(n2.previousId, n1.id);
  const n2Findings = await w.deps.db.selectFrom('rectificationNoticeFindings').select('findingId').where('noticeId', '=', n2.id).execute();
  assert.deepEqual(n2Findings.map((f) => f.findingId), [findings[1]!.id]);

  // Deadline passed with nothing reported: overdue is derived, listed, and allows re-inspection.
  w.deps.setNow(new Date('2026-03-21T02:00:00Z'));
  const overdue = await listInspections(w.deps, w.inspector, { ...listQuery, overdue: true });
  assert.deepEqual(overdue.rows.map((r) => r.id), [inspectionId]);
  assert.equal(overdue.rows[0]!.overdue, true);
  const notOverdueYet = await listRectificationNotices(w.deps, w.inspector, { overdue: true, limit: 20, offset: 0, sort: 'deadline', dir: 'asc' });
  assert.deepEqual(notOverdueYet.rows.map((r) => r.id), [n2.id]);
  const r2 = await recordReInspection(w.deps, w.inspector, {
    noticeId: n2.id, conductedOn: '2026-03-21', officerIds: [w.inspector.userId!, w.inspector2.userId!], opinion: '已整改完毕',
    results: [{ findingId: findings[1]!.id, rating: 'rectified' }],
  });
  assert.equal(r2.inspection.status, 'closedRectified');
  assert.equal((await listInspections(w.deps, w.inspector, { ...listQuery, overdue: true })).total, 0);

  // The plan completes when its last inspection closes.
  assert.equal((await store.findPlan(w.deps.db, { kind: 'units', unitId: w.org.cityA.id, unitPath: w.org.cityA.path }, plan.id))!.status, 'completed');

  // The timeline has every transition with its actor; the portal's has no internal steps.
  const detail = await getInspection(w.deps, w.inspector, { inspectionId });
  const transitions = detail.timeline.filter((e) => e.targetType === 'inspection' && e.to).map((e) => e.to);
  assert.deepEqual(transitions, ['planned', 'notified', 'inProgress', 'recordSigning', 'recordFrozen', 'findingsConfirmed', 'rectificationOrdered', 'rectificationReported', 'reInspected', 'rectificationOrdered', 'reInspected', 'closedRectified']);
  assert.ok(detail.timeline.every((e) => e.actorName));
  // Officers appear by their display name; the system's own reasons are codes the UI translates.
  const inspectorName = (await w.deps.db.selectFrom('users').select('displayName').where('id', '=', w.inspector.userId).executeTakeFirstOrThrow()).displayName;
  assert.ok(detail.timeline.some((e) => e.actorName === inspectorName));
  assert.equal(detail.timeline.find((e) => e.to === 'closedRectified')?.reason, 'auto.everyFindingRectified');
  assert.ok(detail.timeline.some((e) => e.action === 'plan.inProgress' && e.reason === 'auto.firstNoticeIssued'));
  const portalView = await getInspection(w.deps, w.portalA, { inspectionId });
  assert.ok(portalView.timeline.length > 0 && portalView.timeline.every((e) => e.actorName === null));
  assert.ok(!portalView.timeline.some((e) => e.action === 'inspection.checklistSaved' || e.action.startsWith('plan.')));
});

test('no findings closes compliant; risks only need guidance on record', async (t) => {
  const w = await world(t);
  const a = await inProgressInspection(w);
  await checkAll(w, a.inspectionId, 0);
  await frozenRecord(w, a.inspectionId);
  const compliant = await confirmFindings(w.deps, w.inspector, { inspectionId: a.inspectionId, items: [], other: [] });
  assert.equal(compliant.inspection.status, 'closedCompliant');
  assert.ok(compliant.inspection.closedAt);

  const b = await inProgressInspection(w, { targets: [{ entityId: w.entityA2.id }] });
  const items = await checkAll(w, b.inspectionId, 1);
  const { record } = await generateRecord(w.deps, w.inspector, { inspectionId: b.inspectionId });
  await signRecord(w.deps, w.inspector, { recordId: record.id, role: 'officer', contentSha256: record.contentSha256, image: PNG });
  await signRecord(w.deps, w.inspector2, { recordId: record.id, role: 'officer', contentSha256: record.contentSha256, image: PNG });
  await signRecord(w.deps, w.portalA2, { recordId: record.id, role: 'entity', contentSha256: record.contentSha256, image: PNG });
  const risky = await confirmFindings(w.deps, w.inspector, { inspectionId: b.inspectionId, items: [{ itemKey: items[0]!.itemKey, category: 'securityRisk' }], other: [] });
  assert.equal(risky.inspection.status, 'riskNoted');
  await assert.rejects(issueRectificationNotice(w.deps, w.leader, { inspectionId: b.inspectionId, deadline: '2026-04-01', findingMeasures: [], measures: [] }), hasCode('INVALID_STATE'));
  const guided = await recordGuidance(w.deps, w.inspector, { inspectionId: b.inspectionId, guidance: '建议尽快修补漏洞并加强巡检' });
  assert.equal(guided.status, 'closedGuided');
  await assert.rejects(recordGuidance(w.deps, w.inspector, { inspectionId: b.inspectionId, guidance: '再次' }), hasCode('INVALID_STATE'));
});

test('cancel: only planned or notified inspections; the notice number is voided, never reused', async (t) => {
  const w = await world(t);
  const { plan, inspections } = await approvedPlan(w, { targets: [{ entityId: w.entityA.id }, { entityId: w.entityA2.id }] });
  const [first, second] = inspections;
  const { notice } = await issueInspectionNotice(w.deps, w.leader, { inspectionId: first!.id });
  const printed = await issueDocument(w.deps, w.leader, { kind: 'inspectionNotice', subjectId: notice.id });
  await assert.rejects(cancelInspection(w.deps, w.inspector, { inspectionId: first!.id, reason: '单位已注销' }), hasCode('FORBIDDEN'));
  const cancelled = await cancelInspection(w.deps, w.leader, { inspectionId: first!.id, reason: '单位已注销' });
  assert.equal(cancelled.status, 'cancelled');
  const num = await w.deps.db.selectFrom('documentNumbers').selectAll().where('docNumber', '=', notice.docNumber).executeTakeFirstOrThrow();
  assert.equal(num.status, 'voided');
  const doc = await w.deps.db.selectFrom('issuedDocuments').select(['status', 'voidedReason']).where('id', '=', printed.id).executeTakeFirstOrThrow();
  assert.equal(doc.status, 'voided', 'the printed notice is withdrawn with the inspection');
  assert.match(doc.voidedReason ?? '', /单位已注销/);
  const next = await issueInspectionNotice(w.deps, w.leader, { inspectionId: second!.id });
  assert.match(next.notice.docNumber, /第0002号$/, 'the voided 0001 is not reused');
  await startInspection(w.deps, w.inspector, { inspectionId: second!.id });
  await assert.rejects(cancelInspection(w.deps, w.leader, { inspectionId: second!.id, reason: '测试' }), hasCode('INVALID_STATE'));
  await assert.rejects(cancelPlan(w.deps, w.leader, { planId: plan.id, reason: '测试' }), hasCode('RULE_VIOLATION'));
});

test('transition tables: every status is a key, targets are statuses, closed states are final', () => {
  for (const [from, tos] of Object.entries(inspectionTransitions)) {
    for (const to of tos) assert.ok(to in inspectionTransitions, `${from} → ${to}`);
  }
  for (const s of ['closedCompliant', 'closedGuided', 'closedRectified', 'closedEscalated', 'cancelled'] as const) assert.deepEqual(inspectionTransitions[s], []);
  for (const [from, tos] of Object.entries(planTransitions)) for (const to of tos) assert.ok(to in planTransitions, `${from} → ${to}`);
});
