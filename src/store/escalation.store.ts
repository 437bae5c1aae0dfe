import { sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Scope, UnitScope } from '../domain/access';
import type { DbOrTx, Tx } from './db';
import type { Page } from './inspections.store';
import type { CaseCluesTable, PenaltiesTable, WarningTalksTable } from './tables/inspections';

export type TalkRow = Selectable<WarningTalksTable>;
export type PenaltyRow = Selectable<PenaltiesTable>;
export type ClueRow = Selectable<CaseCluesTable>;

const like = (p: string) => `${p}%`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Statuses of a penalty the entity sees on its portal: from the notice of intended penalty on. */
export const portalPenaltyStatuses = ['intentNotified', 'decided', 'served', 'executed', 'challenged', 'closed'] as const;

// ---------------------------------------------------------------- warning talks

export function insertTalk(trx: Tx, values: Insertable<WarningTalksTable>) {
  return trx.insertInto('warningTalks').values({ ...values, attendees: JSON.stringify(values.attendees) }).returningAll().executeTakeFirstOrThrow();
}

export function findTalk(db: DbOrTx, scope: Scope, id: string) {
  let q = db.selectFrom('warningTalks').selectAll().where('id', '=', id);
  if (scope.kind === 'units') q = q.where('unitPath', 'like', like(scope.unitPath));
  else if (scope.kind === 'entity') q = q.where('entityId', '=', scope.entityId);
  else return Promise.resolve(undefined);
  return q.executeTakeFirst();
}

export function talksOfInspection(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('warningTalks').selectAll().where('inspectionId', '=', inspectionId).orderBy('heldAt').execute();
}

