import { z } from 'zod';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import type { Deps } from '../deps';
import { AppError, assertTransition, found } from '../errors';
import { shanghaiDate } from '../dates';
import type { Tx } from '../../store/db';
import * as registry from '../../store/registry.store';
import * as filings from '../../store/registry.filings.store';
import * as units from '../../store/units.store';
import { isUniqueViolation } from '../../store/pg-errors';
import { changedFields, filingTransitions, parseStoredPayload, snapshotOf, type FilingStatus } from './filing';
import { composeFilingNumber } from './filing-numbers';
import { recordFilingVersion } from './submit-filing';

export const ZReviewFilingBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), comment: z.string().trim().max(500).optional() }),
  z.object({ decision: z.literal('return'), reasons: z.array(z.string().trim().min(2).max(500)).min(1).max(20) }),
]);
export const ZCancelFilingBody = z.object({ reason: z.string().trim().min(2).max(500) });

/** Allocates the next gap-free number of the jurisdiction unit for the approval year. */
async function assignNumber(trx: Tx, deps: Deps, entity: registry.EntityRow): Promise<string> {
  const unit = found(await units.findById(trx, entity.unitId), 'unit');
  const year = Number(shanghaiDate(deps.now()).slice(0, 4));
  const seq = await filings.allocateNumber(trx, { unitId: unit.id, year });
  if (seq > 9999) throw new AppError('RULE_VIOLATION', 'the unit has used all 9999 filing numbers of the year');
  return composeFilingNumber(unit.regionCode, year, seq);
}

/**
 * An inspector of the jurisdiction (its unit or above) approves or returns a submitted filing.
 * Approval assigns the number (first approval only) and applies the data to the entity.
 */
export async function reviewFiling(deps: Deps, actor: Actor, input: z.infer<typeof ZReviewFilingBody> & { filingId: string }) {
  requirePermission(actor, 'filing.review');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const filing = found(await filings.findForUpdate(trx, scope, input.filingId), 'filing');
    const from = filing.status as FilingStatus;
    const to: FilingStatus = input.decision === 'approve' ? 'approved' : 'returned';
    assertTransition(filingTransitions, from, to);
    if (filing.submittedBy !== null && filing.submittedBy === actor.userId) {
      throw new AppError('RULE_VIOLATION', 'a filing cannot be reviewed by the person who submitted it');
    }
    const now = deps.now();
    if (input.decision === 'return') {
      if (input.reasons.filter((r) => r.trim()).length === 0) {
        throw new AppError('VALIDATION_FAILED', 'a returned filing needs at least one reason', { fields: [{ path: 'reasons', message: 'required' }] });
      }
      const saved = await filings.update(trx, filing.id, { status: 'returned', returnReasons: input.reasons, reviewedBy: actor.userId, reviewedAt: now });
      await recordFilingVersion(trx, actor, saved, { action: 'filing.returned', from, reasons: input.reasons });
      return saved;
    }
    const entity = found(await registry.findInScopeForUpdate(trx, scope, filing.entityId), 'entity');
    const payload = parseStoredPayload(filing.payload);
    const changed = changedFields(snapshotOf(entity), payload);
    const filingNumber = filing.filingNumber ?? (await assignNumber(trx, deps, entity));
    await registry.update(trx, entity.id, {
      kind: payload.kind, type: payload.type, name: payload.name, uscc: payload.uscc, address: payload.address,
      regionCode: payload.regionCode, serviceStartDate: payload.serviceStartDate, isCii: payload.isCii,
      isCounterTerrorTarget: payload.isCounterTerrorTarget, providesPublicInfoService: payload.providesPublicInfoService,
      people: payload.people, psbFilingNumber: filingNumber,
      ...(entity.status === 'registered' ? { status: 'active' } : {}),
    }).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'another entity is registered with this unified social credit code', { fields: [{ path: 'payload.uscc', message: 'taken' }] });
      throw err;
    });
    const saved = await filings.update(trx, filing.id, {
      status: 'approved', filingNumber, approvedPayload: payload, returnReasons: [], reviewedBy: actor.userId, reviewedAt: now, approvedAt: now,
    });
    await recordFilingVersion(trx, actor, saved, {
      action: 'filing.approved', from, reason: input.comment ?? null,
      summary: { changedFields: changed, entityActivated: entity.status === 'registered' },
    });
    return saved;
  });
}

/** Cancels an approved filing (the entity closed or left the jurisdiction); its number is withdrawn from the entity. */
export async function cancelFiling(deps: Deps, actor: Actor, input: z.infer<typeof ZCancelFilingBody> & { filingId: string }) {
  requirePermission(actor, 'filing.review');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const filing = found(await filings.findForUpdate(trx, scope, input.filingId), 'filing');
    const from = filing.status as FilingStatus;
    assertTransition(filingTransitions, from, 'cancelled');
    await registry.update(trx, filing.entityId, { psbFilingNumber: null });
    const saved = await filings.update(trx, filing.id, { status: 'cancelled', reviewedBy: actor.userId, reviewedAt: deps.now() });
    await recordFilingVersion(trx, actor, saved, { action: 'filing.cancelled', from, reason: input.reason });
    return saved;
  });
}
