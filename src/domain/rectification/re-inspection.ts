import { z } from 'zod';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import { appendAudit } from '../audit';
import { shanghaiDate } from '../dates';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as store from '../../store/inspections.store';
import * as rectification from '../../store/rectification.store';
import { issueDocNumber } from '../documents/numbering';
import { lockInspection, moveInspection } from '../inspections/lifecycle';
import { checkTeam } from '../inspections/plans';
import { ZDay } from '../inspections/states';
import { autoReason } from '../audit-reasons';

export const ZRating = z.enum(['rectified', 'partiallyRectified', 'notRectified']);

export const ZReInspectionBody = z.object({
  noticeId: z.uuid(),
  conductedOn: ZDay,
  /** The two (or more) officers who re-inspected. */
  officerIds: z.array(z.uuid()).min(2).max(10),
  results: z.array(z.object({ findingId: z.uuid(), rating: ZRating, note: z.string().trim().max(2000).nullable().optional() })).min(1).max(200),
  opinion: z.string().trim().min(2).max(5000),
});

/**
 * Re-inspection (复查) after the entity reported, or after the deadline passed with nothing
 * reported: each ordered finding is rated, and the numbered opinion (复查意见书) is issued. All
 * rectified closes the inspection; otherwise a leader orders a new deadline or escalates.
 */
export async function recordReInspection(deps: Deps, actor: Actor, input: z.infer<typeof ZReInspectionBody>) {
  requirePermission(actor, 'reinspection.record');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const seen = await rectification.findNotice(trx, scope, input.noticeId);
    if (!seen) throw new AppError('NOT_FOUND', 'rectification notice not found');
    const inspection = await lockInspection(trx, scope, seen.inspectionId);
    const notice = (await rectification.findNoticeForUpdate(trx, scope, seen.id))!;
    const now = deps.now();
    const today = shanghaiDate(now);
    const overdue = notice.status === 'issued' && notice.deadline < today;
    if (notice.status === 'reInspected') throw new AppError('INVALID_STATE', 'this notice was already re-inspected', { from: notice.status });
    if (notice.status === 'issued' && !overdue) {
      throw new AppError('RULE_VIOLATION', 're-inspection comes after the entity reports or after the deadline', { deadline: notice.deadline });
    }
    if (input.conductedOn > today) throw new AppError('VALIDATION_FAILED', 'the re-inspection date is in the future', { fields: [{ path: 'conductedOn', message: 'after today' }] });
    await checkTeam(trx, scope, input.officerIds, 'officerIds');
    const ordered = await rectification.findingsOfNotice(trx, notice.id);
    const rated = new Map(input.results.map((r) => [r.findingId, r]));
    if (rated.size !== input.results.length || ordered.length !== rated.size || ordered.some((f) => !rated.has(f.id))) {
      throw new AppError('VALIDATION_FAILED', 'rate every finding of the notice exactly once', { fields: [{ path: 'results', message: `expected ${ordered.map((f) => f.id).join(', ')}` }] });
    }
    const allRectified = input.results.every((r) => r.rating === 'rectified');
    const id = crypto.randomUUID();
    const number = await issueDocNumber(trx, actor, { unitId: inspection.unitId, kind: 'reInspectionOpinion', issueDate: today, targetType: 'reInspection', targetId: id, at: now });
    const reInspection = await rectification.insertReInspection(trx, {
      id,
      inspectionId: inspection.id,
      noticeId: notice.id,
      unitId: inspection.unitId,
      unitPath: inspection.unitPath,
      entityId: inspection.entityId,
      docNumber: number.docNumber,
      conductedOn: input.conductedOn,
      officerIds: input.officerIds,
      opinion: input.opinion,
      allRectified,
      createdBy: actor.userId,
    });
    await rectification.insertResults(trx, reInspection.id, input.results.map((r) => ({ findingId: r.findingId, rating: r.rating, note: r.note ?? null })));
    for (const r of input.results) await store.setFindingStatus(trx, r.findingId, r.rating);
    await rectification.updateNotice(trx, notice.id, { status: 'reInspected' });
    await appendAudit(trx, actor, {
      action: 'rectification.reInspected', targetType: 'rectificationNotice', targetId: notice.id, from: notice.status, to: 'reInspected', unitPath: notice.unitPath,
      summary: { reInspectionId: reInspection.id, docNumber: reInspection.docNumber, allRectified, nothingReported: overdue },
    });
    let current = await moveInspection(trx, actor, inspection, 'reInspected', {
      reason: overdue ? 'deadline passed with nothing reported' : null,
      summary: { reInspectionId: reInspection.id, allRectified },
      at: now,
    });
    if (allRectified) current = await moveInspection(trx, actor, current, 'closedRectified', { reason: autoReason.everyFindingRectified, at: now });
    return { reInspection, inspection: current };
  });
}
