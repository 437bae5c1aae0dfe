import { sql, type Selectable } from 'kysely';
import type { UnitScope } from '../domain/access';
import type { DbOrTx, Tx } from './db';
import type { DocumentNumbersTable } from './tables/inspections';

export type DocumentNumberRow = Selectable<DocumentNumbersTable>;

/**
 * Gap-free: the counter row stays locked until the caller commits; a rollback returns the
 * number. Two issuers of the same unit, kind and year queue on the row lock.
 */
export async function allocateNumber(trx: Tx, key: { unitId: string; kind: string; year: number }): Promise<number> {
  const row = await trx
    .insertInto('documentCounters')
    .values({ ...key, lastNumber: 1 })
    .onConflict((oc) => oc.columns(['unitId', 'kind', 'year']).doUpdateSet((eb) => ({ lastNumber: eb('documentCounters.lastNumber', '+', 1) })))
    .returning('lastNumber')
    .executeTakeFirstOrThrow();
  return row.lastNumber;
}

export function insertNumber(trx: Tx, values: Omit<DocumentNumberRow, 'id' | 'status' | 'voidedAt' | 'voidedBy' | 'voidReason'>) {
  return trx.insertInto('documentNumbers').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findNumberInScopeForUpdate(trx: Tx, scope: UnitScope, id: string) {
  return trx.selectFrom('documentNumbers').selectAll().where('id', '=', id).where('unitPath', 'like', `${scope.unitPath}%`).forUpdate().executeTakeFirst();
}

export function findIssuedForTarget(trx: Tx, targetId: string, kind: string) {
  return trx.selectFrom('documentNumbers').selectAll().where('targetId', '=', targetId).where('kind', '=', kind).where('status', '=', 'issued').forUpdate().execute();
}

export function voidNumber(trx: Tx, id: string, by: { userId: string | null; at: Date; reason: string }) {
  return trx
    .updateTable('documentNumbers')
    .set({ status: 'voided', voidedAt: by.at, voidedBy: by.userId, voidReason: by.reason })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type NumberFilter = { kind?: string; year?: number; status?: string; q?: string; targetId?: string };

export async function listNumbersInScope(db: DbOrTx, scope: UnitScope, filter: NumberFilter, page: { limit: number; offset: number }) {
  let q = db.selectFrom('documentNumbers').where('unitPath', 'like', `${scope.unitPath}%`);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.year) q = q.where('year', '=', filter.year);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.targetId) q = q.where('targetId', '=', filter.targetId);
  if (filter.q) q = q.where('docNumber', 'like', `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('kind').orderBy('year', 'desc').orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
