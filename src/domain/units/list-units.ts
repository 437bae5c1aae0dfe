import { requirePermission, requireUnitScope, type Actor } from '../access';
import type { Deps } from '../deps';
import * as units from '../../store/units.store';
import type { Unit } from './unit';

/** The caller's unit and everything below it, as a flat list in tree order. */
export async function listUnits(deps: Deps, actor: Actor): Promise<Unit[]> {
  requirePermission(actor, 'unit.read');
  return units.listInScope(deps.db, requireUnitScope(actor));
}
