import { z } from 'zod';
import type { DocumentInput } from '../../documents/kinds/index';
import * as subjects from '../../store/document-subjects.store';
import type { UnitScope } from '../access';
import { citationText } from '../inspections/record-text';
import { AppError } from '../errors';
import {
  clip, day, iso, lines, officersOf, partyOf, receiptOf, stubOf, userName,
  type BuildContext, type LoadedSubject, type SubjectDeps,
} from './subject-parts';

/** 责令限期整改通知书 from a rectification notice; the notice carries its own number. */
export async function rectificationNoticeSubject(deps: SubjectDeps, scope: UnitScope, id: string): Promise<LoadedSubject> {
  const notice = await subjects.findRectificationNotice(deps.db, scope, id);
  if (!notice) throw new AppError('NOT_FOUND', 'rectification notice not found');
  const inspection = await subjects.findInspectionById(deps.db, notice.inspectionId);
  return {
    kind: 'rectificationNotice',
    subjectType: 'rectificationNotice',
    subjectId: notice.id,
    unitId: notice.unitId,
    unitPath: notice.unitPath,
    entityId: notice.entityId,
    inspectionId: notice.inspectionId,
    isDemo: inspection.isDemo,
    docNumber: notice.docNumber,
    issueDate: day(notice.issuedAt),
    notReady: null,
    async build(ctx: BuildContext) {
      const { party } = await partyOf(deps, notice.entityId);
      const violations = await subjects.violationsOfNotice(deps.db, notice.id);
      const issuer = (await userName(deps.db, notice.issuedBy)) ?? ctx.actor.displayName;
      const data: DocumentInput<'rectificationNotice'> = {
        docNumber: ctx.docNumber,
        issueDate: ctx.issueDate,
        draft: ctx.draft,
        party,
        recordRef: clip(notice.recordDocNumber),
        inspectedOn: notice.inspectedOn,
        violations: violations.map((v) => ({
          description: clip(v.description, 5000),
          basis: clip(v.basisText ?? (v.citation ? citationText(v.citation) : '—')),
          measure: v.measure ? clip(v.measure, 5000) : undefined,
        })),
        orderBasis: clip(notice.orderBasis),
        measures: notice.measures.map((m) => clip(m, 5000)),
        deadline: notice.deadline,
        stub: stubOf({ approver: issuer, approvedAt: notice.issuedAt, issuer, issuedAt: notice.issuedAt, servedAt: notice.servedAt }),
        receipt: receiptOf({ servedAt: notice.servedAt, serviceMethod: notice.serviceMethod, receipt: notice.receipt }),
      };
      return data;
    },
  };
}

const ratingResult = (r: string) => (r === 'rectified' || r === 'partiallyRectified' ? r : 'notRectified');

/** 复查意见书 from a re-inspection; it carries its own number. */
export async function reInspectionSubject(deps: SubjectDeps, scope: UnitScope, id: string): Promise<LoadedSubject> {
  const re = await subjects.findReInspection(deps.db, scope, id);
  if (!re) throw new AppError('NOT_FOUND', 're-inspection not found');
  const inspection = await subjects.findInspectionById(deps.db, re.inspectionId);
  return {
    kind: 'reInspectionOpinion',
    subjectType: 'reInspection',
    subjectId: re.id,
    unitId: re.unitId,
    unitPath: re.unitPath,
    entityId: re.entityId,
    inspectionId: re.inspectionId,
    isDemo: inspection.isDemo,
    docNumber: re.docNumber,
    issueDate: day(re.createdAt),
    notReady: null,
    async build(ctx: BuildContext) {
      const { party } = await partyOf(deps, re.entityId);
      const [notice, results, officers] = await Promise.all([
        subjects.rectificationNoticeById(deps.db, re.noticeId),
        subjects.reInspectionResults(deps.db, re.id),
        officersOf(deps.db, re.officerIds),
      ]);
      const issuer = ctx.actor.displayName;
      const data: DocumentInput<'reInspectionOpinion'> = {
        docNumber: ctx.docNumber,
        issueDate: ctx.issueDate,
        draft: ctx.draft,
        party,
        noticeNumber: clip(notice?.docNumber ?? '—'),
        noticeDate: notice ? day(notice.issuedAt) : undefined,
        reInspectedOn: re.conductedOn,
        officers,
        results: results.map((r) => ({ finding: clip(r.description, 5000), result: ratingResult(r.rating), note: r.note ? clip(r.note, 5000) : undefined })),
        opinion: clip(re.opinion, 5000),
        nextStep: re.allRectified
          ? '经复查，你单位已按要求完成整改，本机关对本次责令整改事项予以销项。'
          : '对未整改到位的问题，本机关将依法责令重新整改或者依法作进一步处理。',
        stub: stubOf({ approver: issuer, approvedAt: ctx.now, issuer, issuedAt: ctx.now, servedAt: null }),
        receipt: receiptOf({ servedAt: null, serviceMethod: null, receipt: null }),
      };
      return data;
    },
  };
}

