import { z } from 'zod';
import { queryList } from '../query-params';
import { requirePermission, requireUnitScope, scopeOf, type Actor, type Permission } from '../access';
import { appendAudit } from '../audit';
import { shanghaiDate, shanghaiDayRange } from '../dates';
import type { Deps } from '../deps';
import { AppError, assertTransition } from '../errors';
import type { Tx } from '../../store/db';
import * as escalation from '../../store/escalation.store';
import * as units from '../../store/units.store';
import type { PenaltiesTable } from '../../store/tables/inspections';
import type { Updateable } from 'kysely';
import { issueDocNumber } from '../documents/numbering';
import { ZDay, ZServiceMethod } from '../inspections/states';
import { checkPenaltyTerms, legalBasisOf, rangeFor, ZPenaltyTerms } from './propose-penalty';
import { penaltyTransitions, ZPenaltyMeasureChoice, ZPenaltyStatus, type PenaltyStatus } from './states';
import { ZPenaltySubject, ZPenaltyTierName } from '../../rules';

/** The one place a penalty changes status: transition table, row, audit entry. */
async function movePenalty(trx: Tx, actor: Actor, penalty: escalation.PenaltyRow, to: PenaltyStatus, opts: { reason?: string | null; changes?: Updateable<PenaltiesTable>; summary?: Record<string, unknown> } = {}) {
  const from = penalty.status as PenaltyStatus;
  assertTransition(penaltyTransitions, from, to);
  const updated = await escalation.updatePenalty(trx, penalty.id, { ...opts.changes, status: to });
  await appendAudit(trx, actor, { action: `penalty.${to}`, targetType: 'penalty', targetId: penalty.id, from, to, reason: opts.reason ?? null, summary: opts.summary, unitPath: penalty.unitPath });
  return updated;
}

async function step(
  deps: Deps,
  actor: Actor,
  permission: Permission,
  penaltyId: string,
  fn: (trx: Tx, penalty: escalation.PenaltyRow, now: Date) => Promise<escalation.PenaltyRow>,
) {
  requirePermission(actor, permission);
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const penalty = await escalation.findPenaltyForUpdate(trx, scope, penaltyId);
    if (!penalty) throw new AppError('NOT_FOUND', 'penalty not found');
    return fn(trx, penalty, deps.now());
  });
}

export const ZRevisePenaltyBody = ZPenaltyTerms;

/** A proposed or returned penalty is revised; amounts are checked against the range again. */
export async function revisePenalty(deps: Deps, actor: Actor, input: z.infer<typeof ZRevisePenaltyBody> & { penaltyId: string }) {
  const range = await rangeFor(deps, input);
  checkPenaltyTerms(range, input);
  return step(deps, actor, 'escalation.propose', input.penaltyId, async (trx, p) => {
    if (p.status !== 'proposed' && p.status !== 'returned') throw new AppError('INVALID_STATE', `a ${p.status} penalty cannot be revised`, { from: p.status });
    const updated = await escalation.updatePenalty(trx, p.id, {
      topicKey: input.topicKey, tier: input.tier, subject: input.subject, violationDate: input.violationDate, legalBasis: legalBasisOf(range),
      measures: input.measures, fineAmount: input.fineAmount ?? null, personFines: input.personFines, facts: input.facts, evidenceSummary: input.evidenceSummary ?? null,
    });
    await appendAudit(trx, actor, { action: 'penalty.revised', targetType: 'penalty', targetId: p.id, unitPath: p.unitPath, summary: { tier: input.tier, fineAmount: input.fineAmount ?? null, measures: input.measures } });
    return updated;
  });
}

/** Sends a proposed (or revised) penalty to legal review (法制审核). */
export function submitPenaltyForReview(deps: Deps, actor: Actor, input: { penaltyId: string }) {
  return step(deps, actor, 'escalation.propose', input.penaltyId, (trx, p) => movePenalty(trx, actor, p, 'legalReview'));
}

export const ZReviewPenaltyBody = z.object({ result: z.enum(['ok', 'returned']), comment: z.string().trim().min(2).max(2000) });

