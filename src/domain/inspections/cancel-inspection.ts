import { z } from 'zod';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import type { Deps } from '../deps';
import type { Tx } from '../../store/db';
import * as store from '../../store/inspections.store';
import { voidNumbersFor } from '../documents/numbering';
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

/** Cancels and voids the notice's number, if one was served: the number is never reused. */
export async function cancelInspectionInTx(trx: Tx, actor: Actor, inspection: store.InspectionRow, reason: string, at: Date) {
  const cancelled = await moveInspection(trx, actor, inspection, 'cancelled', { reason, changes: { cancelReason: reason }, at });
  const notice = await store.findNoticeOfInspection(trx, inspection.id);
  if (notice && notice.status === 'issued') {
    await store.updateNotice(trx, notice.id, { status: 'voided' });
    await voidNumbersFor(trx, actor, { targetId: notice.id, kind: 'inspectionNotice', reason: `inspection cancelled: ${reason}`, at });
  }
  return cancelled;
}
