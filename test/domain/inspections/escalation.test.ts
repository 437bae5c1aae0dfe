import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issueRectificationNotice } from '../../../src/domain/rectification/issue-notice';
import { recordReInspection } from '../../../src/domain/rectification/re-inspection';
import { recordWarningTalk } from '../../../src/domain/escalation/talks';
import { checkPenaltyTerms, proposePenalty, rangeFor } from '../../../src/domain/escalation/propose-penalty';
import {
  challengePenalty, closePenalty, decidePenalty, executePenalty, getPenalty, listPenalties, notifyPenaltyIntent, reviewPenalty, revisePenalty,
  servePenalty, submitPenaltyForReview, withdrawPenalty,
} from '../../../src/domain/escalation/penalty-steps';
import { acknowledgeClue, approveClue, cancelClue, closeEscalation, draftClue, listClues, sendClue } from '../../../src/domain/escalation/clues';
import { getInspection } from '../../../src/domain/inspections/inspection-detail';
import { listInspections } from '../../../src/domain/inspections/queries';
import { hasCode, statusOf, withViolations, world } from './support';

test('escalation: talk, penalty with legal review and statutory ranges, clue transfer, closing', async (t) => {
  const w = await world(t);
  const { inspectionId, findings } = await withViolations(w, 1);
  const notice = await issueRectificationNotice(w.deps, w.leader, { inspectionId, deadline: '2026-03-10', findingMeasures: [], measures: [] });
  const talkBody = {
    inspectionId, entityId: w.entityA.id, heldAt: '2026-03-11T02:00:00Z', place: '宿迁市公安局网安支队会议室',
    officerIds: [w.inspector.userId!, w.inspector2.userId!], attendees: [{ name: '王总', post: '总经理' }, { name: '陈安全', post: '网络安全负责人' }],
    reason: '逾期未整改', basis: '《中华人民共和国网络安全法》', problems: '日志留存不足六个月', demands: '十日内完成整改并报告', deadline: '2026-03-21',
  };

  await t.test('before the deadline an inspection cannot be escalated', async () => {
    await assert.rejects(recordWarningTalk(w.deps, w.inspector, talkBody), hasCode('RULE_VIOLATION'));
    assert.equal(await statusOf(w, inspectionId), 'rectificationOrdered');
  });

  await t.test('after the deadline with nothing reported a warning talk escalates it', async () => {
    w.deps.setNow(new Date('2026-03-11T03:00:00Z'));
    await assert.rejects(recordWarningTalk(w.deps, w.inspector, { ...talkBody, entityId: w.entityA2.id }), hasCode('VALIDATION_FAILED'));
    await assert.rejects(recordWarningTalk(w.deps, w.njInspector, { ...talkBody, inspectionId: null }), hasCode('NOT_FOUND'));
    const talk = await recordWarningTalk(w.deps, w.inspector, talkBody);
    assert.match(talk.docNumber, /^宿公网安谈字〔2026〕第0001号$/);
    assert.equal(await statusOf(w, inspectionId), 'escalated');
    // Past that step: an escalated inspection is no longer listed as overdue.
    const overdue = await listInspections(w.deps, w.inspector, { overdue: true, limit: 20, offset: 0, sort: 'updatedAt', dir: 'desc' });
    assert.equal(overdue.total, 0);
    // The re-inspection no longer fits: escalated is not re-inspected.
    await assert.rejects(recordReInspection(w.deps, w.inspector, {
      noticeId: notice.id, conductedOn: '2026-03-11', officerIds: [w.inspector.userId!, w.inspector2.userId!], opinion: '未整改', results: [{ findingId: findings[0]!.id, rating: 'notRectified' }],
    }), hasCode('INVALID_STATE'));
  });

  const base = {
    inspectionId, entityId: w.entityA.id, findingIds: [findings[0]!.id], topicKey: 'CSL-PEN-MLPS', tier: 'refusalOrHarm' as const, subject: 'operator' as const,
    violationDate: '2026-03-11', measures: [], personFines: [], facts: '拒不改正，日志留存不足六个月',
  };

  await t.test('a fine outside the statutory range of the tier is refused (422)', async () => {
    // CSL 2025 Art 61, refuses to correct: ¥50,000–500,000 for the entity, ¥10,000–100,000 for persons.
    await assert.rejects(proposePenalty(w.deps, w.inspector, { ...base, fineAmount: 20_000 }), hasCode('RULE_VIOLATION'));
    await assert.rejects(proposePenalty(w.deps, w.inspector, { ...base, fineAmount: 600_000 }), hasCode('RULE_VIOLATION'));
    await assert.rejects(proposePenalty(w.deps, w.inspector, { ...base, fineAmount: 60_000, personFines: [{ name: '王总', amount: 200_000 }] }), hasCode('RULE_VIOLATION'));
    await assert.rejects(proposePenalty(w.deps, w.inspector, { ...base, fineAmount: null }), hasCode('RULE_VIOLATION'), 'this tier requires a fine');
    await assert.rejects(proposePenalty(w.deps, w.inspector, { ...base, fineAmount: 60_000, measures: ['licenceRevocation'] }), hasCode('RULE_VIOLATION'));
    await assert.rejects(proposePenalty(w.deps, w.inspector, { ...base, topicKey: 'CSL-PEN-NOPE', fineAmount: 60_000 }), hasCode('RULE_VIOLATION'));
    // The law version is the one in force on the violation date: 2016 has ¥10,000–100,000 for the same tier.
    const r2016 = await rangeFor(w.deps, { ...base, violationDate: '2025-06-01' });
    assert.equal(r2016.ruleSet.version, '2016.1');
    assert.doesNotThrow(() => checkPenaltyTerms(r2016, { measures: [], fineAmount: 20_000, personFines: [] }));
    const r2025 = await rangeFor(w.deps, base);
    assert.equal(r2025.ruleSet.version, '2025.1');
    assert.equal(r2025.citation.article, '61');
    assert.throws(() => checkPenaltyTerms(r2025, { measures: [], fineAmount: 20_000, personFines: [] }), hasCode('RULE_VIOLATION'));
  });

  let penaltyId = '';
  await t.test('proposal → legal review (returned, then ok) → intent → decision → service → execution → closed', async () => {
    const p = await proposePenalty(w.deps, w.inspector, { ...base, fineAmount: 50_000, personFines: [{ name: '王总', post: '总经理', amount: 10_000 }] });
    penaltyId = p.id;
    assert.equal(p.status, 'proposed');
    assert.equal((p.legalBasis as { citationText: string }).citationText, '《中华人民共和国网络安全法》第61条');
    // The entity does not see a proposal; no decision before legal review.
    await assert.rejects(getPenalty(w.deps, w.portalA, { penaltyId }), hasCode('NOT_FOUND'));
    await assert.rejects(decidePenalty(w.deps, w.leader, { penaltyId, paymentDeadline: '2026-04-30' }), hasCode('RULE_VIOLATION'));
    await assert.rejects(reviewPenalty(w.deps, w.legal, { penaltyId, result: 'ok', comment: '同意' }), hasCode('INVALID_STATE'));
    await assert.rejects(reviewPenalty(w.deps, w.inspector, { penaltyId, result: 'ok', comment: '同意' }), hasCode('FORBIDDEN'));
    await submitPenaltyForReview(w.deps, w.inspector, { penaltyId });
    const returned = await reviewPenalty(w.deps, w.legal, { penaltyId, result: 'returned', comment: '请补充证据' });
    assert.equal(returned.status, 'returned');
    await assert.rejects(revisePenalty(w.deps, w.inspector, { penaltyId, ...base, fineAmount: 1_000 }), hasCode('RULE_VIOLATION'));
    await revisePenalty(w.deps, w.inspector, { penaltyId, ...base, fineAmount: 80_000, evidenceSummary: '检查记录、复查意见' });
    await submitPenaltyForReview(w.deps, w.inspector, { penaltyId });
    const ok = await reviewPenalty(w.deps, w.legal, { penaltyId, result: 'ok', comment: '事实清楚，依据正确' });
    assert.equal(ok.status, 'reviewed');
    await assert.rejects(decidePenalty(w.deps, w.leader, { penaltyId, paymentDeadline: '2026-04-30' }), hasCode('INVALID_STATE'), 'intent must be notified first');
    await notifyPenaltyIntent(w.deps, w.inspector, { penaltyId, hearingOffered: true });
    assert.equal((await getPenalty(w.deps, w.portalA, { penaltyId })).status, 'intentNotified');
    await assert.rejects(decidePenalty(w.deps, w.inspector, { penaltyId, paymentDeadline: '2026-04-30' }), hasCode('FORBIDDEN'));
    await assert.rejects(decidePenalty(w.deps, w.leader, { penaltyId }), hasCode('VALIDATION_FAILED'));
    const decided = await decidePenalty(w.deps, w.leader, { penaltyId, paymentDeadline: '2026-04-30' });
    assert.equal(decided.status, 'decided');
    assert.match(decided.docNumber ?? '', /^宿公网安罚字〔2026〕第0001号$/);
    await assert.rejects(executePenalty(w.deps, w.inspector, { penaltyId }), hasCode('INVALID_STATE'));
    await servePenalty(w.deps, w.inspector, { penaltyId, method: 'inPerson' });
    await executePenalty(w.deps, w.inspector, { penaltyId, note: '罚款已缴纳' });
    await closePenalty(w.deps, w.inspector, { penaltyId, note: '执行完毕' });
    const actions = await w.deps.db.selectFrom('auditLog').select('action').where('targetId', '=', penaltyId).orderBy('seq').execute();
    assert.deepEqual(actions.map((a) => a.action), [
      'penalty.proposed', 'penalty.legalReview', 'penalty.returned', 'penalty.revised', 'penalty.legalReview', 'penalty.reviewed',
      'penalty.intentNotified', 'penalty.decided', 'penalty.served', 'penalty.executed', 'penalty.closed',
    ]);
  });

  await t.test('a warning (警告) is a penalty too; a challenged decision is recorded', async () => {
    const warning = await proposePenalty(w.deps, w.inspector, { ...base, tier: 'first', measures: ['warning'], fineAmount: null });
    await withdrawPenalty(w.deps, w.inspector, { penaltyId: warning.id, reason: '合并处理' });
    await assert.rejects(submitPenaltyForReview(w.deps, w.inspector, { penaltyId: warning.id }), hasCode('INVALID_STATE'));
    const second = await proposePenalty(w.deps, w.inspector, { ...base, tier: 'first', measures: ['warning'], fineAmount: null });
    await submitPenaltyForReview(w.deps, w.inspector, { penaltyId: second.id });
    await reviewPenalty(w.deps, w.legal, { penaltyId: second.id, result: 'ok', comment: '同意' });
    await notifyPenaltyIntent(w.deps, w.inspector, { penaltyId: second.id, hearingOffered: false });
    await decidePenalty(w.deps, w.leader, { penaltyId: second.id });
    await servePenalty(w.deps, w.inspector, { penaltyId: second.id, method: 'portal' });
    const challenged = await challengePenalty(w.deps, w.inspector, { penaltyId: second.id, kind: 'reconsideration' });
    assert.equal(challenged.challengeKind, 'reconsideration');
    const list = await listPenalties(w.deps, w.inspector, { limit: 20, offset: 0, inspectionId });
    assert.equal(list.total, 3);
    assert.equal((await listPenalties(w.deps, w.njInspector, { limit: 20, offset: 0 })).total, 0);
  });

  await t.test('closing needs every action concluded; clue: drafted → approved → sent → acknowledged', async () => {
    const clue = await draftClue(w.deps, w.inspector, { inspectionId, title: '涉嫌为网络赌博提供技术支持', facts: '检查中发现其服务器托管赌博网站', receivingUnit: '宿迁市公安局刑侦支队' });
    await assert.rejects(closeEscalation(w.deps, w.leader, { inspectionId, reason: '结案' }), hasCode('RULE_VIOLATION'));
    await assert.rejects(sendClue(w.deps, w.inspector, { clueId: clue.id }), hasCode('INVALID_STATE'));
    await assert.rejects(approveClue(w.deps, w.inspector, { clueId: clue.id }), hasCode('FORBIDDEN'));
    await approveClue(w.deps, w.leader, { clueId: clue.id, comment: '同意移交' });
    await sendClue(w.deps, w.inspector, { clueId: clue.id });
    await assert.rejects(cancelClue(w.deps, w.leader, { clueId: clue.id, reason: '撤回' }), hasCode('INVALID_STATE'));
    await acknowledgeClue(w.deps, w.inspector, { clueId: clue.id, acknowledgement: '刑侦支队已接收，回执编号 2026-017' });
    await assert.rejects(closeEscalation(w.deps, w.leader, { inspectionId, reason: '结案' }), hasCode('RULE_VIOLATION'), 'the challenged penalty is open');
    const open = (await listPenalties(w.deps, w.inspector, { limit: 20, offset: 0, status: ['challenged'] })).rows[0]!;
    await closePenalty(w.deps, w.inspector, { penaltyId: open.id, note: '复议维持' });
    await assert.rejects(closeEscalation(w.deps, w.inspector, { inspectionId, reason: '结案' }), hasCode('FORBIDDEN'));
    const closed = await closeEscalation(w.deps, w.leader, { inspectionId, reason: '执法措施均已完成' });
    assert.equal(closed.status, 'closedEscalated');
    assert.equal((await listClues(w.deps, w.inspector, { limit: 20, offset: 0 })).total, 1);
    await assert.rejects(listClues(w.deps, w.portalA, { limit: 20, offset: 0 }), hasCode('FORBIDDEN'));
    const portal = await getInspection(w.deps, w.portalA, { inspectionId });
    assert.equal(portal.clues.length, 0, 'clues never reach the portal');
    assert.ok(portal.penalties.every((p) => p.status !== 'proposed' && p.status !== 'withdrawn'));
  });
});