/** The legal reviewer approves the proposal or returns it with comments; never their own proposal. */
export function reviewPenalty(deps: Deps, actor: Actor, input: z.infer<typeof ZReviewPenaltyBody> & { penaltyId: string }) {
  return step(deps, actor, 'penalty.review', input.penaltyId, async (trx, p) => {
    if (p.proposedBy === actor.userId) throw new AppError('RULE_VIOLATION', 'a penalty cannot be reviewed by its proposer');
    return movePenalty(trx, actor, p, input.result === 'ok' ? 'reviewed' : 'returned', {
      reason: input.comment,
      changes: { reviewResult: input.result, reviewComment: input.comment, reviewedBy: actor.userId, reviewedAt: deps.now() },
    });
  });
}

export const ZNotifyIntentBody = z.object({ hearingOffered: z.boolean(), notifiedAt: z.iso.datetime().optional() });

/** Notice of the intended penalty (告知): facts, basis, right to a defence and, for large fines, a hearing. */
export function notifyPenaltyIntent(deps: Deps, actor: Actor, input: z.infer<typeof ZNotifyIntentBody> & { penaltyId: string }) {
  return step(deps, actor, 'escalation.propose', input.penaltyId, (trx, p, now) =>
    movePenalty(trx, actor, p, 'intentNotified', { changes: { intentNotifiedAt: input.notifiedAt ? new Date(input.notifiedAt) : now, hearingOffered: input.hearingOffered }, summary: { hearingOffered: input.hearingOffered } }),
  );
}

export const ZDecidePenaltyBody = z.object({ paymentDeadline: ZDay.nullable().optional(), comment: z.string().trim().max(2000).optional() });

/**
 * A leader decides (行政处罚决定书): only after a positive legal review and the notice of
 * intent; the amount is checked once more and the decision number allocated.
 */
export function decidePenalty(deps: Deps, actor: Actor, input: z.infer<typeof ZDecidePenaltyBody> & { penaltyId: string }) {
  return step(deps, actor, 'penalty.decide', input.penaltyId, async (trx, p, now) => {
    if (p.reviewResult !== 'ok') throw new AppError('RULE_VIOLATION', 'a penalty is decided only after a positive legal review');
    assertTransition(penaltyTransitions, p.status as PenaltyStatus, 'decided');
    const range = await rangeFor(deps, { topicKey: p.topicKey, violationDate: p.violationDate, tier: ZPenaltyTierName.parse(p.tier), subject: ZPenaltySubject.parse(p.subject) }, trx);
    checkPenaltyTerms(range, { measures: z.array(ZPenaltyMeasureChoice).parse(p.measures), fineAmount: p.fineAmount, personFines: p.personFines });
    const today = shanghaiDate(now);
    if (p.fineAmount !== null && !input.paymentDeadline) throw new AppError('VALIDATION_FAILED', 'a fine needs a payment deadline', { fields: [{ path: 'paymentDeadline', message: 'required with a fine' }] });
    if (input.paymentDeadline && input.paymentDeadline <= today) throw new AppError('RULE_VIOLATION', 'the payment deadline must be after today', { fields: [{ path: 'paymentDeadline', message: `after ${today}` }] });
    const number = await issueDocNumber(trx, actor, { unitId: p.unitId, kind: 'penaltyDecision', issueDate: today, targetType: 'penalty', targetId: p.id, at: now });
    return movePenalty(trx, actor, p, 'decided', {
      reason: input.comment ?? null,
      changes: { docNumber: number.docNumber, decidedAt: now, decidedBy: actor.userId, paymentDeadline: input.paymentDeadline ?? null },
      summary: { docNumber: number.docNumber, fineAmount: p.fineAmount, measures: p.measures },
    });
  });
}

export const ZServePenaltyBody = z.object({ servedAt: z.iso.datetime().optional(), method: ZServiceMethod });

export function servePenalty(deps: Deps, actor: Actor, input: z.infer<typeof ZServePenaltyBody> & { penaltyId: string }) {
  return step(deps, actor, 'escalation.propose', input.penaltyId, (trx, p, now) =>
    movePenalty(trx, actor, p, 'served', { changes: { servedAt: input.servedAt ? new Date(input.servedAt) : now, serviceMethod: input.method }, summary: { method: input.method } }),
  );
}

