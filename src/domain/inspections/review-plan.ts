import { z } from 'zod';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as store from '../../store/inspections.store';
import { cancelInspectionInTx } from './cancel-inspection';
import { movePlan } from './lifecycle';
import type { InspectionMode } from './states';

export const ZApprovePlanBody = z.object({ comment: z.string().trim().max(500).optional() });
export const ZReturnPlanBody = z.object({ comment: z.string().trim().min(2).max(500) });
export const ZCancelPlanBody = z.object({ reason: z.string().trim().min(2).max(500) });

/**
 * A leader approves a submitted plan (never their own): one inspection per target and mode is
 * created in `planned`, ready for its notice.
 */
export async function approvePlan(deps: Deps, actor: Actor, input: z.infer<typeof ZApprovePlanBody> & { planId: string }) {
  requirePermission(actor, 'plan.approve');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const plan = await store.findPlanForUpdate(trx, scope, input.planId);
    if (!plan) throw new AppError('NOT_FOUND', 'inspection plan not found');
    if (plan.createdBy === actor.userId) throw new AppError('RULE_VIOLATION', 'a plan cannot be approved by its author');
    const now = deps.now();
    const approved = await movePlan(trx, actor, plan, 'approved', {
      reason: input.comment ?? null,
      changes: { reviewedBy: actor.userId, reviewedAt: now, reviewComment: input.comment ?? null },
    });
    const modes: InspectionMode[] = plan.mode === 'both' ? ['onSite', 'remote'] : [plan.mode as InspectionMode];
    const targets = await store.listTargets(trx, plan.id);
    for (const target of targets) {
      for (const mode of modes) {
        const inspection = await store.insertInspection(trx, {
          planId: plan.id,
          entityId: target.entityId,
          unitId: plan.unitId,
          unitPath: plan.unitPath,
          type: plan.type,
          mode,
          teamIds: plan.teamIds,
          scheduledOn: plan.startsOn,
          majorTask: plan.majorTask,
          createdBy: actor.userId,
          isDemo: plan.isDemo,
        });
        await appendAudit(trx, actor, {
          action: 'inspection.created', targetType: 'inspection', targetId: inspection.id, to: 'planned', unitPath: plan.unitPath,
          summary: { planId: plan.id, entityId: target.entityId, mode },
        });
      }
    }
    return approved;
  });
}

/** A leader returns a submitted plan with comments; the author edits and resubmits. */
export async function returnPlan(deps: Deps, actor: Actor, input: z.infer<typeof ZReturnPlanBody> & { planId: string }) {
  requirePermission(actor, 'plan.approve');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const plan = await store.findPlanForUpdate(trx, scope, input.planId);
    if (!plan) throw new AppError('NOT_FOUND', 'inspection plan not found');
    if (plan.createdBy === actor.userId) throw new AppError('RULE_VIOLATION', 'a plan cannot be reviewed by its author');
    return movePlan(trx, actor, plan, 'returned', {
      reason: input.comment,
      changes: { reviewedBy: actor.userId, reviewedAt: deps.now(), reviewComment: input.comment },
    });
  });
}

/**
 * A leader cancels a plan with a reason. An approved plan takes its not-yet-started
 * inspections with it; once any inspection is under way the plan can no longer be cancelled.
 */
export async function cancelPlan(deps: Deps, actor: Actor, input: z.infer<typeof ZCancelPlanBody> & { planId: string }) {
  requirePermission(actor, 'plan.approve');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const plan = await store.findPlanForUpdate(trx, scope, input.planId);
    if (!plan) throw new AppError('NOT_FOUND', 'inspection plan not found');
    const inspections = await store.inspectionsOfPlan(trx, plan.id);
    const underWay = inspections.filter((i) => !['planned', 'notified', 'cancelled'].includes(i.status));
    if (underWay.length > 0) {
      throw new AppError('RULE_VIOLATION', 'inspections of this plan are under way; cancel is no longer possible', { inspections: underWay.map((i) => i.id) });
    }
    const cancelled = await movePlan(trx, actor, plan, 'cancelled', { reason: input.reason, changes: { cancelReason: input.reason } });
    for (const i of inspections) {
      if (i.status === 'cancelled') continue;
      const row = await store.findInspectionByIdForUpdate(trx, i.id);
      await cancelInspectionInTx(trx, actor, row, input.reason, deps.now());
    }
    return cancelled;
  });
}
