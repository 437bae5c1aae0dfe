import { z } from 'zod';
import type { ScanProgress, GradeDistribution, FixedFinding, OutcomeView } from '../../domain/scans/read-scans';
import type { PromoteScanFindingsResult } from '../../domain/inspections/promote-scan-findings';
import type { PromotionSource } from '../../domain/scans/review-findings';
import { authorisationOpen } from '../../domain/scans/window';
import type { AgencyRow, AuthorisationRow } from '../../store/scan-authorisations.store';
import type { BaselineRow, FindingRow, ScanRow, TaskRow } from '../../store/scans.store';
import type { LateRetryJson, ReviewedGradeJson } from '../../store/tables/scans';

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
const ZTitle = z.object({ zh: z.string(), en: z.string() }).nullable();

// ---------------------------------------------------------------- agencies

export const ZAgencyView = z.object({
  id: z.string(), unitId: z.string(), name: z.string(), uscc: z.string(), contractRef: z.string(),
  contractFrom: z.string(), contractUntil: z.string(), status: z.string(), createdAt: z.string(), updatedAt: z.string(),
});
export function presentAgency(a: AgencyRow): z.infer<typeof ZAgencyView> {
  return {
    id: a.id, unitId: a.unitId, name: a.name, uscc: a.uscc, contractRef: a.contractRef, contractFrom: a.contractFrom,
    contractUntil: a.contractUntil, status: a.status, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString(),
  };
}

export const ZAgencyStaffView = z.object({
  userId: z.string(), username: z.string(), displayName: z.string(), userStatus: z.string(),
  undertakingSigned: z.boolean(), undertakingRef: z.string().nullable(), undertakingOn: z.string().nullable(),
});
export const ZAgencyDetailView = ZAgencyView.extend({ staff: z.array(ZAgencyStaffView) });
type StaffRow = { userId: string; username: string; displayName: string; userStatus: string; undertakingSigned: boolean; undertakingRef: string | null; undertakingOn: string | null };
export function presentAgencyDetail(d: { agency: AgencyRow; staff: StaffRow[] }): z.infer<typeof ZAgencyDetailView> {
  return {
    ...presentAgency(d.agency),
    staff: d.staff.map((s) => ({
      userId: s.userId, username: s.username, displayName: s.displayName, userStatus: s.userStatus,
      undertakingSigned: s.undertakingSigned, undertakingRef: s.undertakingRef, undertakingOn: s.undertakingOn,
    })),
  };
}

// ---------------------------------------------------------------- authorisations

export const ZAuthorisationView = z.object({
  id: z.string(), entityId: z.string(), entityName: z.string().nullable(), siteIds: z.array(z.string()),
  targets: z.array(z.object({ siteId: z.string(), hostname: z.string(), ips: z.array(z.string()) })),
  validFrom: z.string(), validUntil: z.string(), window: z.object({ start: z.string(), end: z.string() }).nullable(),
  profile: z.string(), rateLimit: z.number().nullable(), agencyId: z.string().nullable(), agencyStaffIds: z.array(z.string()),
  purpose: z.string(), noticeRef: z.string().nullable(), notifiedAt: z.string().nullable(),
  status: z.string(),
  /** Active but past validUntil reads as expired before the sweep moves it. */
  effectiveStatus: z.string(),
  /** A scan may start under it right now (validity and daily window). */
  openNow: z.boolean(),
  createdBy: z.string(), approvedBy: z.string().nullable(), approvedAt: z.string().nullable(), activatedAt: z.string().nullable(),
  revokedAt: z.string().nullable(), revokeReason: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
});
export function presentAuthorisation(a: AuthorisationRow & { entityName?: string }, now: Date): z.infer<typeof ZAuthorisationView> {
  const open = authorisationOpen(a, now);
  return {
    id: a.id, entityId: a.entityId, entityName: a.entityName ?? null, siteIds: a.siteIds, targets: a.targets,
    validFrom: a.validFrom.toISOString(), validUntil: a.validUntil.toISOString(),
    window: a.windowStart && a.windowEnd ? { start: a.windowStart, end: a.windowEnd } : null,
    profile: a.profile, rateLimit: a.rateLimit, agencyId: a.agencyId, agencyStaffIds: a.agencyStaffIds, purpose: a.purpose,
    noticeRef: a.noticeRef, notifiedAt: iso(a.notifiedAt), status: a.status,
    effectiveStatus: a.status === 'active' && !open.ok && open.reason === 'expired' ? 'expired' : a.status,
    openNow: open.ok, createdBy: a.createdBy, approvedBy: a.approvedBy, approvedAt: iso(a.approvedAt), activatedAt: iso(a.activatedAt),
    revokedAt: iso(a.revokedAt), revokeReason: a.revokeReason, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString(),
  };
}