export function executePenalty(deps: Deps, actor: Actor, input: { penaltyId: string; note?: string }) {
  return step(deps, actor, 'escalation.propose', input.penaltyId, (trx, p, now) => movePenalty(trx, actor, p, 'executed', { reason: input.note ?? null, changes: { executedAt: now } }));
}

export const ZChallengePenaltyBody = z.object({ kind: z.enum(['reconsideration', 'litigation']), note: z.string().trim().max(2000).optional() });

/** The entity applied for administrative reconsideration or sued: recorded, the case follows. */
export function challengePenalty(deps: Deps, actor: Actor, input: z.infer<typeof ZChallengePenaltyBody> & { penaltyId: string }) {
  return step(deps, actor, 'escalation.propose', input.penaltyId, (trx, p, now) =>
    movePenalty(trx, actor, p, 'challenged', { reason: input.note ?? null, changes: { challengedAt: now, challengeKind: input.kind }, summary: { kind: input.kind } }),
  );
}

export const ZClosePenaltyBody = z.object({ note: z.string().trim().min(2).max(2000) });

export function closePenalty(deps: Deps, actor: Actor, input: z.infer<typeof ZClosePenaltyBody> & { penaltyId: string }) {
  return step(deps, actor, 'escalation.propose', input.penaltyId, (trx, p, now) => movePenalty(trx, actor, p, 'closed', { reason: input.note, changes: { closedAt: now, closeNote: input.note } }));
}

export const ZWithdrawPenaltyBody = z.object({ reason: z.string().trim().min(2).max(2000) });

export function withdrawPenalty(deps: Deps, actor: Actor, input: z.infer<typeof ZWithdrawPenaltyBody> & { penaltyId: string }) {
  return step(deps, actor, 'escalation.propose', input.penaltyId, (trx, p, now) => movePenalty(trx, actor, p, 'withdrawn', { reason: input.reason, changes: { closedAt: now, closeNote: input.reason } }));
}

/** `status=a,b` or repeated `status=a&status=b`. */
const ZPenaltyStatusList = queryList(ZPenaltyStatus, 16);

export const ZListPenaltiesQuery = z
  .object({
    status: ZPenaltyStatusList.optional(),
    /** Any of these measures imposed; 'fine' = an amount on the entity or a person (as the statistics count it). */
    measure: queryList(z.union([ZPenaltyMeasureChoice, z.literal('fine')]), 8).optional(),
    /** A unit of the caller's subtree: that unit and everything below it. */
    unitId: z.uuid().optional(),
    entityId: z.uuid().optional(),
    inspectionId: z.uuid().optional(),
    /** Decided on or after / on or before these Shanghai calendar days. */
    from: ZDay.optional(),
    to: ZDay.optional(),
    q: z.string().trim().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .refine((q) => !(q.from && q.to && q.from > q.to), { path: ['to'], message: 'to is before from' });

/** Penalties in scope; the entity sees its own from the notice of intent on. */
export async function listPenalties(deps: Deps, actor: Actor, input: z.infer<typeof ZListPenaltiesQuery>) {
  requirePermission(actor, 'inspection.read');
  const scope = scopeOf(actor);
  let unitPath: string | undefined;
  if (input.unitId) {
    const unit = scope.kind === 'units' ? await units.findInScope(deps.db, scope, input.unitId) : undefined;
    if (!unit) throw new AppError('NOT_FOUND', 'unit not found', { fields: [{ path: 'unitId', message: 'unit not found' }] });
    unitPath = unit.path;
  }
  const { start, end } = shanghaiDayRange(input.from, input.to);
  return escalation.listPenalties(deps.db, scope, { ...input, unitPath, decidedFrom: start, decidedBefore: end }, { limit: input.limit, offset: input.offset });
}

export async function getPenalty(deps: Deps, actor: Actor, input: { penaltyId: string }) {
  requirePermission(actor, 'inspection.read');
  const penalty = await escalation.findPenalty(deps.db, scopeOf(actor), input.penaltyId);
  if (!penalty) throw new AppError('NOT_FOUND', 'penalty not found');
  return penalty;
}
