import type { Actor } from '../access';
import { appendAudit } from '../audit';
import { AppError, assertTransition } from '../errors';
import type { Tx } from '../../store/db';
import * as store from '../../store/inspections.store';
import { closedInspectionStatuses, inspectionTransitions, planTransitions, type InspectionStatus, type PlanStatus } from './states';
import { autoReason } from '../audit-reasons';

/**
 * The one place an inspection changes status: checks the transition table, writes the row and
 * its audit entry (actor, from, to, reason) in the caller's transaction. Reaching a closed
 * status completes the plan once all its inspections are closed.
 */
export async function moveInspection(
  trx: Tx,
  actor: Actor,
  inspection: store.InspectionRow,
  to: InspectionStatus,
  opts: { reason?: string | null; summary?: Record<string, unknown>; changes?: Parameters<typeof store.updateInspection>[2]; at: Date },
): Promise<store.InspectionRow> {
  const from = inspection.status as InspectionStatus;
  assertTransition(inspectionTransitions, from, to);
  const closing = closedInspectionStatuses.includes(to);
  const updated = await store.updateInspection(trx, inspection.id, { ...opts.changes, status: to, ...(closing ? { closedAt: opts.at } : {}) });
  await appendAudit(trx, actor, {
    action: `inspection.${to}`,
    targetType: 'inspection',
    targetId: inspection.id,
    from,
    to,
    reason: opts.reason ?? null,
    summary: opts.summary,
    unitPath: inspection.unitPath,
  });
  if (closing && inspection.planId) await completePlanIfDone(trx, actor, inspection.planId);
  return updated;
}

/** The one place a plan changes status. */
export async function movePlan(trx: Tx, actor: Actor, plan: store.PlanRow, to: PlanStatus, opts: { reason?: string | null; changes?: Parameters<typeof store.updatePlan>[2]; summary?: Record<string, unknown> } = {}) {
  const from = plan.status as PlanStatus;
  assertTransition(planTransitions, from, to);
  const updated = await store.updatePlan(trx, plan.id, { ...opts.changes, status: to });
  await appendAudit(trx, actor, {
    action: `plan.${to}`,
    targetType: 'inspectionPlan',
    targetId: plan.id,
    from,
    to,
    reason: opts.reason ?? null,
    summary: opts.summary,
    unitPath: plan.unitPath,
  });
  return updated;
}

/** The first notice puts an approved plan in progress. */
export async function startPlanIfApproved(trx: Tx, actor: Actor, planId: string): Promise<void> {
  const plan = await store.findPlanByIdForUpdate(trx, planId);
  if (plan && plan.status === 'approved') await movePlan(trx, actor, plan, 'inProgress', { reason: autoReason.firstNoticeIssued });
}

async function completePlanIfDone(trx: Tx, actor: Actor, planId: string): Promise<void> {
  const plan = await store.findPlanByIdForUpdate(trx, planId);
  if (!plan || (plan.status !== 'inProgress' && plan.status !== 'approved')) return;
  const all = await store.inspectionsOfPlan(trx, planId);
  if (all.every((i) => closedInspectionStatuses.includes(i.status as InspectionStatus))) {
    await movePlan(trx, actor, plan, 'completed', { reason: autoReason.planInspectionsClosed });
  }
}

/** Only members of the inspection team record, sign and note refusals for it. */
export function assertTeamMember(actor: Actor, inspection: { teamIds: string[] }): void {
  if (!actor.userId || !inspection.teamIds.includes(actor.userId)) {
    throw new AppError('FORBIDDEN', 'only a member of the inspection team may do this');
  }
}

/** Loads an inspection in scope for update, or NOT_FOUND. */
export async function lockInspection(trx: Tx, scope: Parameters<typeof store.findInspectionForUpdate>[1], id: string): Promise<store.InspectionRow> {
  const row = await store.findInspectionForUpdate(trx, scope, id);
  if (!row) throw new AppError('NOT_FOUND', 'inspection not found');
  return row;
}
