import type { ScanScope } from '../../store/scan-authorisations.store';
import { requirePermission, scopeOf, type Actor, type Permission } from '../access';
import { AppError } from '../errors';

/**
 * The remote-detection scope of an actor (remote-detection.md §1.5): staff their subtree, agency
 * staff only what names them. Portal accounts never see scans.
 */
export function scanScopeOf(actor: Actor): ScanScope {
  const scope = scopeOf(actor);
  if (scope.kind === 'units') return { kind: 'units', unitPath: scope.unitPath };
  if (scope.kind === 'agency' && actor.userId) return { kind: 'agency', agencyId: scope.agencyId, userId: actor.userId };
  throw new AppError('FORBIDDEN', 'remote detection is for police staff and agency staff');
}

/** Permission check, then the scope. */
export function scanAccess(actor: Actor, permission: Permission): ScanScope {
  requirePermission(actor, permission);
  return scanScopeOf(actor);
}

/** A staff-only action (agencies, authorisations): agency staff act within authorisations, never on them. */
export function staffScanScope(actor: Actor, permission: Permission): Extract<ScanScope, { kind: 'units' }> {
  const scope = scanAccess(actor, permission);
  if (scope.kind !== 'units') throw new AppError('FORBIDDEN', 'staff account required');
  return scope;
}

/** Field problems found by a use case, in the VALIDATION_FAILED / RULE_VIOLATION shape. */
export function fieldProblem(code: 'VALIDATION_FAILED' | 'RULE_VIOLATION' | 'CONFLICT', path: string, message: string): AppError {
  return new AppError(code, message, { fields: [{ path, message }] });
}
