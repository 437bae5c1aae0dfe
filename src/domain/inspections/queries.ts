import { z } from 'zod';
import { queryList } from '../query-params';
import { requirePermission, requireUnitScope, scopeOf, type Actor, type Scope } from '../access';
import { shanghaiDate } from '../dates';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as registry from '../../store/registry.store';
import * as store from '../../store/inspections.store';
import * as units from '../../store/units.store';
import { ZInspectionMode, ZInspectionStatus, ZInspectionType, ZPlanMode, ZPlanStatus } from './states';

const ZBool = z.enum(['true', 'false']).transform((v) => v === 'true');
const ZStatusList = queryList(ZInspectionStatus, 16);

export const ZListInspectionsQuery = z.object({
  status: ZStatusList.optional(),
  mode: ZInspectionMode.optional(),
  type: ZInspectionType.optional(),
  overdue: ZBool.optional(),
  /** A unit of the caller's subtree: that unit and everything below it. */
  unitId: z.uuid().optional(),
  entityId: z.uuid().optional(),
  planId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  sort: z.enum(['createdAt', 'updatedAt', 'scheduledOn', 'status', 'entityName']).default('updatedAt'),
  dir: z.enum(['asc', 'desc']).default('desc'),
});
export type ListInspectionsQuery = z.infer<typeof ZListInspectionsQuery>;

async function subtreeOf(deps: Deps, scope: Scope, unitId: string | undefined): Promise<string | undefined> {
  if (!unitId) return undefined;
  if (scope.kind !== 'units') throw new AppError('NOT_FOUND', 'unit not found');
  const unit = await units.findInScope(deps.db, scope, unitId);
  if (!unit) throw new AppError('NOT_FOUND', 'unit not found');
  return unit.path;
}

/** Inspections in scope with filters; `overdue` is derived from open deadlines vs Shanghai today. */
export async function listInspections(deps: Deps, actor: Actor, input: ListInspectionsQuery) {
  requirePermission(actor, 'inspection.read');
  const scope = scopeOf(actor);
  const unitPath = await subtreeOf(deps, scope, input.unitId);
  return store.listInspections(
    deps.db,
    scope,
    { ...input, unitPath, today: shanghaiDate(deps.now()) },
    { limit: input.limit, offset: input.offset },
    { field: input.sort, dir: input.dir },
  );
}

/** Counts per status: the rectification board's columns. */
export async function inspectionStatusCounts(deps: Deps, actor: Actor) {
  requirePermission(actor, 'inspection.read');
  return store.countByStatus(deps.db, scopeOf(actor));
}

export const ZListPlansQuery = z.object({
  status: ZPlanStatus.optional(),
  type: ZInspectionType.optional(),
  mode: ZPlanMode.optional(),
  entityId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  sort: z.enum(['createdAt', 'startsOn', 'title', 'status']).default('createdAt'),
  dir: z.enum(['asc', 'desc']).default('desc'),
});

/** Plans are internal: staff of the scope only. */
export async function listPlans(deps: Deps, actor: Actor, input: z.infer<typeof ZListPlansQuery>) {
  requirePermission(actor, 'inspection.read');
  const scope = requireUnitScope(actor);
  const unitPath = await subtreeOf(deps, scope, input.unitId);
  return store.listPlans(deps.db, scope, { ...input, unitPath }, { limit: input.limit, offset: input.offset }, { field: input.sort, dir: input.dir });
}

export async function getPlan(deps: Deps, actor: Actor, input: { planId: string }) {
  requirePermission(actor, 'inspection.read');
  const scope = requireUnitScope(actor);
  const plan = await store.findPlan(deps.db, scope, input.planId);
  if (!plan) throw new AppError('NOT_FOUND', 'inspection plan not found');
  const [targets, inspections, team] = await Promise.all([
    store.listTargets(deps.db, plan.id),
    store.inspectionsOfPlan(deps.db, plan.id),
    store.usersByIds(deps.db, plan.teamIds),
  ]);
  return { plan, targets, inspections, team };
}

/**
 * The focus list (重点监督检查, Order 151 Art 9 ¶2) in scope: entities the rules flagged, with
 * the reasons, to pre-fill the targets of a focus plan.
 */
export async function focusTargets(deps: Deps, actor: Actor, input: { limit: number }) {
  requirePermission(actor, 'plan.create');
  const scope = requireUnitScope(actor);
  const { rows } = await registry.listInScope(deps.db, scope, { focus: true, status: undefined }, { limit: input.limit, offset: 0 }, { field: 'name', dir: 'asc' });
  return rows.filter((e) => e.status !== 'closed').map((e) => ({ entityId: e.id, name: e.name, uscc: e.uscc, reasons: e.focusReasons ?? [] }));
}

/** Who can be put on a plan's team: active inspectors of the caller's unit with a credential number. */
export async function teamCandidates(deps: Deps, actor: Actor) {
  requirePermission(actor, 'plan.create');
  return store.inspectorsOfUnit(deps.db, requireUnitScope(actor));
}