/** 约谈记录 from a warning talk; it carries its own number. */
export async function warningTalkSubject(deps: SubjectDeps, scope: UnitScope, id: string): Promise<LoadedSubject> {
  const talk = await subjects.findWarningTalk(deps.db, scope, id);
  if (!talk) throw new AppError('NOT_FOUND', 'warning talk not found');
  return {
    kind: 'warningTalkRecord',
    subjectType: 'warningTalk',
    subjectId: talk.id,
    unitId: talk.unitId,
    unitPath: talk.unitPath,
    entityId: talk.entityId,
    inspectionId: talk.inspectionId,
    isDemo: talk.isDemo,
    docNumber: talk.docNumber,
    issueDate: day(talk.heldAt),
    notReady: null,
    async build(ctx: BuildContext) {
      const { party } = await partyOf(deps, talk.entityId);
      const police = await officersOf(deps.db, talk.officerIds);
      const demands = lines(talk.demands);
      const data: DocumentInput<'warningTalkRecord'> = {
        docNumber: ctx.docNumber,
        issueDate: ctx.issueDate,
        draft: ctx.draft,
        party,
        startedAt: iso(talk.heldAt),
        endedAt: iso(talk.heldAt),
        place: clip(talk.place),
        police,
        recorder: (await userName(deps.db, talk.createdBy)) ?? undefined,
        persons: talk.attendees.map((a) => ({ name: clip(a.name), post: clip(a.post || '—') })),
        reason: clip(talk.reason, 5000),
        basis: lines(talk.basis).slice(0, 10).map((b) => clip(b)),
        problems: lines(talk.problems).slice(0, 50).map((p) => clip(p, 5000)),
        demands: demands.slice(0, 50).map((text) => ({ text: clip(text, 5000), deadline: talk.deadline ?? undefined })),
        entityStatement: talk.entityStatement ? clip(talk.entityStatement, 5000) : undefined,
      };
      return data;
    },
  };
}

// What the escalation module freezes as a penalty's legal basis (rules' PenaltyRange), read leniently.
const ZCitation = z.object({ document: z.string(), article: z.string().nullable(), paragraph: z.string().optional(), clause: z.string().nullable() });
const ZLegalBasis = z.object({
  citation: ZCitation.optional(),
  alsoCites: z.array(ZCitation).optional(),
  document: z.object({ zh: z.string() }).optional(),
  ruleSet: z.object({ id: z.string(), version: z.string() }).optional(),
});
const decisionMeasures = ['warning', 'confiscation', 'suspension', 'siteClosure', 'licenceRevocation', 'disconnection'] as const;

