import type { Updateable } from 'kysely';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import type { EntitiesTable } from '../../store/tables/registry';
import * as registry from '../../store/registry.store';
import * as assets from '../../store/registry.assets.store';
import * as units from '../../store/units.store';
import { isUniqueViolation } from '../../store/pg-errors';
import { entityForWrite } from './access';
import { usccTaken } from './create-entity';
import type { UpdateEntityInput } from './entity';
import { mergeSealedPeople, personRoles } from './personal-data';
import { entityDetail } from './read-entities';

export { ZUpdateEntityBody } from './entity';

const plainFields = ['kind', 'type', 'name', 'uscc', 'address', 'regionCode', 'serviceStartDate', 'isCii', 'isCounterTerrorTarget', 'providesPublicInfoService'] as const;

/**
 * An inspector edits an entity of their subtree. Moving it to another unit stays inside the
 * inspector's subtree (a transfer to another jurisdiction is a separate, accepted workflow).
 */
export async function updateEntity(deps: Deps, actor: Actor, input: UpdateEntityInput & { entityId: string }) {
  const row = await deps.db.transaction().execute(async (trx) => {
    const { scope, entity } = await entityForWrite(trx, actor, input.entityId);
    if (input.version !== undefined && input.version !== entity.version) {
      throw new AppError('CONFLICT', 'the entity was changed by someone else; reload and try again', { version: entity.version });
    }
    const changes: Updateable<EntitiesTable> = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const f of plainFields) {
      const v = input[f];
      if (v === undefined || v === entity[f]) continue;
      (changes as Record<string, unknown>)[f] = v;
      before[f] = entity[f];
      after[f] = v;
    }
    const peopleChanged = input.people ? personRoles.filter((r) => input.people?.[r] !== undefined) : [];
    if (input.people && peopleChanged.length > 0) changes.people = mergeSealedPeople(deps.cipher, entity.people, input.people);
    let movedTo: units.UnitRow | undefined;
    if (input.unitId && input.unitId !== entity.unitId) {
      movedTo = await units.findInScope(trx, scope, input.unitId);
      if (!movedTo) throw new AppError('NOT_FOUND', 'unit not found', { fields: [{ path: 'unitId', message: 'unit not found' }] });
      changes.unitId = movedTo.id;
      changes.unitPath = movedTo.path;
      before.unitId = entity.unitId;
      after.unitId = movedTo.id;
    }
    if (Object.keys(changes).length === 0) return entity;
    const updated = await registry.update(trx, entity.id, changes).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw usccTaken();
      throw err;
    });
    if (!updated) throw new AppError('CONFLICT', 'the entity was changed by someone else; reload and try again');
    if (movedTo) await assets.moveChildren(trx, entity.id, movedTo.path);
    await appendAudit(trx, actor, {
      action: 'entity.updated', targetType: 'entity', targetId: entity.id, unitPath: updated.unitPath,
      // Personal data never enters the audit trail: only which people changed.
      summary: { before, after, peopleChanged },
    });
    return updated;
  });
  return entityDetail(deps, deps.db, row);
}
