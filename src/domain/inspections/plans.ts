import { z } from 'zod';
import { requirePermission, requireUnitScope, type Actor, type UnitScope } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import type { DbOrTx } from '../../store/db';
import * as registry from '../../store/registry.store';
import * as store from '../../store/inspections.store';
import { movePlan } from './lifecycle';
import { ZDay, ZInspectionType, ZPlanMode } from './states';

const ZMajorTask = z.object({ name: z.string().trim().min(1).max(200), from: ZDay, to: ZDay }).refine((t) => t.from <= t.to, { message: 'the task window ends before it starts', path: ['to'] });
const ZPlanSource = z.object({
  kind: z.enum(['report', 'incident', 'clue', 'dualInvestigation', 'other']),
  ref: z.string().trim().max(100).nullable().optional(),
  description: z.string().trim().min(1).max(1000),
});

export const ZPlanBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    type: ZInspectionType,
    /** Routine plans are periodic: annual or quarterly. */
    period: z.enum(['annual', 'quarterly']).nullable().optional(),
    mode: ZPlanMode,
    basis: z.string().trim().min(1).max(1000),
    scopeText: z.string().trim().min(1).max(2000),
    /** Special inspections (专项检查) belong to a major security task with a time window. */
    majorTask: ZMajorTask.nullable().optional(),
    /** Ad-hoc inspections come from a report, an incident or a clue. */
    source: ZPlanSource.nullable().optional(),
    startsOn: ZDay,
    endsOn: ZDay,
    teamIds: z.array(z.uuid()).min(2).max(20),
    targets: z.array(z.object({ entityId: z.uuid(), reason: z.string().trim().max(500).nullable().optional() })).min(1).max(500),
  })
  .refine((p) => p.startsOn <= p.endsOn, { message: 'the plan ends before it starts', path: ['endsOn'] })
  .refine((p) => new Set(p.teamIds).size === p.teamIds.length, { message: 'a team member appears twice', path: ['teamIds'] })
  .refine((p) => new Set(p.targets.map((t) => t.entityId)).size === p.targets.length, { message: 'an entity appears twice', path: ['targets'] })
  .refine((p) => p.type !== 'routine' || !!p.period, { message: 'a routine plan is annual or quarterly', path: ['period'] })
  .refine((p) => p.type !== 'special' || !!p.majorTask, { message: 'a special inspection names its major security task', path: ['majorTask'] })
  .refine((p) => p.type !== 'adHoc' || !!p.source, { message: 'an ad-hoc inspection names its source', path: ['source'] });
export type PlanBody = z.infer<typeof ZPlanBody>;

/**
 * Team members are active inspectors of the caller's own unit, each with a law-enforcement
 * credential number (执法证号); on-site checks need at least two of them.
 */
export async function checkTeam(db: DbOrTx, scope: UnitScope, teamIds: readonly string[], field = 'teamIds') {
  const rows = await store.usersByIds(db, teamIds);
  const problems: { path: string; message: string }[] = [];
  teamIds.forEach((id, i) => {
    const u = rows.find((r) => r.id === id);
    // Members come from the unit that runs the inspection: an officer of a unit below could not see it.
    if (!u || u.unitPath !== scope.unitPath || u.kind !== 'staff') problems.push({ path: `${field}.${i}`, message: 'no such inspector in your unit' });
    else if (u.status !== 'active' || !u.roles.includes('inspector')) problems.push({ path: `${field}.${i}`, message: `${u.displayName} is not an active inspector` });
    else if (!u.credentialNumber) problems.push({ path: `${field}.${i}`, message: `${u.displayName} has no law-enforcement credential number` });
  });
  if (problems.length > 0) throw new AppError('RULE_VIOLATION', 'the team must be active inspectors with credential numbers', { fields: problems });
  return rows;
}

async function checkTargets(db: DbOrTx, scope: UnitScope, targets: PlanBody['targets']) {
  const problems: { path: string; message: string }[] = [];
  for (const [i, t] of targets.entries()) {
    const entity = await registry.findInScope(db, scope, t.entityId);
    if (!entity) problems.push({ path: `targets.${i}.entityId`, message: 'no such entity in your jurisdiction' });
    else if (entity.status === 'closed') problems.push({ path: `targets.${i}.entityId`, message: `${entity.name} is closed` });
  }
  if (problems.length > 0) throw new AppError('RULE_VIOLATION', 'every target must be an entity of your jurisdiction', { fields: problems });
}

function planValues(input: PlanBody) {
  return {
    title: input.title,
    type: input.type,
    period: input.type === 'routine' ? (input.period ?? null) : (input.period ?? null),
    mode: input.mode,
    basis: input.basis,
    scopeText: input.scopeText,
    majorTask: input.majorTask ?? null,
    source: input.source ?? null,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    teamIds: input.teamIds,
  };
}

/** An inspector drafts a plan for their unit: targets, mode, team, dates. */
export async function createPlan(deps: Deps, actor: Actor, input: PlanBody & { isDemo?: boolean }): Promise<store.PlanRow> {
  requirePermission(actor, 'plan.create');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    await checkTeam(trx, scope, input.teamIds);
    await checkTargets(trx, scope, input.targets);
    const plan = await store.insertPlan(trx, { ...planValues(input), unitId: scope.unitId, unitPath: scope.unitPath, createdBy: actor.userId, isDemo: input.isDemo ?? false });
    await store.replaceTargets(trx, plan.id, input.targets.map((t) => ({ entityId: t.entityId, reason: t.reason ?? null })));
    await appendAudit(trx, actor, {
      action: 'plan.created', targetType: 'inspectionPlan', targetId: plan.id, to: 'draft', unitPath: plan.unitPath,
      summary: { title: plan.title, type: plan.type, mode: plan.mode, targets: input.targets.length },
    });
    return plan;
  });
}

/** A draft or returned plan is edited as a whole. */
export async function updatePlan(deps: Deps, actor: Actor, input: PlanBody & { planId: string }): Promise<store.PlanRow> {
  requirePermission(actor, 'plan.create');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const plan = await store.findPlanForUpdate(trx, scope, input.planId);
    if (!plan) throw new AppError('NOT_FOUND', 'inspection plan not found');
    if (plan.status !== 'draft' && plan.status !== 'returned') {
      throw new AppError('INVALID_STATE', `a ${plan.status} plan cannot be edited`, { from: plan.status });
    }
    await checkTeam(trx, scope, input.teamIds);
    await checkTargets(trx, scope, input.targets);
    const updated = await store.updatePlan(trx, plan.id, planValues(input));
    await store.replaceTargets(trx, plan.id, input.targets.map((t) => ({ entityId: t.entityId, reason: t.reason ?? null })));
    await appendAudit(trx, actor, { action: 'plan.updated', targetType: 'inspectionPlan', targetId: plan.id, unitPath: plan.unitPath, summary: { targets: input.targets.length } });
    return updated;
  });
}

/** The author (or a colleague) submits a draft or returned plan for a leader's approval. */
export async function submitPlan(deps: Deps, actor: Actor, input: { planId: string }): Promise<store.PlanRow> {
  requirePermission(actor, 'plan.create');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const plan = await store.findPlanForUpdate(trx, scope, input.planId);
    if (!plan) throw new AppError('NOT_FOUND', 'inspection plan not found');
    return movePlan(trx, actor, plan, 'submitted', { changes: { submittedAt: deps.now() } });
  });
}
