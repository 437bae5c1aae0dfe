import { requirePermission, requireUnitScope, type Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import * as registry from '../../store/registry.store';
import * as units from '../../store/units.store';
import { isUniqueViolation } from '../../store/pg-errors';
import { fieldError } from './access';
import type { CreateEntityInput } from './entity';
import { sealPeople } from './personal-data';
import { entityDetail } from './read-entities';

export { ZCreateEntityBody } from './entity';

export const usccTaken = () => fieldError('uscc', 'an entity with this unified social credit code is already registered', 'CONFLICT');

/** An inspector registers an entity under a unit of their subtree (default: their own unit). */
export async function createEntity(deps: Deps, actor: Actor, input: CreateEntityInput & { isDemo?: boolean }) {
  requirePermission(actor, 'entity.write');
  const scope = requireUnitScope(actor);
  const row = await deps.db.transaction().execute(async (trx) => {
    const unit = await units.findInScope(trx, scope, input.unitId ?? actor.unitId);
    if (!unit) throw new AppError('NOT_FOUND', 'unit not found', { fields: [{ path: 'unitId', message: 'unit not found' }] });
    const entity = await registry.insert(trx, {
      unitId: unit.id,
      unitPath: unit.path,
      kind: input.kind,
      type: input.type,
      name: input.name,
      uscc: input.uscc,
      address: input.address,
      regionCode: input.regionCode,
      people: sealPeople(deps.cipher, input.people),
      serviceStartDate: input.serviceStartDate,
      isCii: input.isCii,
      isCounterTerrorTarget: input.isCounterTerrorTarget,
      providesPublicInfoService: input.providesPublicInfoService,
      focusReasons: null,
      psbFilingNumber: null,
      isDemo: input.isDemo ?? false,
      createdBy: actor.userId,
    }).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw usccTaken();
      throw err;
    });
    await appendAudit(trx, actor, {
      action: 'entity.created', targetType: 'entity', targetId: entity.id, unitPath: entity.unitPath, to: entity.status,
      summary: { name: entity.name, uscc: entity.uscc, kind: entity.kind, type: entity.type, unitId: unit.id },
    });
    return entity;
  });
  return entityDetail(deps, deps.db, row);
}
