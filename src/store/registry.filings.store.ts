import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Scope } from '../domain/access';
import type { DbOrTx, Tx } from './db';
import { scopeWhere } from './registry.store';
import type { PsbFilingsTable, PsbFilingVersionsTable } from './tables/registry';

export type FilingRow = Selectable<PsbFilingsTable>;
export type FilingVersionRow = Selectable<PsbFilingVersionsTable>;
export type FilingListRow = FilingRow & { entityName: string; entityUscc: string };

export function findForUpdate(trx: Tx, scope: Scope, id: string): Promise<FilingRow | undefined> {
  return trx.selectFrom('psbFilings').selectAll().where('id', '=', id).where(scopeWhere('psbFilings', scope)).forUpdate().executeTakeFirst();
}

export function findInScope(db: DbOrTx, scope: Scope, id: string): Promise<FilingRow | undefined> {
  return db.selectFrom('psbFilings').selectAll().where('id', '=', id).where(scopeWhere('psbFilings', scope)).executeTakeFirst();
}

/** The entity's live (not cancelled) filing, if any. */
export function findLiveForEntity(trx: Tx, entityId: string): Promise<FilingRow | undefined> {
  return trx.selectFrom('psbFilings').selectAll().where('entityId', '=', entityId).where('status', '!=', 'cancelled').forUpdate().executeTakeFirst();
}

export type FilingFilter = { status?: string; entityId?: string; unitPath?: string };

export async function listInScope(db: DbOrTx, scope: Scope, filter: FilingFilter, page: { limit: number; offset: number }): Promise<{ rows: FilingListRow[]; total: number }> {
  let q = db.selectFrom('psbFilings').innerJoin('entities', 'entities.id', 'psbFilings.entityId').where(scopeWhere('psbFilings', scope));
  if (filter.status) q = q.where('psbFilings.status', '=', filter.status);
  if (filter.entityId) q = q.where('psbFilings.entityId', '=', filter.entityId);
  if (filter.unitPath) q = q.where('psbFilings.unitPath', 'like', `${filter.unitPath}%`);
  const [rows, total] = await Promise.all([
    q.selectAll('psbFilings').select(['entities.name as entityName', 'entities.uscc as entityUscc'])
      .orderBy(sql`coalesce(psb_filings.submitted_at, psb_filings.created_at)`, 'desc').orderBy('psbFilings.id').limit(page.limit).offset(page.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export function insert(trx: Tx, values: Insertable<PsbFilingsTable>): Promise<FilingRow> {
  return trx.insertInto('psbFilings').values({ ...values, payload: JSON.stringify(values.payload) }).returningAll().executeTakeFirstOrThrow();
}

export function update(trx: Tx, id: string, changes: Updateable<PsbFilingsTable>): Promise<FilingRow> {
  const set = { ...changes, updatedAt: new Date() } as Updateable<PsbFilingsTable>;
  if (changes.payload !== undefined) set.payload = JSON.stringify(changes.payload);
  if (changes.approvedPayload !== undefined && changes.approvedPayload !== null) set.approvedPayload = JSON.stringify(changes.approvedPayload);
  return trx.updateTable('psbFilings').set(set).set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function insertVersion(trx: Tx, values: Insertable<PsbFilingVersionsTable>): Promise<void> {
  await trx.insertInto('psbFilingVersions').values({ ...values, payload: JSON.stringify(values.payload) }).execute();
}

export function listVersions(db: DbOrTx, filingId: string): Promise<FilingVersionRow[]> {
  return db.selectFrom('psbFilingVersions').selectAll().where('filingId', '=', filingId).orderBy('version').execute();
}

/** Gap-free: the counter row stays locked until the approving transaction commits; a rollback returns the number. */
export async function allocateNumber(trx: Tx, key: { unitId: string; year: number }): Promise<number> {
  const row = await trx.insertInto('psbFilingCounters')
    .values({ ...key, lastNumber: 1 })
    .onConflict((oc) => oc.columns(['unitId', 'year']).doUpdateSet((eb) => ({ lastNumber: eb('psbFilingCounters.lastNumber', '+', 1) })))
    .returning('lastNumber')
    .executeTakeFirstOrThrow();
  return row.lastNumber;
}
