import { z } from 'zod';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { found } from '../errors';
import * as registry from '../../store/registry.store';
import { openPeople, personRoles, ZPersonRole, type PlainPeople } from './personal-data';

export const ZRevealBody = z.object({
  reason: z.string().trim().min(4, 'state why the data is needed (at least 4 characters)').max(500),
  /** Case or inspection the reveal serves (domain.md §7.3). */
  reference: z.string().trim().max(100).optional(),
  roles: z.array(ZPersonRole).min(1).max(3).optional(),
});
export type RevealInput = z.infer<typeof ZRevealBody> & { entityId: string };

/**
 * The only way to read an entity's personal data unmasked: needs personal.reveal and a reason,
 * and writes the audit entry in the same transaction as the read.
 */
export async function revealPersonalData(deps: Deps, actor: Actor, input: RevealInput): Promise<PlainPeople> {
  requirePermission(actor, 'personal.reveal');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const entity = found(await registry.findInScope(trx, scope, input.entityId), 'entity');
    const roles = input.roles ?? [...personRoles];
    const all = openPeople(deps.cipher, entity.people);
    const revealed: PlainPeople = {};
    for (const r of roles) if (all[r]) revealed[r] = all[r];
    await appendAudit(trx, actor, {
      action: 'entity.personalRevealed', targetType: 'entity', targetId: entity.id, unitPath: entity.unitPath,
      reason: input.reason, summary: { roles: Object.keys(revealed), reference: input.reference ?? null },
    });
    return revealed;
  });
}
