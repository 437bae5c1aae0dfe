import type { Actor } from '../access';
import type { Deps } from '../deps';
import { AppError, found } from '../errors';
import type { DbOrTx } from '../../store/db';
import * as registry from '../../store/registry.store';
import * as assets from '../../store/registry.assets.store';
import * as units from '../../store/units.store';
import { readScope } from './access';
import type { EntityDetail, EntityFilter, ListEntitiesQuery } from './entity';
import { openPeople } from './personal-data';

/** Opens the personal data for the presenter (which masks it) and counts MLPS systems. */
export async function entityDetail(deps: Deps, db: DbOrTx, entity: registry.EntityRow): Promise<EntityDetail> {
  return { entity, people: openPeople(deps.cipher, entity.people), mlps: await assets.mlpsCounts(db, entity.id) };
}

export async function getEntity(deps: Deps, actor: Actor, entityId: string): Promise<EntityDetail> {
  const scope = readScope(actor);
  const entity = found(await registry.findInScope(deps.db, scope, entityId), 'entity');
  return entityDetail(deps, deps.db, entity);
}

/** By id or by USCC (the CLI and search boxes take either). */
export async function findEntity(deps: Deps, actor: Actor, idOrUscc: string): Promise<EntityDetail> {
  const scope = readScope(actor);
  const key = idOrUscc.trim();
  const entity = /^[0-9a-f-]{36}$/i.test(key) ? await registry.findInScope(deps.db, scope, key) : await registry.findByUsccInScope(deps.db, scope, key.toUpperCase());
  return entityDetail(deps, deps.db, found(entity, 'entity'));
}

/** Resolves the list filter's unit (a subtree inside the caller's scope) to its path. */
export async function resolveFilter(deps: Deps, actor: Actor, filter: EntityFilter): Promise<registry.EntityListFilter> {
  const scope = readScope(actor);
  const { unitId, ...rest } = filter;
  if (!unitId || scope.kind !== 'units') return rest;
  const unit = await units.findInScope(deps.db, scope, unitId);
  if (!unit) throw new AppError('NOT_FOUND', 'unit not found', { fields: [{ path: 'unitId', message: 'unit not found' }] });
  return { ...rest, unitPath: unit.path };
}

/** Entities in scope with filters, search, sort and pagination, all done by the database. */
export async function listEntities(deps: Deps, actor: Actor, query: ListEntitiesQuery) {
  const scope = readScope(actor);
  const { limit, offset, sort, dir, ...filter } = query;
  return registry.listInScope(deps.db, scope, await resolveFilter(deps, actor, filter), { limit, offset }, { field: sort, dir });
}

export async function entitySummary(deps: Deps, actor: Actor) {
  return registry.summaryInScope(deps.db, readScope(actor));
}
