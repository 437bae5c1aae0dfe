import { requirePermission, requireUnitScope, scopeOf, type Actor, type Permission, type Scope, type UnitScope } from '../access';
import { AppError } from '../errors';
import type { Tx } from '../../store/db';
import * as registry from '../../store/registry.store';

/** Loads and locks an entity the actor may change (staff, in scope); NOT_FOUND otherwise. */
export async function entityForWrite(trx: Tx, actor: Actor, entityId: string, permission: Permission = 'entity.write'): Promise<{ scope: UnitScope; entity: registry.EntityRow }> {
  requirePermission(actor, permission);
  const scope = requireUnitScope(actor);
  const entity = await registry.findInScopeForUpdate(trx, scope, entityId);
  if (!entity) throw new AppError('NOT_FOUND', 'entity not found');
  return { scope, entity };
}

/** The read scope for registry data: staff subtree or the portal user's own entity. */
export function readScope(actor: Actor): Scope {
  requirePermission(actor, 'entity.read');
  return scopeOf(actor);
}

/** A field problem found by the use case (not by the request schema), shaped like zod's. */
export function fieldError(path: string, message: string, code: 'VALIDATION_FAILED' | 'CONFLICT' = 'VALIDATION_FAILED'): AppError {
  return new AppError(code, message, { fields: [{ path, message }] });
}
