import { z } from 'zod';
import { queryList } from '../query-params';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import { shanghaiDayRange } from '../dates';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as store from '../../store/findings.store';
import * as units from '../../store/units.store';
import { ZDay, ZFindingCategory, ZSeverity } from './states';

export const ZFindingStatus = z.enum(['open', 'rectified', 'partiallyRectified', 'notRectified']);

export const ZListFindingsQuery = z
  .object({
    severity: queryList(ZSeverity, 8).optional(),
    category: queryList(ZFindingCategory, 8).optional(),
    status: ZFindingStatus.optional(),
    /** A unit of the caller's subtree: that unit and everything below it. */
    unitId: z.uuid().optional(),
    entityId: z.uuid().optional(),
    inspectionId: z.uuid().optional(),
    /** Confirmed on or after this Shanghai calendar day. */
    from: ZDay.optional(),
    /** Confirmed on or before this Shanghai calendar day. */
    to: ZDay.optional(),
    q: z.string().trim().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).default(0),
    sort: z.enum(['createdAt', 'severity', 'category', 'status', 'entityName']).default('createdAt'),
    dir: z.enum(['asc', 'desc']).default('desc'),
  })
  .refine((q) => !(q.from && q.to && q.from > q.to), { path: ['to'], message: 'to is before from' });
export type ListFindingsQuery = z.infer<typeof ZListFindingsQuery>;

/**
 * 问题清单: the findings confirmed in the inspections of the caller's subtree (or of a unit in
 * it). `from`/`to` are Shanghai calendar days on the confirmation time, the window the
 * dashboard counts findings in, so a drill-down list totals the figure. Staff only.
 */
export async function listFindings(deps: Deps, actor: Actor, input: ListFindingsQuery) {
  requirePermission(actor, 'inspection.read');
  const scope = requireUnitScope(actor);
  let unitPath: string | undefined;
  if (input.unitId) {
    const unit = await units.findInScope(deps.db, scope, input.unitId);
    if (!unit) throw new AppError('NOT_FOUND', 'unit not found', { fields: [{ path: 'unitId', message: 'unit not found' }] });
    unitPath = unit.path;
  }
  return store.listFindings(
    deps.db,
    scope,
    { ...input, unitPath, ...shanghaiDayRange(input.from, input.to) },
    { limit: input.limit, offset: input.offset },
    { field: input.sort, dir: input.dir },
  );
}
