import { z } from 'zod';
import { requirePermission, requireUnitScope, type Actor, type Permission } from '../access';
import { appendAudit } from '../audit';
import { shanghaiDate } from '../dates';
import type { Deps } from '../deps';
import { AppError, assertTransition } from '../errors';
import type { Tx } from '../../store/db';
import * as escalation from '../../store/escalation.store';
import * as registry from '../../store/registry.store';
import * as store from '../../store/inspections.store';
import type { CaseCluesTable } from '../../store/tables/inspections';
import type { Updateable } from 'kysely';
import { moveInspection } from '../inspections/lifecycle';
import { enterEscalation, inspectionForAction } from './escalate';
import { clueTransitions, concludedClueStatuses, concludedPenaltyStatuses, type ClueStatus, type PenaltyStatus } from './states';

export const ZDraftClueBody = z.object({
  inspectionId: z.uuid().nullable().optional(),
  entityId: z.uuid().nullable().optional(),
  title: z.string().trim().min(1).max(200),
  facts: z.string().trim().min(2).max(10000),
  suspectedOffence: z.string().trim().max(200).nullable().optional(),
  /** Who receives the clue: criminal investigation, public order, another city's cyber unit… */
  receivingUnit: z.string().trim().min(1).max(200),
});

/** An inspector drafts a case clue for transfer (移交案件线索); tied to an inspection it escalates it. */
export async function draftClue(deps: Deps, actor: Actor, input: z.infer<typeof ZDraftClueBody> & { isDemo?: boolean }) {
  requirePermission(actor, 'escalation.propose');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    let entityId = input.entityId ?? null;
    if (entityId && !(await registry.findInScope(trx, scope, entityId))) throw new AppError('NOT_FOUND', 'entity not found');
    let inspection: store.InspectionRow | null = null;
    if (input.inspectionId) {
      const seen = await store.findInspection(trx, scope, input.inspectionId);
      if (!seen) throw new AppError('NOT_FOUND', 'inspection not found');
      entityId ??= seen.entityId;
      inspection = await inspectionForAction(trx, scope, input.inspectionId, entityId);
    }
    const clue = await escalation.insertClue(trx, {
      inspectionId: inspection?.id ?? null,
      entityId,
      unitId: inspection?.unitId ?? scope.unitId,
      unitPath: inspection?.unitPath ?? scope.unitPath,
      title: input.title,
      facts: input.facts,
      suspectedOffence: input.suspectedOffence ?? null,
      receivingUnit: input.receivingUnit,
      draftedBy: actor.userId,
      isDemo: input.isDemo ?? false,
    });
    await appendAudit(trx, actor, { action: 'clue.drafted', targetType: 'caseClue', targetId: clue.id, to: 'drafted', unitPath: clue.unitPath, summary: { inspectionId: clue.inspectionId, entityId } });
    const now = deps.now();
    if (inspection) await enterEscalation(trx, actor, inspection, { action: 'clue', today: shanghaiDate(now), at: now });
    return clue;
  });
}

async function moveClue(trx: Tx, actor: Actor, clue: escalation.ClueRow, to: ClueStatus, opts: { reason?: string | null; changes?: Updateable<CaseCluesTable> } = {}) {
  const from = clue.status as ClueStatus;
  assertTransition(clueTransitions, from, to);
  const updated = await escalation.updateClue(trx, clue.id, { ...opts.changes, status: to });
  await appendAudit(trx, actor, { action: `clue.${to}`, targetType: 'caseClue', targetId: clue.id, from, to, reason: opts.reason ?? null, unitPath: clue.unitPath });
  return updated;
}

async function clueStep(deps: Deps, actor: Actor, permission: Permission, clueId: string, fn: (trx: Tx, clue: escalation.ClueRow, now: Date) => Promise<escalation.ClueRow>) {
  requirePermission(actor, permission);
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const clue = await escalation.findClueForUpdate(trx, scope, clueId);
    if (!clue) throw new AppError('NOT_FOUND', 'case clue not found');
    return fn(trx, clue, deps.now());
  });
}

