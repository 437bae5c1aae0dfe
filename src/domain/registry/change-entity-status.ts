import { z } from 'zod';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError, assertTransition } from '../errors';
import * as registry from '../../store/registry.store';
import { entityForWrite } from './access';
import { entityTransitions, ZEntityStatus, type EntityStatus } from './entity';
import { entityDetail } from './read-entities';

export const ZChangeEntityStatusBody = z.object({
  status: ZEntityStatus,
  reason: z.string().trim().min(2).max(500).optional(),
});
export type ChangeEntityStatusInput = z.infer<typeof ZChangeEntityStatusBody> & { entityId: string };

/** registered → active ⇄ suspended → closed; suspending and closing need a reason. */
export async function changeEntityStatus(deps: Deps, actor: Actor, input: ChangeEntityStatusInput) {
  const row = await deps.db.transaction().execute(async (trx) => {
    const { entity } = await entityForWrite(trx, actor, input.entityId);
    const from = entity.status as EntityStatus;
    assertTransition(entityTransitions, from, input.status);
    if ((input.status === 'suspended' || input.status === 'closed') && !input.reason) {
      throw new AppError('VALIDATION_FAILED', 'a reason is required to suspend or close an entity', { fields: [{ path: 'reason', message: 'required' }] });
    }
    const updated = await registry.update(trx, entity.id, { status: input.status });
    await appendAudit(trx, actor, {
      action: 'entity.statusChanged', targetType: 'entity', targetId: entity.id, unitPath: entity.unitPath,
      from, to: input.status, reason: input.reason ?? null,
    });
    return updated!;
  });
  return entityDetail(deps, deps.db, row);
}