// ---------------------------------------------------------------- scans

export const ZProgressView = z.object({
  status: z.string(), total: z.number(), done: z.number(), failed: z.number(), skipped: z.number(), cancelled: z.number(),
  running: z.number(), pending: z.number(), lateRetries: z.number(), sitesPerSecond: z.number(), etaSeconds: z.number().nullable(),
});
export const presentProgress = (p: ScanProgress): z.infer<typeof ZProgressView> => ({ ...p });

export const ZScanView = z.object({
  id: z.string(), status: z.string(), target: z.record(z.string(), z.unknown()), targetLabel: z.string(), profile: z.string(),
  stamp: z.object({ scoringVersion: z.string(), catalogueHash: z.string(), keywordsVersion: z.string(), ruleSetVersions: z.record(z.string(), z.string()) }),
  authorisationIds: z.array(z.string()), agencyId: z.string().nullable(), startedBy: z.string(),
  total: z.number(), done: z.number(), failed: z.number(), skipped: z.number(), cancelled: z.number(),
  summary: z.record(z.string(), z.unknown()).nullable(), digest: z.string().nullable(), error: z.string().nullable(),
  createdAt: z.string(), plannedAt: z.string().nullable(), finishedAt: z.string().nullable(), statusChangedAt: z.string(),
});
export function presentScan(s: ScanRow): z.infer<typeof ZScanView> {
  return {
    id: s.id, status: s.status, target: s.target, targetLabel: s.targetLabel, profile: s.profile, stamp: s.stamp,
    authorisationIds: s.authorisationIds, agencyId: s.agencyId, startedBy: s.startedBy,
    total: s.totalTasks, done: s.doneTasks, failed: s.failedTasks, skipped: s.skippedTasks, cancelled: s.cancelledTasks,
    summary: s.summary, digest: s.digest, error: s.error, createdAt: s.createdAt.toISOString(), plannedAt: iso(s.plannedAt),
    finishedAt: iso(s.finishedAt), statusChangedAt: s.statusChangedAt.toISOString(),
  };
}

const ZReviewedGrade = z.object({
  score: z.number().nullable(), grade: z.string().nullable(), gradeIgnoringTrust: z.string().nullable(), riskCount: z.number(),
  reviewedAt: z.string(), reviews: z.number(),
}).nullable();