export async function listTalks(db: DbOrTx, scope: Scope, filter: { entityId?: string; inspectionId?: string; q?: string }, page: Page) {
  if (scope.kind === 'agency') return { rows: [], total: 0 };
  let q = db.selectFrom('warningTalks').innerJoin('entities', 'entities.id', 'warningTalks.entityId');
  q = scope.kind === 'units' ? q.where('warningTalks.unitPath', 'like', like(scope.unitPath)) : q.where('warningTalks.entityId', '=', scope.entityId);
  if (filter.entityId) q = q.where('warningTalks.entityId', '=', filter.entityId);
  if (filter.inspectionId) q = q.where('warningTalks.inspectionId', '=', filter.inspectionId);
  if (filter.q) q = q.where('entities.name', 'ilike', `%${escapeLike(filter.q)}%`);
  const [rows, total] = await Promise.all([
    q.selectAll('warningTalks').select('entities.name as entityName').orderBy('warningTalks.heldAt', 'desc').orderBy('warningTalks.id').limit(page.limit).offset(page.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

// ---------------------------------------------------------------- penalties

export function insertPenalty(trx: Tx, values: Insertable<PenaltiesTable>) {
  return trx
    .insertInto('penalties')
    .values({ ...values, legalBasis: JSON.stringify(values.legalBasis), personFines: JSON.stringify(values.personFines) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findPenalty(db: DbOrTx, scope: Scope, id: string) {
  let q = db.selectFrom('penalties').selectAll().where('id', '=', id);
  if (scope.kind === 'units') q = q.where('unitPath', 'like', like(scope.unitPath));
  else if (scope.kind === 'entity') q = q.where('entityId', '=', scope.entityId).where('status', 'in', [...portalPenaltyStatuses]);
  else return Promise.resolve(undefined);
  return q.executeTakeFirst();
}

export function findPenaltyForUpdate(trx: Tx, scope: UnitScope, id: string) {
  return trx.selectFrom('penalties').selectAll().where('id', '=', id).where('unitPath', 'like', like(scope.unitPath)).forUpdate().executeTakeFirst();
}

export function updatePenalty(trx: Tx, id: string, changes: Updateable<PenaltiesTable>) {
  const values = {
    ...changes,
    ...(changes.legalBasis !== undefined ? { legalBasis: JSON.stringify(changes.legalBasis) } : {}),
    ...(changes.personFines !== undefined ? { personFines: JSON.stringify(changes.personFines) } : {}),
    updatedAt: new Date(),
  };
  return trx.updateTable('penalties').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function penaltiesOfInspection(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('penalties').selectAll().where('inspectionId', '=', inspectionId).orderBy('createdAt').execute();
}

export type PenaltyListFilter = {
  status?: readonly string[];
  /** Any of these measures imposed; 'fine' = an amount on the entity or a person (stats.store penaltyRollup). */
  measure?: readonly string[];
  /** Subtree of a unit already resolved inside the caller's scope. */
  unitPath?: string;
  entityId?: string;
  inspectionId?: string;
  /** Decided in [decidedFrom, decidedBefore): Shanghai day bounds as instants. */
  decidedFrom?: Date;
  decidedBefore?: Date;
  q?: string;
};

export async function listPenalties(db: DbOrTx, scope: Scope, filter: PenaltyListFilter, page: Page) {
  if (scope.kind === 'agency') return { rows: [], total: 0 };
  let q = db.selectFrom('penalties').innerJoin('entities', 'entities.id', 'penalties.entityId');
  q = scope.kind === 'units'
    ? q.where('penalties.unitPath', 'like', like(scope.unitPath))
    : q.where('penalties.entityId', '=', scope.entityId).where('penalties.status', 'in', [...portalPenaltyStatuses]);
  if (filter.unitPath) q = q.where('penalties.unitPath', 'like', like(filter.unitPath));
  if (filter.status && filter.status.length > 0) q = q.where('penalties.status', 'in', [...filter.status]);
  if (filter.measure && filter.measure.length > 0) {
    const any = filter.measure.map((m) =>
      m === 'fine' ? sql<SqlBool>`(penalties.fine_amount is not null or jsonb_array_length(penalties.person_fines) > 0)` : sql<SqlBool>`${m} = any(penalties.measures)`);
    q = q.where(sql<SqlBool>`(${sql.join(any, sql` or `)})`);
  }
  if (filter.decidedFrom) q = q.where('penalties.decidedAt', '>=', filter.decidedFrom);
  if (filter.decidedBefore) q = q.where('penalties.decidedAt', '<', filter.decidedBefore);
  if (filter.entityId) q = q.where('penalties.entityId', '=', filter.entityId);
  if (filter.inspectionId) q = q.where('penalties.inspectionId', '=', filter.inspectionId);
  if (filter.q) q = q.where((eb) => eb.or([eb('entities.name', 'ilike', `%${escapeLike(filter.q!)}%`), eb('penalties.docNumber', 'like', `%${escapeLike(filter.q!)}%`)]));
  const [rows, total] = await Promise.all([
    q.selectAll('penalties').select('entities.name as entityName').orderBy('penalties.createdAt', 'desc').orderBy('penalties.id').limit(page.limit).offset(page.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

// ---------------------------------------------------------------- case clues (staff only)

export function insertClue(trx: Tx, values: Insertable<CaseCluesTable>) {
  return trx.insertInto('caseClues').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findClue(db: DbOrTx, scope: UnitScope, id: string) {
  return db.selectFrom('caseClues').selectAll().where('id', '=', id).where('unitPath', 'like', like(scope.unitPath)).executeTakeFirst();
}

export function findClueForUpdate(trx: Tx, scope: UnitScope, id: string) {
  return trx.selectFrom('caseClues').selectAll().where('id', '=', id).where('unitPath', 'like', like(scope.unitPath)).forUpdate().executeTakeFirst();
}

export function updateClue(trx: Tx, id: string, changes: Updateable<CaseCluesTable>) {
  return trx.updateTable('caseClues').set({ ...changes, updatedAt: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function cluesOfInspection(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('caseClues').selectAll().where('inspectionId', '=', inspectionId).orderBy('createdAt').execute();
}

export async function listClues(db: DbOrTx, scope: UnitScope, filter: { status?: string; inspectionId?: string; q?: string }, page: Page) {
  let q = db.selectFrom('caseClues').where('unitPath', 'like', like(scope.unitPath));
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.inspectionId) q = q.where('inspectionId', '=', filter.inspectionId);
  if (filter.q) q = q.where('title', 'ilike', `%${escapeLike(filter.q)}%`);
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('createdAt', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