/** 行政处罚决定书 from a decided penalty; the decision carries its own number. */
export async function penaltySubject(deps: SubjectDeps, scope: UnitScope, id: string): Promise<LoadedSubject> {
  const p = await subjects.findPenalty(deps.db, scope, id);
  if (!p) throw new AppError('NOT_FOUND', 'penalty not found');
  return {
    kind: 'penaltyDecision',
    subjectType: 'penalty',
    subjectId: p.id,
    unitId: p.unitId,
    unitPath: p.unitPath,
    entityId: p.entityId,
    inspectionId: p.inspectionId,
    isDemo: p.isDemo,
    docNumber: p.docNumber,
    issueDate: p.decidedAt ? day(p.decidedAt) : null,
    notReady: p.docNumber && p.decidedAt ? null : `the penalty is ${p.status}: it is numbered when decided`,
    async build(ctx: BuildContext) {
      const { party } = await partyOf(deps, p.entityId);
      const basis = ZLegalBasis.safeParse(p.legalBasis);
      const lb = basis.success ? basis.data : {};
      const findings = p.inspectionId ? await subjects.findingsOf(deps.db, p.inspectionId) : [];
      const violated = findings.find((f) => p.findingIds.includes(f.id) && (f.basisText || f.citation));
      const reviewer = await userName(deps.db, p.reviewedBy);
      const penalties: DocumentInput<'penaltyDecision'>['penalties'] = [
        ...decisionMeasures.filter((m) => p.measures.includes(m) && m !== 'confiscation').map((measure) => ({ subject: 'entity' as const, name: party.name, measure })),
        ...(p.fineAmount ? [{ subject: 'entity' as const, name: party.name, measure: 'fine' as const, amountYuan: p.fineAmount }] : []),
        ...p.personFines.map((f) => ({ subject: 'person' as const, name: clip(f.name), post: f.post ? clip(f.post) : undefined, measure: 'fine' as const, amountYuan: f.amount })),
      ];
      const decided = p.decidedAt ? day(p.decidedAt) : ctx.issueDate;
      const paymentDays = p.paymentDeadline ? Math.round((Date.parse(p.paymentDeadline) - Date.parse(decided)) / 86_400_000) : 15;
      const data: DocumentInput<'penaltyDecision'> = {
        docNumber: ctx.docNumber,
        issueDate: ctx.issueDate,
        draft: ctx.draft,
        party,
        facts: clip(p.facts, 5000),
        evidence: [...lines(p.evidenceSummary), ...(await evidenceDocuments(deps, p.inspectionId))].slice(0, 50).map((e) => clip(e)),
        violatedArticle: clip(violated?.basisText ?? (violated?.citation ? citationText(violated.citation) : lb.alsoCites?.[0] ? citationText(lb.alsoCites[0]) : '—')),
        penaltyArticle: clip(lb.citation ? citationText(lb.citation) : p.topicKey),
        lawVersion: clip(lb.document ? `《${lb.document.zh}》` : lb.ruleSet ? `${lb.ruleSet.id} ${lb.ruleSet.version}` : `违法行为发生之日（${p.violationDate}）施行的版本`),
        penalties,
        paymentDeadlineDays: Math.min(90, Math.max(1, paymentDays)),
        legalReviewRef: clip(
          p.reviewResult === 'ok'
            ? `法制审核通过（${reviewer ?? '法制员'}，${p.reviewedAt ? day(p.reviewedAt) : ''}）${p.reviewComment ? `：${p.reviewComment}` : ''}`
            : '未经法制审核',
        ),
        stub: stubOf({ approver: await userName(deps.db, p.decidedBy), approvedAt: p.decidedAt, issuer: ctx.actor.displayName, issuedAt: p.decidedAt ?? ctx.now, servedAt: p.servedAt }),
        receipt: receiptOf({ servedAt: p.servedAt, serviceMethod: p.serviceMethod, receipt: null }),
      };
      return data;
    },
  };
}

/** The numbered records of the inspection a decision rests on, as evidence lines. */
async function evidenceDocuments(deps: SubjectDeps, inspectionId: string | null): Promise<string[]> {
  if (!inspectionId) return [];
  const [record, notices, reInspections] = await Promise.all([
    subjects.currentRecordOf(deps.db, inspectionId),
    subjects.rectificationNoticesOf(deps.db, inspectionId),
    subjects.reInspectionsOf(deps.db, inspectionId),
  ]);
  return [
    ...(record ? [`${record.mode === 'onSite' ? '现场检查记录' : '远程检测记录'}（${record.docNumber}）`] : []),
    ...notices.map((n) => `责令限期整改通知书（${n.docNumber}）`),
    ...reInspections.map((r) => `复查意见书（${r.docNumber}）`),
  ];
}
