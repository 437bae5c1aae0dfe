import { z } from 'zod';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import type { Deps } from '../deps';
import type { Tx } from '../../store/db';
import * as store from '../../store/inspections.store';
import { voidNumbersFor } from '../documents/numbering';
import { voidDocumentsForSubject } from '../documents/void-document';
import { lockInspection, moveInspection } from './lifecycle';

export const ZCancelInspectionBody = z.object({ reason: z.string().trim().min(2).max(500) });

/** A leader cancels an inspection not yet started (planned or notified), with a reason. */
export async function cancelInspection(deps: Deps, actor: Actor, input: z.infer<typeof ZCancelInspectionBody> & { inspectionId: string }) {
  requirePermission(actor, 'plan.approve');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const inspection = await lockInspection(trx, scope, input.inspectionId);
    return cancelInspectionInTx(trx, actor, inspection, input.reason, deps.now());
  });
}

/**
 * Cancels, and withdraws the notice if one was issued: its printed document (PDF) is voided and
 * its number too — the number stays on the register as voided and is never reused.
 */
export async function cancelInspectionInTx(trx: Tx, actor: Actor, inspection: store.InspectionRow, reason: string, at: Date) {
  const cancelled = await moveInspection(trx, actor, inspection, 'cancelled', { reason, changes: { cancelReason: reason }, at });
  const notice = await store.findNoticeOfInspection(trx, inspection.id);
  if (notice && notice.status === 'issued') {
    await store.updateNotice(trx, notice.id, { status: 'voided' });
    const why = `inspection cancelled: ${reason}`;
    await voidDocumentsForSubject(trx, actor, { subjectId: notice.id, reason: why, at });
    await voidNumbersFor(trx, actor, { targetId: notice.id, kind: 'inspectionNotice', reason: why, at });
  }
  return cancelled;
}
