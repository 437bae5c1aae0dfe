import { z } from 'zod';
import { requirePermission, scopeOf, type Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError, assertTransition, found } from '../errors';
import type { Tx } from '../../store/db';
import * as registry from '../../store/registry.store';
import * as filings from '../../store/registry.filings.store';
import { mergePayload, parseStoredPayload, snapshotOf, ZFilingPayload, filingTransitions, type FilingStatus, type StoredPayload } from './filing';
import { isValidUscc } from './uscc';

export const ZCreateFilingBody = z.object({
  entityId: z.uuid(),
  /** Omitted: the filing starts from the entity's data on record. */
  payload: ZFilingPayload.optional(),
  submit: z.boolean().default(false),
});
export const ZSaveFilingBody = z.object({ payload: ZFilingPayload });
export const ZSubmitFilingBody = z.object({ payload: ZFilingPayload.optional() });

/** Records one state of a filing in its history and the audit trail. */
export async function recordFilingVersion(trx: Tx, actor: Actor, filing: filings.FilingRow, event: { action: `filing.${string}`; from: FilingStatus | null; reason?: string | null; reasons?: string[]; summary?: Record<string, unknown> }): Promise<void> {
  await filings.insertVersion(trx, {
    filingId: filing.id, version: filing.version, status: filing.status, payload: filing.payload,
    reasons: event.reasons ?? [], filingNumber: filing.filingNumber, actorId: actor.userId, actorName: actor.username,
  });
  await appendAudit(trx, actor, {
    action: event.action, targetType: 'filing', targetId: filing.id, unitPath: filing.unitPath,
    from: event.from, to: filing.status, reason: event.reason ?? (event.reasons?.length ? event.reasons.join('；') : null),
    summary: { entityId: filing.entityId, version: filing.version, filingNumber: filing.filingNumber, ...event.summary },
  });
}

async function assertUsccFree(trx: Tx, payload: StoredPayload, entityId: string): Promise<void> {
  if (!isValidUscc(payload.uscc)) throw new AppError('VALIDATION_FAILED', 'invalid unified social credit code', { fields: [{ path: 'payload.uscc', message: 'invalid' }] });
  const holder = await trx.selectFrom('entities').select('id').where('uscc', '=', payload.uscc).executeTakeFirst();
  if (holder && holder.id !== entityId) {
    throw new AppError('CONFLICT', 'another entity is registered with this unified social credit code', { fields: [{ path: 'payload.uscc', message: 'taken' }] });
  }
}

/**
 * The entity's portal user, or an inspector on its behalf, opens its filing: a draft, or
 * submitted at once. An entity has one live filing; later changes go through it.
 */
export async function createFiling(deps: Deps, actor: Actor, input: z.infer<typeof ZCreateFilingBody>) {
  requirePermission(actor, 'filing.submit');
  const scope = scopeOf(actor);
  return deps.db.transaction().execute(async (trx) => {
    const entity = found(await registry.findInScopeForUpdate(trx, scope, input.entityId), 'entity');
    const live = await filings.findLiveForEntity(trx, entity.id);
    if (live) throw new AppError('CONFLICT', 'the entity already has a filing; edit or change that one', { filingId: live.id });
    const base = snapshotOf(entity);
    const payload = input.payload ? mergePayload(deps.cipher, base, input.payload) : base;
    if (input.submit) await assertUsccFree(trx, payload, entity.id);
    const now = deps.now();
    const filing = await filings.insert(trx, {
      entityId: entity.id, unitPath: entity.unitPath, status: input.submit ? 'submitted' : 'draft', payload,
      createdBy: actor.userId, submittedBy: input.submit ? actor.userId : null, submittedAt: input.submit ? now : null,
      filingNumber: null, approvedPayload: null, reviewedBy: null, reviewedAt: null, approvedAt: null,
    });
    await recordFilingVersion(trx, actor, filing, { action: input.submit ? 'filing.submitted' : 'filing.created', from: null });
    return filing;
  });
}

/** Saves a draft (or a returned filing) without submitting it. */
export async function saveFiling(deps: Deps, actor: Actor, input: z.infer<typeof ZSaveFilingBody> & { filingId: string }) {
  requirePermission(actor, 'filing.submit');
  const scope = scopeOf(actor);
  return deps.db.transaction().execute(async (trx) => {
    const filing = found(await filings.findForUpdate(trx, scope, input.filingId), 'filing');
    if (filing.status !== 'draft' && filing.status !== 'returned') throw new AppError('INVALID_STATE', `a ${filing.status} filing cannot be edited`, { from: filing.status });
    const payload = mergePayload(deps.cipher, parseStoredPayload(filing.payload), input.payload);
    const saved = await filings.update(trx, filing.id, { payload });
    await recordFilingVersion(trx, actor, saved, { action: 'filing.saved', from: filing.status as FilingStatus });
    return saved;
  });
}

/**
 * Submits for review: a draft or a returned registration → submitted; a returned change, or
 * new data on an approved filing → changeSubmitted.
 */
export async function submitFiling(deps: Deps, actor: Actor, input: z.infer<typeof ZSubmitFilingBody> & { filingId: string }) {
  requirePermission(actor, 'filing.submit');
  const scope = scopeOf(actor);
  return deps.db.transaction().execute(async (trx) => {
    const filing = found(await filings.findForUpdate(trx, scope, input.filingId), 'filing');
    const from = filing.status as FilingStatus;
    const to: FilingStatus = filing.filingNumber ? 'changeSubmitted' : 'submitted';
    assertTransition(filingTransitions, from, to);
    if (from === 'approved' && !input.payload) {
      throw new AppError('VALIDATION_FAILED', 'a change needs the proposed data', { fields: [{ path: 'payload', message: 'required' }] });
    }
    const stored = parseStoredPayload(filing.payload);
    const payload = input.payload ? mergePayload(deps.cipher, stored, input.payload) : stored;
    await assertUsccFree(trx, payload, filing.entityId);
    const saved = await filings.update(trx, filing.id, { status: to, payload, submittedBy: actor.userId, submittedAt: deps.now(), returnReasons: [] });
    await recordFilingVersion(trx, actor, saved, { action: to === 'changeSubmitted' ? 'filing.changeSubmitted' : 'filing.submitted', from });
    return saved;
  });
}
