import { z } from 'zod';
import { requirePermission, requireUnitScope, scopeOf, type Actor } from '../access';
import { appendAudit } from '../audit';
import { shanghaiDate } from '../dates';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as escalation from '../../store/escalation.store';
import * as registry from '../../store/registry.store';
import { issueDocNumber } from '../documents/numbering';
import { checkTeam } from '../inspections/plans';
import { ZDay } from '../inspections/states';
import { enterEscalation, inspectionForAction } from './escalate';

export const ZWarningTalkBody = z.object({
  inspectionId: z.uuid().nullable().optional(),
  entityId: z.uuid(),
  heldAt: z.iso.datetime(),
  place: z.string().trim().min(1).max(200),
  officerIds: z.array(z.uuid()).min(2).max(10),
  /** Persons talked to, with their posts (负责人、网络安全负责人…). */
  attendees: z.array(z.object({ name: z.string().trim().min(1).max(50), post: z.string().trim().min(1).max(50) })).min(1).max(30),
  reason: z.string().trim().min(2).max(2000),
  basis: z.string().trim().min(2).max(1000),
  problems: z.string().trim().min(2).max(5000),
  demands: z.string().trim().min(2).max(5000),
  deadline: ZDay.nullable().optional(),
  entityStatement: z.string().trim().max(5000).nullable().optional(),
});

/**
 * Records a warning talk (约谈, not a penalty): who was talked to, why, what is demanded and by
 * when. Numbered like the other documents; tied to an inspection it escalates that inspection.
 */
export async function recordWarningTalk(deps: Deps, actor: Actor, input: z.infer<typeof ZWarningTalkBody> & { isDemo?: boolean }) {
  requirePermission(actor, 'escalation.propose');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const entity = await registry.findInScope(trx, scope, input.entityId);
    if (!entity) throw new AppError('NOT_FOUND', 'entity not found');
    await checkTeam(trx, scope, input.officerIds, 'officerIds');
    const now = deps.now();
    const today = shanghaiDate(now);
    if (input.deadline && input.deadline <= today) throw new AppError('RULE_VIOLATION', 'the deadline must be after today', { fields: [{ path: 'deadline', message: `after ${today}` }] });
    const inspection = input.inspectionId ? await inspectionForAction(trx, scope, input.inspectionId, entity.id) : null;
    const unitId = inspection?.unitId ?? scope.unitId;
    const unitPath = inspection?.unitPath ?? scope.unitPath;
    const id = crypto.randomUUID();
    const number = await issueDocNumber(trx, actor, { unitId, kind: 'warningTalkRecord', issueDate: today, targetType: 'warningTalk', targetId: id, at: now });
    const talk = await escalation.insertTalk(trx, {
      id,
      inspectionId: inspection?.id ?? null,
      entityId: entity.id,
      unitId,
      unitPath,
      docNumber: number.docNumber,
      heldAt: new Date(input.heldAt),
      place: input.place,
      officerIds: input.officerIds,
      attendees: input.attendees,
      reason: input.reason,
      basis: input.basis,
      problems: input.problems,
      demands: input.demands,
      deadline: input.deadline ?? null,
      entityStatement: input.entityStatement ?? null,
      createdBy: actor.userId,
      isDemo: input.isDemo ?? false,
    });
    await appendAudit(trx, actor, {
      action: 'talk.recorded', targetType: 'warningTalk', targetId: talk.id, unitPath,
      summary: { inspectionId: talk.inspectionId, entityId: entity.id, docNumber: talk.docNumber, attendees: input.attendees.length },
    });
    if (inspection) await enterEscalation(trx, actor, inspection, { action: 'warningTalk', today, at: now });
    return talk;
  });
}

export const ZListTalksQuery = z.object({
  entityId: z.uuid().optional(),
  inspectionId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Warning talks in scope; the entity sees the talks held with it. */
export async function listWarningTalks(deps: Deps, actor: Actor, input: z.infer<typeof ZListTalksQuery>) {
  requirePermission(actor, 'inspection.read');
  return escalation.listTalks(deps.db, scopeOf(actor), input, { limit: input.limit, offset: input.offset });
}

export async function getWarningTalk(deps: Deps, actor: Actor, input: { talkId: string }) {
  requirePermission(actor, 'inspection.read');
  const talk = await escalation.findTalk(deps.db, scopeOf(actor), input.talkId);
  if (!talk) throw new AppError('NOT_FOUND', 'warning talk not found');
  return talk;
}
