import type { UnitScope } from '../domain/access';
import type { DbOrTx, Tx } from './db';
import type { UnitsTable } from './tables/core';
import type { Selectable } from 'kysely';

export type UnitRow = Selectable<UnitsTable>;

/** Units in the scope's subtree (own unit and below), ordered as a tree walk. */
export function listInScope(db: DbOrTx, scope: UnitScope): Promise<UnitRow[]> {
  return db.selectFrom('units').selectAll().where('path', 'like', `${scope.unitPath}%`).orderBy('path').execute();
}

export function findInScope(db: DbOrTx, scope: UnitScope, id: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).where('path', 'like', `${scope.unitPath}%`).executeTakeFirst();
}

/** Unscoped lookup for authentication and bootstrap only (building an actor needs its unit). */
export function findById(db: DbOrTx, id: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRoot(db: DbOrTx): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('parentId', 'is', null).executeTakeFirst();
}

export function findByRegionCodeInScope(db: DbOrTx, scope: UnitScope, regionCode: string): Promise<UnitRow | undefined> {
  return db.selectFrom('units').selectAll().where('regionCode', '=', regionCode).where('path', 'like', `${scope.unitPath}%`).orderBy('path').executeTakeFirst();
}

export async function insert(trx: Tx, values: Omit<UnitRow, 'id' | 'createdAt' | 'isDemo'> & { isDemo?: boolean }): Promise<UnitRow> {
  return trx.insertInto('units').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function rename(trx: Tx, scope: UnitScope, id: string, changes: { name?: string; regionCode?: string; docPrefix?: string | null }) {
  return trx.updateTable('units').set(changes).where('id', '=', id).where('path', 'like', `${scope.unitPath}%`).returningAll().executeTakeFirst();
}
