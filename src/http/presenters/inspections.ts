import { z } from 'zod';
import type { InspectionDetail } from '../../domain/inspections/inspection-detail';
import type * as store from '../../store/inspections.store';
import type * as rectification from '../../store/rectification.store';
import type * as escalation from '../../store/escalation.store';
import type { DocumentNumberRow } from '../../store/documents.store';

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
const ZJson = z.record(z.string(), z.unknown());

// ---------------------------------------------------------------- plans

export const ZPlanView = z.object({
  id: z.string(),
  unitId: z.string(),
  title: z.string(),
  type: z.string(),
  period: z.string().nullable(),
  mode: z.string(),
  basis: z.string(),
  scopeText: z.string(),
  majorTask: z.object({ name: z.string(), from: z.string(), to: z.string() }).nullable(),
  source: z.object({ kind: z.string(), ref: z.string().nullable().optional(), description: z.string() }).nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  teamIds: z.array(z.string()),
  status: z.string(),
  createdBy: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  cancelReason: z.string().nullable(),
  targetCount: z.number().int().optional(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PlanView = z.infer<typeof ZPlanView>;

export function presentPlan(p: store.PlanRow & { targetCount?: number | null }): PlanView {
  return {
    id: p.id, unitId: p.unitId, title: p.title, type: p.type, period: p.period, mode: p.mode, basis: p.basis, scopeText: p.scopeText,
    majorTask: p.majorTask, source: p.source, startsOn: p.startsOn, endsOn: p.endsOn, teamIds: p.teamIds, status: p.status,
    createdBy: p.createdBy, submittedAt: iso(p.submittedAt), reviewedBy: p.reviewedBy, reviewedAt: iso(p.reviewedAt),
    reviewComment: p.reviewComment, cancelReason: p.cancelReason, ...(p.targetCount != null ? { targetCount: p.targetCount } : {}),
    isDemo: p.isDemo, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
  };
}

export const ZPersonView = z.object({ id: z.string(), name: z.string(), credentialNumber: z.string().nullable() });

export const ZPlanDetailView = z.object({
  plan: ZPlanView,
  targets: z.array(z.object({ entityId: z.string(), entityName: z.string(), uscc: z.string(), reason: z.string().nullable() })),
  team: z.array(ZPersonView),
  inspections: z.array(z.object({ id: z.string(), entityId: z.string(), entityName: z.string(), mode: z.string(), status: z.string() })),
});

// ---------------------------------------------------------------- inspections

export const ZInspectionView = z.object({
  id: z.string(),
  planId: z.string().nullable(),
  entityId: z.string(),
  unitId: z.string(),
  type: z.string(),
  mode: z.string(),
  status: z.string(),
  teamIds: z.array(z.string()),
  agencyId: z.string().nullable(),
  agencyStaffIds: z.array(z.string()),
  scheduledOn: z.string(),
  majorTask: z.object({ name: z.string(), from: z.string(), to: z.string() }).nullable(),
  place: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  checklistAsOf: z.string().nullable(),
  ruleSets: z.array(z.object({ id: z.string(), version: z.string(), contentHash: z.string() })).nullable(),
  measuresTaken: z.array(z.string()),
  guidance: z.string().nullable(),
  cancelReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function presentInspection(i: store.InspectionRow): z.infer<typeof ZInspectionView> {
  return {
    id: i.id, planId: i.planId, entityId: i.entityId, unitId: i.unitId, type: i.type, mode: i.mode, status: i.status, teamIds: i.teamIds,
    agencyId: i.agencyId, agencyStaffIds: i.agencyStaffIds, scheduledOn: i.scheduledOn, majorTask: i.majorTask, place: i.place,
    startedAt: iso(i.startedAt), endedAt: iso(i.endedAt), checklistAsOf: i.checklistAsOf, ruleSets: i.ruleSets, measuresTaken: i.measuresTaken,
    guidance: i.guidance, cancelReason: i.cancelReason, closedAt: iso(i.closedAt), isDemo: i.isDemo, createdAt: i.createdAt.toISOString(), updatedAt: i.updatedAt.toISOString(),
  };
}

export const ZInspectionListItem = ZInspectionView.extend({
  entityName: z.string(),
  entityUscc: z.string(),
  overdue: z.boolean(),
  openDeadline: z.string().nullable(),
});

export function presentInspectionListItem(i: store.InspectionRow & { entityName: string; entityUscc: string; overdue: boolean | null; openDeadline: string | null }) {
  return { ...presentInspection(i), entityName: i.entityName, entityUscc: i.entityUscc, overdue: i.overdue === true, openDeadline: i.openDeadline };
}

export const ZNoticeView = z.object({
  id: z.string(),
  inspectionId: z.string(),
  entityId: z.string(),
  docNumber: z.string(),
  status: z.string(),
  issuedAt: z.string(),
  inspectionOn: z.string(),
  windowEnd: z.string().nullable(),
  scopeText: z.string(),
  basis: z.string(),
  team: z.array(z.object({ userId: z.string(), name: z.string(), credentialNumber: z.string() })),
  toPrepare: z.array(z.string()),
  contact: z.string().nullable(),
  portalDeliveredAt: z.string().nullable(),
  servedAt: z.string().nullable(),
  serviceMethod: z.string().nullable(),
  receipt: z.object({ receivedBy: z.string().nullable().optional(), note: z.string().nullable().optional(), recordedBy: z.string().nullable().optional() }).nullable(),
});

export function presentNotice(n: store.NoticeRow): z.infer<typeof ZNoticeView> {
  return {
    id: n.id, inspectionId: n.inspectionId, entityId: n.entityId, docNumber: n.docNumber, status: n.status, issuedAt: n.issuedAt.toISOString(),
    inspectionOn: n.inspectionOn, windowEnd: n.windowEnd, scopeText: n.scopeText, basis: n.basis, team: n.team, toPrepare: n.toPrepare, contact: n.contact,
    portalDeliveredAt: iso(n.portalDeliveredAt), servedAt: iso(n.servedAt), serviceMethod: n.serviceMethod, receipt: n.receipt,
  };
}

export const ZItemView = z.object({
  id: z.string(),
  seq: z.number().int(),
  itemKey: z.string(),
  ruleSetId: z.string(),
  ruleSetVersion: z.string(),
  text: z.object({ zh: z.string(), en: z.string() }),
  citation: ZJson,
  severity: z.string(),
  penaltyTopic: z.string().nullable(),
  evidenceExpected: z.object({ zh: z.string(), en: z.string() }),
  reason: z.string(),
  result: z.string(),
  note: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

export function presentItem(i: store.ItemRow): z.infer<typeof ZItemView> {
  const s = i.snapshot;
  return {
    id: i.id, seq: i.seq, itemKey: i.itemKey, ruleSetId: i.ruleSetId, ruleSetVersion: i.ruleSetVersion, text: s.text, citation: s.citation,
    severity: s.severity, penaltyTopic: s.penaltyTopic, evidenceExpected: s.evidenceExpected, reason: s.reason, result: i.result, note: i.note, updatedAt: iso(i.updatedAt),
  };
}

export const ZEvidenceView = z.object({
  id: z.string(),
  inspectionId: z.string(),
  itemId: z.string().nullable(),
  rectificationNoticeId: z.string().nullable(),
  rectificationReportId: z.string().nullable(),
  purpose: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  contentType: z.string(),
  fileName: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});

export function presentEvidence(e: store.EvidenceRow): z.infer<typeof ZEvidenceView> {
  return {
    id: e.id, inspectionId: e.inspectionId, itemId: e.itemId, rectificationNoticeId: e.rectificationNoticeId, rectificationReportId: e.rectificationReportId,
    purpose: e.purpose, sha256: e.sha256, sizeBytes: e.sizeBytes, contentType: e.contentType, fileName: e.fileName, uploadedBy: e.uploadedBy, uploadedAt: e.uploadedAt.toISOString(),
  };
}

export const ZSignatureView = z.object({
  id: z.string(),
  role: z.string(),
  userId: z.string().nullable(),
  signerName: z.string(),
  signerPost: z.string().nullable(),
  credentialNumber: z.string().nullable(),
  contentSha256: z.string(),
  imageSha256: z.string(),
  /** Only on the single-record endpoint (signing screens, documents). */
  imagePng: z.string().optional(),
  signedAt: z.string(),
});

export function presentSignature(s: store.SignatureRow, withImage: boolean): z.infer<typeof ZSignatureView> {
  return {
    id: s.id, role: s.role, userId: s.userId, signerName: s.signerName, signerPost: s.signerPost, credentialNumber: s.credentialNumber,
    contentSha256: s.contentSha256, imageSha256: s.imageSha256, ...(withImage ? { imagePng: s.imagePng } : {}), signedAt: s.signedAt.toISOString(),
  };
}

export const ZRecordView = z.object({
  id: z.string(),
  inspectionId: z.string(),
  mode: z.string(),
  version: z.number().int(),
  previousId: z.string().nullable(),
  docNumber: z.string(),
  content: z.string(),
  contentSha256: z.string(),
  correctionReason: z.string().nullable(),
  status: z.string(),
  objection: z.string().nullable(),
  objectionAt: z.string().nullable(),
  refusal: z.object({ reason: z.string(), notedBy: z.array(z.string()), notedAt: z.string() }).nullable(),
  frozenAt: z.string().nullable(),
  createdAt: z.string(),
  signatures: z.array(ZSignatureView),
  missing: z.array(z.string()),
});

export function presentRecord(r: store.RecordRow, signatures: store.SignatureRow[], missing: string[], withImages: boolean): z.infer<typeof ZRecordView> {
  return {
    id: r.id, inspectionId: r.inspectionId, mode: r.mode, version: r.version, previousId: r.previousId, docNumber: r.docNumber, content: r.content,
    contentSha256: r.contentSha256, correctionReason: r.correctionReason, status: r.status, objection: r.objection, objectionAt: iso(r.objectionAt),
    refusal: r.refusal ? { reason: r.refusal.reason, notedBy: r.refusal.notedBy, notedAt: r.refusal.notedAt } : null,
    frozenAt: iso(r.frozenAt), createdAt: r.createdAt.toISOString(), signatures: signatures.map((s) => presentSignature(s, withImages)), missing,
  };
}

export const ZFindingView = z.object({
  id: z.string(),
  inspectionId: z.string(),
  recordId: z.string(),
  itemId: z.string().nullable(),
  seq: z.number().int(),
  category: z.string(),
  severity: z.string(),
  description: z.string(),
  itemKey: z.string().nullable(),
  basisText: z.string().nullable(),
  penaltyTopic: z.string().nullable(),
  status: z.string(),
  measure: z.string().nullable().optional(),
});

export function presentFinding(f: store.FindingRow & { measure?: string | null }): z.infer<typeof ZFindingView> {
  return {
    id: f.id, inspectionId: f.inspectionId, recordId: f.recordId, itemId: f.itemId, seq: f.seq, category: f.category, severity: f.severity,
    description: f.description, itemKey: f.itemKey, basisText: f.basisText, penaltyTopic: f.penaltyTopic, status: f.status,
    ...(f.measure !== undefined ? { measure: f.measure } : {}),
  };
}

/** A scan finding promoted into a remote-detection inspection; evidence at /api/scans/:scanId/evidence/:sha256. */
export const ZScanFindingLinkView = z.object({
  scanFindingId: z.string(),
  itemId: z.string(),
  itemKey: z.string().nullable(),
  scanId: z.string(),
  siteId: z.string(),
  hostname: z.string(),
  checkId: z.string(),
  result: z.string(),
  severity: z.string(),
  evidence: z.array(z.string()),
  evidenceDigest: z.string(),
  requestLogSha256: z.string().nullable(),
  scanDigest: z.string().nullable(),
  promotedAt: z.string(),
});

export function presentScanFindingLink(l: store.ScanFindingLinkRow & { itemKey: string | null }): z.infer<typeof ZScanFindingLinkView> {
  return {
    scanFindingId: l.scanFindingId, itemId: l.itemId, itemKey: l.itemKey, scanId: l.scanId, siteId: l.siteId, hostname: l.hostname, checkId: l.checkId,
    result: l.result, severity: l.severity, evidence: l.evidence, evidenceDigest: l.evidenceDigest, requestLogSha256: l.requestLogSha256,
    scanDigest: l.scanDigest, promotedAt: l.promotedAt.toISOString(),
  };
}

// ---------------------------------------------------------------- rectification

export const ZRectificationNoticeView = z.object({
  id: z.string(),
  inspectionId: z.string(),
  unitId: z.string(),
  entityId: z.string(),
  entityName: z.string().optional(),
  round: z.number().int(),
  previousId: z.string().nullable(),
  docNumber: z.string(),
  recordDocNumber: z.string(),
  inspectedOn: z.string(),
  deadline: z.string(),
  orderBasis: z.string(),
  measures: z.array(z.string()),
  status: z.string(),
  overdue: z.boolean(),
  issuedAt: z.string(),
  portalDeliveredAt: z.string().nullable(),
  servedAt: z.string().nullable(),
  serviceMethod: z.string().nullable(),
});

export function presentRectificationNotice(n: rectification.RectificationNoticeRow & { entityName?: string }, overdue: boolean): z.infer<typeof ZRectificationNoticeView> {
  return {
    id: n.id, inspectionId: n.inspectionId, unitId: n.unitId, entityId: n.entityId, ...(n.entityName ? { entityName: n.entityName } : {}),
    round: n.round, previousId: n.previousId, docNumber: n.docNumber, recordDocNumber: n.recordDocNumber, inspectedOn: n.inspectedOn, deadline: n.deadline,
    orderBasis: n.orderBasis, measures: n.measures, status: n.status, overdue, issuedAt: n.issuedAt.toISOString(),
    portalDeliveredAt: iso(n.portalDeliveredAt), servedAt: iso(n.servedAt), serviceMethod: n.serviceMethod,
  };
}

export const ZReportView = z.object({
  id: z.string(), noticeId: z.string(), inspectionId: z.string(), content: z.string(), submittedVia: z.string(), submittedBy: z.string().nullable(), submittedAt: z.string(),
});
export function presentReport(r: rectification.ReportRow): z.infer<typeof ZReportView> {
  return { id: r.id, noticeId: r.noticeId, inspectionId: r.inspectionId, content: r.content, submittedVia: r.submittedVia, submittedBy: r.submittedBy, submittedAt: r.submittedAt.toISOString() };
}

export const ZReInspectionView = z.object({
  id: z.string(),
  inspectionId: z.string(),
  noticeId: z.string(),
  docNumber: z.string(),
  conductedOn: z.string(),
  officerIds: z.array(z.string()),
  opinion: z.string(),
  allRectified: z.boolean(),
  results: z.array(z.object({ findingId: z.string(), rating: z.string(), note: z.string().nullable() })),
  createdAt: z.string(),
});
export function presentReInspection(r: rectification.ReInspectionRow & { results: { findingId: string; rating: string; note: string | null }[] }): z.infer<typeof ZReInspectionView> {
  return {
    id: r.id, inspectionId: r.inspectionId, noticeId: r.noticeId, docNumber: r.docNumber, conductedOn: r.conductedOn, officerIds: r.officerIds,
    opinion: r.opinion, allRectified: r.allRectified, results: r.results.map((x) => ({ findingId: x.findingId, rating: x.rating, note: x.note })), createdAt: r.createdAt.toISOString(),
  };
}

export const ZRectificationDetailView = z.object({
  notice: ZRectificationNoticeView,
  entity: z.object({ id: z.string(), name: z.string(), uscc: z.string() }).nullable(),
  findings: z.array(ZFindingView),
  reports: z.array(ZReportView),
  evidence: z.array(ZEvidenceView),
  reInspection: ZReInspectionView.nullable(),
});

// ---------------------------------------------------------------- escalation

export const ZTalkView = z.object({
  id: z.string(),
  inspectionId: z.string().nullable(),
  entityId: z.string(),
  entityName: z.string().optional(),
  docNumber: z.string(),
  heldAt: z.string(),
  place: z.string(),
  officerIds: z.array(z.string()),
  attendees: z.array(z.object({ name: z.string(), post: z.string() })),
  reason: z.string(),
  basis: z.string(),
  problems: z.string(),
  demands: z.string(),
  deadline: z.string().nullable(),
  entityStatement: z.string().nullable(),
  createdAt: z.string(),
});
export function presentTalk(t: escalation.TalkRow & { entityName?: string }): z.infer<typeof ZTalkView> {
  return {
    id: t.id, inspectionId: t.inspectionId, entityId: t.entityId, ...(t.entityName ? { entityName: t.entityName } : {}), docNumber: t.docNumber,
    heldAt: t.heldAt.toISOString(), place: t.place, officerIds: t.officerIds, attendees: t.attendees, reason: t.reason, basis: t.basis, problems: t.problems,
    demands: t.demands, deadline: t.deadline, entityStatement: t.entityStatement, createdAt: t.createdAt.toISOString(),
  };
}

export const ZPenaltyView = z.object({
  id: z.string(),
  inspectionId: z.string().nullable(),
  entityId: z.string(),
  entityName: z.string().optional(),
  findingIds: z.array(z.string()),
  topicKey: z.string(),
  tier: z.string(),
  subject: z.string(),
  violationDate: z.string(),
  legalBasis: ZJson,
  measures: z.array(z.string()),
  fineAmount: z.number().nullable(),
  personFines: z.array(z.object({ name: z.string(), post: z.string().nullable().optional(), amount: z.number() })),
  facts: z.string(),
  evidenceSummary: z.string().nullable(),
  status: z.string(),
  reviewResult: z.string().nullable(),
  reviewComment: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  intentNotifiedAt: z.string().nullable(),
  hearingOffered: z.boolean().nullable(),
  docNumber: z.string().nullable(),
  decidedAt: z.string().nullable(),
  paymentDeadline: z.string().nullable(),
  servedAt: z.string().nullable(),
  executedAt: z.string().nullable(),
  challengedAt: z.string().nullable(),
  challengeKind: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export function presentPenalty(p: escalation.PenaltyRow & { entityName?: string }): z.infer<typeof ZPenaltyView> {
  return {
    id: p.id, inspectionId: p.inspectionId, entityId: p.entityId, ...(p.entityName ? { entityName: p.entityName } : {}), findingIds: p.findingIds, topicKey: p.topicKey,
    tier: p.tier, subject: p.subject, violationDate: p.violationDate, legalBasis: p.legalBasis, measures: p.measures, fineAmount: p.fineAmount,
    personFines: p.personFines, facts: p.facts, evidenceSummary: p.evidenceSummary, status: p.status, reviewResult: p.reviewResult, reviewComment: p.reviewComment,
    reviewedAt: iso(p.reviewedAt), intentNotifiedAt: iso(p.intentNotifiedAt), hearingOffered: p.hearingOffered, docNumber: p.docNumber, decidedAt: iso(p.decidedAt),
    paymentDeadline: p.paymentDeadline, servedAt: iso(p.servedAt), executedAt: iso(p.executedAt), challengedAt: iso(p.challengedAt), challengeKind: p.challengeKind,
    closedAt: iso(p.closedAt), closeNote: p.closeNote, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(),
  };
}

export const ZClueView = z.object({
  id: z.string(),
  inspectionId: z.string().nullable(),
  entityId: z.string().nullable(),
  title: z.string(),
  facts: z.string(),
  suspectedOffence: z.string().nullable(),
  receivingUnit: z.string(),
  status: z.string(),
  draftedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgement: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
});
export function presentClue(c: escalation.ClueRow): z.infer<typeof ZClueView> {
  return {
    id: c.id, inspectionId: c.inspectionId, entityId: c.entityId, title: c.title, facts: c.facts, suspectedOffence: c.suspectedOffence, receivingUnit: c.receivingUnit,
    status: c.status, draftedBy: c.draftedBy, approvedBy: c.approvedBy, approvedAt: iso(c.approvedAt), sentAt: iso(c.sentAt), acknowledgedAt: iso(c.acknowledgedAt),
    acknowledgement: c.acknowledgement, cancelReason: c.cancelReason, createdAt: c.createdAt.toISOString(),
  };
}

export const ZDocNumberView = z.object({
  id: z.string(), unitId: z.string(), kind: z.string(), year: z.number().int(), seq: z.number().int(), docNumber: z.string(), status: z.string(),
  targetType: z.string(), targetId: z.string(), issuedAt: z.string(), voidedAt: z.string().nullable(), voidReason: z.string().nullable(),
});
export function presentDocNumber(n: DocumentNumberRow): z.infer<typeof ZDocNumberView> {
  return {
    id: n.id, unitId: n.unitId, kind: n.kind, year: n.year, seq: n.seq, docNumber: n.docNumber, status: n.status, targetType: n.targetType, targetId: n.targetId,
    issuedAt: n.issuedAt.toISOString(), voidedAt: iso(n.voidedAt), voidReason: n.voidReason,
  };
}

// ---------------------------------------------------------------- detail

export const ZTimelineEntryView = z.object({
  seq: z.number().int(),
  at: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  summary: ZJson,
});

export const ZInspectionDetailView = z.object({
  inspection: ZInspectionView,
  entity: z.object({ id: z.string(), name: z.string(), uscc: z.string(), address: z.string(), kind: z.string(), type: z.string() }).nullable(),
  plan: z.object({ id: z.string(), title: z.string(), status: z.string() }).nullable(),
  notice: ZNoticeView.nullable(),
  team: z.array(ZPersonView),
  agencyStaff: z.array(z.object({ id: z.string(), name: z.string() })),
  checklist: z.record(z.string(), z.number()),
  records: z.array(ZRecordView),
  findings: z.array(ZFindingView),
  scanFindings: z.array(ZScanFindingLinkView),
  rectificationNotices: z.array(ZRectificationNoticeView),
  reports: z.array(ZReportView),
  reInspections: z.array(ZReInspectionView),
  talks: z.array(ZTalkView),
  penalties: z.array(ZPenaltyView),
  clues: z.array(ZClueView),
  overdue: z.boolean(),
  timeline: z.array(ZTimelineEntryView),
});

export function presentInspectionDetail(d: InspectionDetail): z.infer<typeof ZInspectionDetailView> {
  return {
    inspection: presentInspection(d.inspection),
    entity: d.entity ? { id: d.entity.id, name: d.entity.name, uscc: d.entity.uscc, address: d.entity.address, kind: d.entity.kind, type: d.entity.type } : null,
    plan: d.plan,
    notice: d.notice ? presentNotice(d.notice) : null,
    team: d.team,
    agencyStaff: d.agencyStaff,
    checklist: d.checklist,
    records: d.records.map((r) => presentRecord(r.record, r.signatures, r.missing, false)),
    findings: d.findings.map((f) => presentFinding(f)),
    scanFindings: d.scanFindings.map(presentScanFindingLink),
    rectificationNotices: d.rectificationNotices.map((n) => presentRectificationNotice(n.notice, n.overdue)),
    reports: d.reports.map(presentReport),
    reInspections: d.reInspections.map(presentReInspection),
    talks: d.talks.map((t) => presentTalk(t)),
    penalties: d.penalties.map((p) => presentPenalty(p)),
    clues: d.clues.map(presentClue),
    overdue: d.overdue,
    timeline: d.timeline.map((e) => ({ ...e, at: e.at.toISOString() })),
  };
}