export const ZScanSiteView = z.object({
  taskId: z.string(), siteId: z.string(), entityId: z.string(), hostname: z.string(), seq: z.number(), status: z.string(),
  attempt: z.number(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(), durationMs: z.number().nullable(),
  siteStatus: z.string().nullable(), score: z.number().nullable(), grade: z.string().nullable(), gradeIgnoringTrust: z.string().nullable(),
  riskCount: z.number().nullable(), findingCount: z.number().nullable(), cappedBy: z.array(z.string()).nullable(),
  reviewedGrade: ZReviewedGrade, error: z.string().nullable(),
  /** AVL-01's late retry: the first attempt and how the retry went (retry unset while it waits). */
  lateRetry: z.object({
    attempts: z.number(), firstFinishedAt: z.string(), firstResult: z.string(), dueAt: z.string(),
    retry: z.enum(['done', 'not_performed', 'cancelled']).nullable(), reason: z.string().nullable(), retriedAt: z.string().nullable(),
  }).nullable(),
});
type TaskListRow = Pick<TaskRow, 'id' | 'siteId' | 'entityId' | 'hostname' | 'seq' | 'status' | 'attempt' | 'startedAt' | 'finishedAt' | 'durationMs'
  | 'siteStatus' | 'score' | 'grade' | 'gradeIgnoringTrust' | 'riskCount' | 'findingCount' | 'cappedBy' | 'reviewedGrade' | 'error' | 'lateRetry'>;

function presentLateRetry(l: LateRetryJson | null): z.infer<typeof ZScanSiteView>['lateRetry'] {
  if (!l) return null;
  return {
    attempts: l.attempts, firstFinishedAt: l.firstFinishedAt, firstResult: l.firstResult, dueAt: l.dueAt,
    retry: l.retry ?? null, reason: l.reason ?? null, retriedAt: l.retriedAt ?? null,
  };
}
export function presentScanSite(t: TaskListRow): z.infer<typeof ZScanSiteView> {
  return {
    taskId: t.id, siteId: t.siteId, entityId: t.entityId, hostname: t.hostname, seq: t.seq, status: t.status, attempt: t.attempt,
    startedAt: iso(t.startedAt), finishedAt: iso(t.finishedAt), durationMs: t.durationMs, siteStatus: t.siteStatus, score: t.score,
    grade: t.grade, gradeIgnoringTrust: t.gradeIgnoringTrust, riskCount: t.riskCount, findingCount: t.findingCount, cappedBy: t.cappedBy,
    reviewedGrade: (t.reviewedGrade as ReviewedGradeJson | null) ?? null, error: t.error,
    lateRetry: presentLateRetry(t.lateRetry as LateRetryJson | null),
  };
}

export const ZFindingView = z.object({
  id: z.string(), siteId: z.string(), fingerprint: z.string(), checkId: z.string(), checkVersion: z.number(), title: ZTitle,
  result: z.string(), severity: z.string(), confidence: z.string(), points: z.number(), cites: z.array(z.string()),
  detail: z.unknown(), evidenceRefs: z.array(z.unknown()), evidence: z.array(z.string()), diffStatus: z.string(),
  reviewStatus: z.string().nullable(), reviewedBy: z.string().nullable(), reviewedAt: z.string().nullable(), reviewReason: z.string().nullable(),
});
export function presentFinding(f: FindingRow & { title?: { zh: string; en: string } | null }): z.infer<typeof ZFindingView> {
  return {
    id: f.id, siteId: f.siteId, fingerprint: f.fingerprint, checkId: f.checkId, checkVersion: f.checkVersion, title: f.title ?? null,
    result: f.result, severity: f.severity, confidence: f.confidence, points: f.points, cites: f.cites, detail: f.detail,
    evidenceRefs: f.evidenceRefs, evidence: f.evidence, diffStatus: f.diffStatus, reviewStatus: f.reviewStatus, reviewedBy: f.reviewedBy,
    reviewedAt: iso(f.reviewedAt), reviewReason: f.reviewReason,
  };
}

export const ZReviewFindingView = ZFindingView.extend({ hostname: z.string().optional() });

export const ZOutcomeView = z.object({
  id: z.string(), v: z.number(), r: z.string(), c: z.string(), p: z.number(), s: z.string().optional(), cap: z.string().optional(),
  t: z.number().optional(), st: z.string().optional(), b: z.number().optional(), title: ZTitle,
});

export const ZEvidenceView = z.object({ sha256: z.string(), kind: z.string(), content: z.unknown(), bytes: z.number(), hasBody: z.boolean() });

export const ZSiteDetailView = z.object({
  scan: ZScanView,
  site: ZScanSiteView.extend({ registered: z.unknown(), usage: z.unknown(), logSha256: z.string().nullable(), authorisationId: z.string() }),
  outcomes: z.array(ZOutcomeView),
  findings: z.array(ZFindingView),
  evidence: z.array(ZEvidenceView),
  diff: z.object({
    previousTaskId: z.string().nullable(), previousScanId: z.string().nullable(), previousGrade: z.string().nullable(),
    fixed: z.array(z.object({ fingerprint: z.string(), checkId: z.string(), result: z.string(), severity: z.string(), title: ZTitle })),
  }),
  requestLog: z.array(z.unknown()),
});
export function presentSiteDetail(d: {
  scan: ScanRow; task: TaskRow; outcomes: OutcomeView[]; findings: (FindingRow & { title: { zh: string; en: string } | null })[];
  evidence: { sha256: string; kind: string; content: unknown; bytes: number; hasBody: boolean }[];
  diff: { previousTaskId: string | null; previousScanId: string | null; previousGrade: string | null; fixed: FixedFinding[] };
  requestLog: unknown[];
}): z.infer<typeof ZSiteDetailView> {
  return {
    scan: presentScan(d.scan),
    site: { ...presentScanSite(d.task), registered: d.task.registered, usage: d.task.usage, logSha256: d.task.logSha256, authorisationId: d.task.authorisationId },
    outcomes: d.outcomes,
    findings: d.findings.map(presentFinding),
    evidence: d.evidence.map((e) => ({ sha256: e.sha256, kind: e.kind, content: e.content, bytes: e.bytes, hasBody: e.hasBody })),
    diff: d.diff,
    requestLog: d.requestLog,
  };
}

export const ZGradeDistributionView = z.object({
  grades: z.array(z.object({ grade: z.string(), n: z.number() })),
  unreachable: z.number(), zombie: z.number(), unfinished: z.number(), notDone: z.number(),
});
export const presentGrades = (g: GradeDistribution): z.infer<typeof ZGradeDistributionView> => g;

export const ZReviewResultView = z.object({ finding: ZFindingView, reviewedGrade: ZReviewedGrade });

export const ZBaselineView = z.object({
  siteId: z.string(), status: z.string(), capturedAt: z.string(), title: z.string(), approval: z.string().nullable(),
  approvedBy: z.string().nullable(), approvedAt: z.string().nullable(),
});
export function presentBaseline(b: BaselineRow): z.infer<typeof ZBaselineView> {
  return {
    siteId: b.siteId, status: b.status, capturedAt: b.capturedAt.toISOString(), title: b.fingerprint.title, approval: b.approval,
    approvedBy: b.approvedBy, approvedAt: iso(b.approvedAt),
  };
}

export const ZPromotionView = z.object({
  scanId: z.string(), siteId: z.string(), entityId: z.string(), hostname: z.string(), scannedAt: z.string().nullable(),
  authorisationId: z.string(), agencyId: z.string().nullable(), requestLogSha256: z.string().nullable(), scanDigest: z.string().nullable(),
  stamp: z.unknown(),
  items: z.array(z.object({
    findingId: z.string(), fingerprint: z.string(), checkId: z.string(), title: z.object({ zh: z.string(), en: z.string() }),
    result: z.string(), severity: z.string(), confidence: z.string(), cites: z.array(z.string()), diffStatus: z.string(),
    detail: z.unknown(), evidence: z.array(z.string()), evidenceDigest: z.string(), promotedTo: z.string().nullable(),
  })),
});
export const presentPromotion = (p: PromotionSource): z.infer<typeof ZPromotionView> => p;

export const ZPromotionResultView = z.object({
  inspectionId: z.string(), inspectionStatus: z.string(),
  promoted: z.array(z.object({ findingId: z.string(), itemKey: z.string(), checkId: z.string() })),
  alreadyPromoted: z.array(z.string()),
});
export function presentPromotionResult(r: PromoteScanFindingsResult): z.infer<typeof ZPromotionResultView> {
  return {
    inspectionId: r.inspection.id, inspectionStatus: r.inspection.status,
    promoted: r.promoted.map((p) => ({ findingId: p.scanFindingId, itemKey: p.itemKey, checkId: p.checkId })),
    alreadyPromoted: r.alreadyPromoted,
  };
}
