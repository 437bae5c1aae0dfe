import { z } from 'zod';
import { sha256Hex } from '../../lib/canonical';
import { checkById } from '../../scan/checks';
import { SEVERITIES } from '../../scan/checks/define';
import { gradeSite } from '../../scan/grade';
import { inflateOutcome, readStoredOutcomes } from '../../scan/run/outcomes';
import * as inspectionLinks from '../../store/inspections.store';
import * as authStore from '../../store/scan-authorisations.store';
import * as scans from '../../store/scans.store';
import type { ReviewedGradeJson } from '../../store/tables/scans';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError, found } from '../errors';
import { scanAccess } from './access';
import { userIdOf } from './authorisations';
import { getScan } from './read-scans';

/**
 * Tentative findings (CNT-04 always; CNT-03/06 below firm) wait for a reviewer with no points
 * (remote-detection.md §3.3). Confirming or dismissing is audited and stores a re-graded view
 * beside the original; the grades the scan recorded are never rewritten.
 */

export const ZReviewFindingBody = z.object({
  decision: z.enum(['confirmed', 'dismissed']),
  reason: z.string().trim().min(1).max(500),
});

export const ZReviewQueueQuery = z.object({
  status: z.enum(['pending', 'confirmed', 'dismissed']).default('pending'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export async function listReviewQueue(deps: Deps, actor: Actor, scanId: string, input: z.infer<typeof ZReviewQueueQuery>) {
  const scan = await getScan(deps, actor, scanId);
  return scans.listReviewFindings(deps.db, scan.id, { status: input.status }, { limit: input.limit, offset: input.offset });
}

/** The task's grade with confirmed tentative outcomes scoring (as firm) and dismissed ones dropped. */
export function regrade(outcomes: unknown, reviews: readonly Pick<scans.FindingRow, 'checkId' | 'reviewStatus'>[], at: Date): ReviewedGradeJson {
  const decided = new Map(reviews.filter((r) => r.reviewStatus === 'confirmed' || r.reviewStatus === 'dismissed').map((r) => [r.checkId, r.reviewStatus]));
  const view = readStoredOutcomes(outcomes).map((s) => {
    const o = inflateOutcome(s);
    const decision = decided.get(o.checkId);
    if (decision === 'confirmed' && o.confidence === 'tentative') return { ...o, confidence: 'firm' as const };
    if (decision === 'dismissed') return { ...o, severity: 'none' as const, points: 0, cap: null, trust: false, status: null };
    return o;
  });
  const g = gradeSite(view);
  return { score: g.score, grade: g.grade, gradeIgnoringTrust: g.gradeIgnoringTrust, riskCount: g.riskCount, reviewedAt: at.toISOString(), reviews: decided.size };
}

export async function reviewFinding(deps: Deps, actor: Actor, input: z.infer<typeof ZReviewFindingBody> & { scanId: string; findingId: string }) {
  const scope = scanAccess(actor, 'scan.review');
  return deps.db.transaction().execute(async (trx) => {
    const scan = found(await scans.findScan(trx, scope, input.scanId), 'scan');
    const finding = found(await scans.findingForUpdate(trx, scan.id, input.findingId), 'finding');
    if (finding.confidence !== 'tentative' || finding.reviewStatus !== 'pending') {
      throw new AppError('INVALID_STATE', 'only a tentative finding awaiting review can be confirmed or dismissed', { reviewStatus: finding.reviewStatus });
    }
    const now = deps.now();
    const updated = await scans.updateFinding(trx, finding.id, { reviewStatus: input.decision, reviewedBy: actor.userId, reviewedAt: now, reviewReason: input.reason });
    const task = found(await scans.taskById(trx, finding.taskId), 'task');
    const reviewed = regrade(task.outcomes, await scans.findingsOfTask(trx, task.id), now);
    await scans.setReviewedGrade(trx, task.id, reviewed);
    await appendAudit(trx, actor, {
      action: input.decision === 'confirmed' ? 'scan.findingConfirmed' : 'scan.findingDismissed',
      targetType: 'scanFinding', targetId: finding.id, from: 'pending', to: input.decision, reason: input.reason, unitPath: finding.unitPath,
      summary: { scanId: scan.id, siteId: finding.siteId, checkId: finding.checkId, result: finding.result, originalGrade: task.grade, reviewedGrade: reviewed.grade },
    });
    return { finding: updated, reviewedGrade: reviewed };
  });
}

/** An inspector approves the site's candidate baseline (a redesign, or a first look confirmed by eye). */
export async function approveBaseline(deps: Deps, actor: Actor, input: { scanId: string; siteId: string; reason?: string }) {
  const scope = scanAccess(actor, 'scan.review');
  return deps.db.transaction().execute(async (trx) => {
    const scan = found(await scans.findScan(trx, scope, input.scanId), 'scan');
    const task = found(await scans.findTask(trx, scan.id, input.siteId), 'site');
    const row = await scans.approveCandidate(trx, { siteId: task.siteId, approvedBy: userIdOf(actor), at: deps.now() });
    if (!row) throw new AppError('INVALID_STATE', 'the site has no candidate baseline to approve');
    await appendAudit(trx, actor, {
      action: 'scan.baselineApproved', targetType: 'site', targetId: task.siteId, reason: input.reason ?? null, unitPath: task.unitPath,
      summary: { scanId: scan.id, capturedAt: row.capturedAt.toISOString(), title: row.fingerprint.title },
    });
    return row;
  });
}

export type PromotionItem = {
  findingId: string;
  fingerprint: string;
  checkId: string;
  title: { zh: string; en: string };
  result: string;
  severity: string;
  confidence: string;
  /** Rule-item keys (remote-detection.md §4.3), resolved by src/rules at the scan date. */
  cites: string[];
  diffStatus: string;
  detail: unknown;
  evidence: string[];
  /** sha256 over the evidence keys and the task's request-log digest: what the record cites. */
  evidenceDigest: string;
  /** The remote-detection inspection this finding was promoted into, if any. */
  promotedTo: string | null;
};

export type PromotionSource = {
  scanId: string;
  siteId: string;
  entityId: string;
  hostname: string;
  scannedAt: string | null;
  authorisationId: string;
  agencyId: string | null;
  requestLogSha256: string | null;
  scanDigest: string | null;
  stamp: unknown;
  items: PromotionItem[];
};

const LOW = SEVERITIES.indexOf('low');

/**
 * Why a finding cannot go into a record, or null when it can: certain or firm findings ≥ low
 * and confirmed tentative ones qualify; dismissed, still pending or minor ones never do.
 */
export function promotionBlocker(f: Pick<scans.FindingRow, 'severity' | 'confidence' | 'reviewStatus'>): 'belowLow' | 'awaitingReview' | 'dismissed' | null {
  if (f.reviewStatus === 'dismissed') return 'dismissed';
  if (f.confidence === 'tentative' && f.reviewStatus !== 'confirmed') return 'awaitingReview';
  if (SEVERITIES.indexOf(f.severity as (typeof SEVERITIES)[number]) < LOW) return 'belowLow';
  return null;
}

/** sha256 over a finding's evidence keys (sorted) and its task's request-log digest. */
export function evidenceDigestOf(evidence: readonly string[], logSha256: string | null): string {
  return sha256Hex([...[...evidence].sort(), logSha256 ?? ''].join('\n'));
}

/**
 * What a site's scan result contributes to a remote-detection inspection record and a
 * rectification notice: the findings `promotionBlocker` lets through. The inspections module
 * turns these into record items (`promoteScanFindings`).
 */
export async function findingsForPromotion(deps: Deps, actor: Actor, scanId: string, siteId: string): Promise<PromotionSource> {
  const scan = await getScan(deps, actor, scanId);
  const task = found(await scans.findTask(deps.db, scan.id, siteId), 'site');
  if (task.status !== 'done') throw new AppError('INVALID_STATE', 'the site was not scanned to the end', { status: task.status });
  const findings = (await scans.findingsOfTask(deps.db, task.id)).filter((f) => promotionBlocker(f) === null);
  const promoted = new Map((await inspectionLinks.promotionsOfScanFindings(deps.db, findings.map((f) => f.id))).map((p) => [p.scanFindingId, p.inspectionId]));
  const items = findings.map((f): PromotionItem => ({
    findingId: f.id, fingerprint: f.fingerprint, checkId: f.checkId,
    title: checkById(f.checkId)?.title ?? { zh: f.checkId, en: f.checkId },
    result: f.result, severity: f.severity, confidence: f.confidence, cites: f.cites, diffStatus: f.diffStatus, detail: f.detail,
    evidence: f.evidence, evidenceDigest: evidenceDigestOf(f.evidence, task.logSha256), promotedTo: promoted.get(f.id) ?? null,
  }));
  const [a] = await authStore.authorisationsByIds(deps.db, [task.authorisationId]);
  return {
    scanId: scan.id, siteId: task.siteId, entityId: task.entityId, hostname: task.hostname,
    scannedAt: task.startedAt ? task.startedAt.toISOString() : null, authorisationId: task.authorisationId, agencyId: a?.agencyId ?? null,
    requestLogSha256: task.logSha256, scanDigest: scan.digest, stamp: scan.stamp, items,
  };
}
