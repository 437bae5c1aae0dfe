import { z } from 'zod';
import { requirePermission, scopeOf, type Actor } from '../access';
import { addDays, isOverdue, shanghaiDate } from '../dates';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as store from '../../store/inspections.store';
import * as rectification from '../../store/rectification.store';
import * as units from '../../store/units.store';

const ZBool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ZListRectificationQuery = z.object({
  status: z.enum(['issued', 'reported', 'reInspected']).optional(),
  overdue: ZBool.optional(),
  entityId: z.uuid().optional(),
  inspectionId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  /** Reminders: open notices due within N days from today (Shanghai). */
  dueWithinDays: z.coerce.number().int().min(0).max(365).optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  sort: z.enum(['deadline', 'issuedAt']).default('deadline'),
  dir: z.enum(['asc', 'desc']).default('asc'),
});
export type ListRectificationQuery = z.infer<typeof ZListRectificationQuery>;

/** Rectification notices in scope (the portal: its own entity's), overdue derived from today. */
export async function listRectificationNotices(deps: Deps, actor: Actor, input: ListRectificationQuery) {
  requirePermission(actor, 'inspection.read');
  const scope = scopeOf(actor);
  if (scope.kind === 'agency') return { rows: [], total: 0 };
  const today = shanghaiDate(deps.now());
  let unitPath: string | undefined;
  if (input.unitId) {
    if (scope.kind !== 'units') throw new AppError('NOT_FOUND', 'unit not found');
    const unit = await units.findInScope(deps.db, scope, input.unitId);
    if (!unit) throw new AppError('NOT_FOUND', 'unit not found');
    unitPath = unit.path;
  }
  return rectification.listNotices(
    deps.db,
    scope,
    {
      status: input.status, overdue: input.overdue, entityId: input.entityId, inspectionId: input.inspectionId, q: input.q, unitPath, today,
      dueBy: input.dueWithinDays !== undefined ? addDays(today, input.dueWithinDays) : undefined,
    },
    { limit: input.limit, offset: input.offset },
    { field: input.sort, dir: input.dir },
  );
}

/**
 * Reminders: open notices (nothing reported yet) whose deadline falls within the next
 * `withinDays` days. A scheduled job can call this and notify the entity and the team.
 */
export async function listNoticesDueSoon(deps: Deps, actor: Actor, input: { withinDays: number; limit?: number }) {
  return listRectificationNotices(deps, actor, {
    dueWithinDays: input.withinDays, limit: input.limit ?? 200, offset: 0, sort: 'deadline', dir: 'asc',
  });
}

/** Overdue: issued, past the deadline day, and the inspection still waits for the report (not escalated or closed). */
export async function noticeOverdue(deps: Deps, notice: { inspectionId: string; status: string; deadline: string }): Promise<boolean> {
  if (notice.status !== 'issued' || !isOverdue(notice.deadline, deps.now())) return false;
  return (await store.inspectionStatus(deps.db, notice.inspectionId)) === 'rectificationOrdered';
}

/** One notice with its findings, reports, evidence and re-inspection. */
export async function getRectificationNotice(deps: Deps, actor: Actor, input: { noticeId: string }) {
  requirePermission(actor, 'inspection.read');
  const scope = scopeOf(actor);
  const notice = await rectification.findNotice(deps.db, scope, input.noticeId);
  if (!notice) throw new AppError('NOT_FOUND', 'rectification notice not found');
  const [findings, reports, evidence, reInspections, entity, overdue] = await Promise.all([
    rectification.findingsOfNotice(deps.db, notice.id),
    rectification.reportsOfNotice(deps.db, notice.id),
    store.listEvidenceOfNotice(deps.db, notice.id),
    rectification.reInspectionsOfInspection(deps.db, notice.inspectionId),
    store.entityBrief(deps.db, notice.entityId),
    noticeOverdue(deps, notice),
  ]);
  const reInspection = reInspections.find((r) => r.noticeId === notice.id) ?? null;
  const results = reInspection ? await rectification.resultsOf(deps.db, [reInspection.id]) : [];
  return {
    notice,
    entity,
    overdue,
    findings,
    reports,
    evidence,
    reInspection: reInspection ? { ...reInspection, results } : null,
  };
}