/** A leader approves the transfer; never a clue they drafted. */
export function approveClue(deps: Deps, actor: Actor, input: { clueId: string; comment?: string }) {
  return clueStep(deps, actor, 'escalation.approve', input.clueId, (trx, clue, now) => {
    if (clue.draftedBy === actor.userId) throw new AppError('RULE_VIOLATION', 'a clue cannot be approved by its drafter');
    return moveClue(trx, actor, clue, 'approved', { reason: input.comment ?? null, changes: { approvedBy: actor.userId, approvedAt: now } });
  });
}

export const ZSendClueBody = z.object({ receivingUnit: z.string().trim().min(1).max(200).optional() });

export function sendClue(deps: Deps, actor: Actor, input: z.infer<typeof ZSendClueBody> & { clueId: string }) {
  return clueStep(deps, actor, 'escalation.propose', input.clueId, (trx, clue, now) =>
    moveClue(trx, actor, clue, 'sent', { changes: { sentAt: now, ...(input.receivingUnit ? { receivingUnit: input.receivingUnit } : {}) } }),
  );
}

export const ZAcknowledgeClueBody = z.object({ acknowledgement: z.string().trim().min(2).max(1000) });

/** The receiving unit's acknowledgement (回执) is recorded. */
export function acknowledgeClue(deps: Deps, actor: Actor, input: z.infer<typeof ZAcknowledgeClueBody> & { clueId: string }) {
  return clueStep(deps, actor, 'escalation.propose', input.clueId, (trx, clue, now) =>
    moveClue(trx, actor, clue, 'acknowledged', { changes: { acknowledgedAt: now, acknowledgement: input.acknowledgement } }),
  );
}

export const ZCancelClueBody = z.object({ reason: z.string().trim().min(2).max(1000) });

export function cancelClue(deps: Deps, actor: Actor, input: z.infer<typeof ZCancelClueBody> & { clueId: string }) {
  return clueStep(deps, actor, 'escalation.approve', input.clueId, (trx, clue) => moveClue(trx, actor, clue, 'cancelled', { reason: input.reason, changes: { cancelReason: input.reason } }));
}

export const ZListCluesQuery = z.object({
  status: z.string().max(30).optional(),
  inspectionId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Clues are internal police records: staff of the scope only. */
export async function listClues(deps: Deps, actor: Actor, input: z.infer<typeof ZListCluesQuery>) {
  requirePermission(actor, 'inspection.read');
  return escalation.listClues(deps.db, requireUnitScope(actor), input, { limit: input.limit, offset: input.offset });
}

export async function getClue(deps: Deps, actor: Actor, input: { clueId: string }) {
  requirePermission(actor, 'inspection.read');
  const clue = await escalation.findClue(deps.db, requireUnitScope(actor), input.clueId);
  if (!clue) throw new AppError('NOT_FOUND', 'case clue not found');
  return clue;
}

export const ZCloseEscalationBody = z.object({ reason: z.string().trim().min(2).max(1000) });

/**
 * A leader closes an escalated inspection once every enforcement action has concluded:
 * penalties closed or withdrawn, clues acknowledged or cancelled.
 */
export async function closeEscalation(deps: Deps, actor: Actor, input: z.infer<typeof ZCloseEscalationBody> & { inspectionId: string }) {
  requirePermission(actor, 'escalation.approve');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const inspection = await store.findInspectionForUpdate(trx, scope, input.inspectionId);
    if (!inspection) throw new AppError('NOT_FOUND', 'inspection not found');
    const [talks, penalties, clues] = await Promise.all([
      escalation.talksOfInspection(trx, inspection.id),
      escalation.penaltiesOfInspection(trx, inspection.id),
      escalation.cluesOfInspection(trx, inspection.id),
    ]);
    const open = [
      ...penalties.filter((p) => !concludedPenaltyStatuses.includes(p.status as PenaltyStatus)).map((p) => `penalty ${p.id} is ${p.status}`),
      ...clues.filter((c) => !concludedClueStatuses.includes(c.status as ClueStatus)).map((c) => `clue ${c.id} is ${c.status}`),
    ];
    if (inspection.status === 'escalated' && talks.length + penalties.length + clues.length === 0) open.push('no enforcement action on record');
    if (inspection.status === 'escalated' && open.length > 0) throw new AppError('RULE_VIOLATION', 'enforcement actions are still open', { open });
    return moveInspection(trx, actor, inspection, 'closedEscalated', { reason: input.reason, summary: { talks: talks.length, penalties: penalties.length, clues: clues.length }, at: deps.now() });
  });
}
