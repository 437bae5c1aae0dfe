import { z } from 'zod';
import { requirePermission, scopeOf, type Actor } from '../access';
import { appendAudit } from '../audit';
import { shanghaiDate } from '../dates';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as store from '../../store/inspections.store';
import * as rectification from '../../store/rectification.store';
import { acceptEvidence, insertEvidenceRow, type EvidenceUpload } from '../inspections/evidence';
import { assertTeamMember, moveInspection } from '../inspections/lifecycle';

function reporterScope(actor: Actor) {
  requirePermission(actor, 'rectification.report');
  const scope = scopeOf(actor);
  if (scope.kind === 'agency') throw new AppError('FORBIDDEN', 'agency staff do not report rectification');
  return scope;
}

/** The entity (portal) or an inspector on its behalf uploads evidence for a rectification report. */
export async function addReportEvidence(deps: Deps, actor: Actor, input: EvidenceUpload & { noticeId: string }) {
  const scope = reporterScope(actor);
  const accepted = await acceptEvidence(deps, input);
  return deps.db.transaction().execute(async (trx) => {
    const notice = await rectification.findNoticeForUpdate(trx, scope, input.noticeId);
    if (!notice) throw new AppError('NOT_FOUND', 'rectification notice not found');
    if (notice.status !== 'issued') throw new AppError('INVALID_STATE', `the notice is ${notice.status}`, { from: notice.status });
    return insertEvidenceRow(trx, actor, {
      ...accepted,
      inspection: { id: notice.inspectionId, unitPath: notice.unitPath, entityId: notice.entityId },
      itemId: null,
      purpose: 'rectificationReport',
      noticeId: notice.id,
      at: deps.now(),
    });
  });
}

export const ZSubmitReportBody = z.object({
  content: z.string().trim().min(2).max(10000),
  evidenceIds: z.array(z.uuid()).max(50).default([]),
});

/**
 * The entity reports its rectification with evidence (整改报告), through the portal or recorded
 * by an inspector of the team. A report after the deadline is accepted and marked late.
 */
export async function submitRectificationReport(deps: Deps, actor: Actor, input: z.infer<typeof ZSubmitReportBody> & { noticeId: string }) {
  const scope = reporterScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const seen = await rectification.findNotice(trx, scope, input.noticeId);
    if (!seen) throw new AppError('NOT_FOUND', 'rectification notice not found');
    const inspection = await store.findInspectionByIdForUpdate(trx, seen.inspectionId);
    const notice = (await rectification.findNoticeForUpdate(trx, scope, seen.id))!;
    if (scope.kind === 'units') assertTeamMember(actor, inspection);
    if (notice.status !== 'issued') throw new AppError('INVALID_STATE', `the notice is ${notice.status}`, { from: notice.status, to: 'reported' });
    const now = deps.now();
    const report = await rectification.insertReport(trx, {
      noticeId: notice.id,
      inspectionId: inspection.id,
      unitPath: notice.unitPath,
      entityId: notice.entityId,
      content: input.content,
      submittedVia: scope.kind === 'entity' ? 'portal' : 'inspector',
      submittedBy: actor.userId,
      submittedAt: now,
    });
    const ids = [...new Set(input.evidenceIds)];
    const linked = await store.linkEvidenceToReport(trx, notice.id, ids, report.id);
    if (linked.length !== ids.length) {
      throw new AppError('VALIDATION_FAILED', 'evidence must be uploaded for this notice and not used by another report', { fields: [{ path: 'evidenceIds', message: 'unknown or already used' }] });
    }
    await rectification.updateNotice(trx, notice.id, { status: 'reported' });
    const late = shanghaiDate(now) > notice.deadline;
    await appendAudit(trx, actor, {
      action: 'rectification.reported', targetType: 'rectificationNotice', targetId: notice.id, from: 'issued', to: 'reported', unitPath: notice.unitPath,
      summary: { reportId: report.id, evidence: ids.length, late, via: report.submittedVia },
    });
    await moveInspection(trx, actor, inspection, 'rectificationReported', { summary: { noticeId: notice.id, late }, at: now });
    return report;
  });
}
