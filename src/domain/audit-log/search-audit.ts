import { z } from 'zod';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import { verifyAuditChain, type VerifyResult } from '../audit';
import type { Deps } from '../deps';
import * as auditStore from '../../store/audit.store';
import * as units from '../../store/units.store';

export const ZAuditQuery = z.object({
  action: z.string().trim().max(60).optional(),
  actorId: z.uuid().optional(),
  targetId: z.string().trim().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The audit admin reads the trail of their subtree (entries without a unit, such as failed logins of unknown names, only at the root). */
export async function searchAudit(deps: Deps, actor: Actor, input: z.infer<typeof ZAuditQuery>) {
  requirePermission(actor, 'audit.read');
  const scope = requireUnitScope(actor);
  // The root unit's auditor also sees entries outside any unit (failed logins of unknown names).
  const root = await units.findRoot(deps.db);
  const unitPath = root && root.id === scope.unitId ? undefined : scope.unitPath;
  return auditStore.searchEntries(deps.db, { ...input, unitPath }, { limit: input.limit, offset: input.offset });
}

export async function verifyAudit(deps: Deps, actor: Actor): Promise<VerifyResult> {
  requirePermission(actor, 'audit.read');
  return verifyAuditChain(deps.db);
}
