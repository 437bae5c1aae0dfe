import { sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Scope } from '../domain/access';
import type { DbOrTx, Tx } from './db';
import { childScope, type Page } from './inspections.store';
import type { ReInspectionsTable, RectificationNoticesTable, RectificationReportsTable } from './tables/inspections';

export type RectificationNoticeRow = Selectable<RectificationNoticesTable>;
export type ReportRow = Selectable<RectificationReportsTable>;
export type ReInspectionRow = Selectable<ReInspectionsTable>;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function insertNotice(trx: Tx, values: Insertable<RectificationNoticesTable>) {
  return trx.insertInto('rectificationNotices').values({ ...values, receipt: values.receipt ? JSON.stringify(values.receipt) : null }).returningAll().executeTakeFirstOrThrow();
}

export async function insertNoticeFindings(trx: Tx, noticeId: string, rows: { findingId: string; measure: string | null }[]) {
  if (rows.length === 0) return;
  await trx.insertInto('rectificationNoticeFindings').values(rows.map((r) => ({ noticeId, ...r }))).execute();
}

export function findNotice(db: DbOrTx, scope: Scope, id: string) {
  return db.selectFrom('rectificationNotices').selectAll().where('id', '=', id).where(childScope('rectificationNotices', scope)).executeTakeFirst();
}

export function findNoticeForUpdate(trx: Tx, scope: Scope, id: string) {
  return trx.selectFrom('rectificationNotices').selectAll().where('id', '=', id).where(childScope('rectificationNotices', scope)).forUpdate().executeTakeFirst();
}

export function noticesOfInspection(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('rectificationNotices').selectAll().where('inspectionId', '=', inspectionId).orderBy('round').execute();
}

export function updateNotice(trx: Tx, id: string, changes: Updateable<RectificationNoticesTable>) {
  const values = { ...changes, ...(changes.receipt !== undefined ? { receipt: changes.receipt === null ? null : JSON.stringify(changes.receipt) } : {}) };
  return trx.updateTable('rectificationNotices').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function findingsOfNotice(db: DbOrTx, noticeId: string) {
  return db
    .selectFrom('rectificationNoticeFindings as nf')
    .innerJoin('findings as f', 'f.id', 'nf.findingId')
    .selectAll('f')
    .select('nf.measure')
    .where('nf.noticeId', '=', noticeId)
    .orderBy('f.seq')
    .execute();
}

export function insertReport(trx: Tx, values: Insertable<RectificationReportsTable>) {
  return trx.insertInto('rectificationReports').values(values).returningAll().executeTakeFirstOrThrow();
}

export function reportsOfNotice(db: DbOrTx, noticeId: string) {
  return db.selectFrom('rectificationReports').selectAll().where('noticeId', '=', noticeId).orderBy('submittedAt').execute();
}

export function reportsOfInspection(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('rectificationReports').selectAll().where('inspectionId', '=', inspectionId).orderBy('submittedAt').execute();
}

export function insertReInspection(trx: Tx, values: Insertable<ReInspectionsTable>) {
  return trx.insertInto('reInspections').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertResults(trx: Tx, reInspectionId: string, rows: { findingId: string; rating: string; note: string | null }[]) {
  if (rows.length === 0) return;
  await trx.insertInto('reInspectionResults').values(rows.map((r) => ({ reInspectionId, ...r }))).execute();
}

export function reInspectionsOfInspection(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('reInspections').selectAll().where('inspectionId', '=', inspectionId).orderBy('createdAt').execute();
}

export function findReInspection(db: DbOrTx, scope: Scope, id: string) {
  return db.selectFrom('reInspections').selectAll().where('id', '=', id).where(childScope('reInspections', scope)).executeTakeFirst();
}

export function resultsOf(db: DbOrTx, reInspectionIds: string[]) {
  if (reInspectionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('reInspectionResults').selectAll().where('reInspectionId', 'in', reInspectionIds).execute();
}

export type NoticeFilter = {
  status?: string;
  overdue?: boolean;
  entityId?: string;
  inspectionId?: string;
  q?: string;
  unitPath?: string;
  /** Open notices whose deadline falls within [today, dueBy]. */
  dueBy?: string;
  today: string;
};

/** Overdue is derived: still waiting for the entity's report after the deadline, the inspection not escalated or closed. */
export const overdueCondition = (today: string) =>
  sql<SqlBool>`(rectification_notices.status = 'issued' and rectification_notices.deadline < ${today} and exists (select 1 from inspections i where i.id = rectification_notices.inspection_id and i.status = 'rectificationOrdered'))`;

export async function listNotices(db: DbOrTx, scope: Scope, filter: NoticeFilter, page: Page, sort: { field: 'deadline' | 'issuedAt'; dir: 'asc' | 'desc' }) {
  let q = db.selectFrom('rectificationNotices').innerJoin('entities', 'entities.id', 'rectificationNotices.entityId').where(childScope('rectificationNotices', scope));
  if (filter.unitPath) q = q.where('rectificationNotices.unitPath', 'like', `${filter.unitPath}%`);
  if (filter.status) q = q.where('rectificationNotices.status', '=', filter.status);
  if (filter.entityId) q = q.where('rectificationNotices.entityId', '=', filter.entityId);
  if (filter.inspectionId) q = q.where('rectificationNotices.inspectionId', '=', filter.inspectionId);
  if (filter.overdue === true) q = q.where(overdueCondition(filter.today));
  if (filter.overdue === false) q = q.where(sql<SqlBool>`not ${overdueCondition(filter.today)}`);
  if (filter.dueBy) q = q.where('rectificationNotices.status', '=', 'issued').where('rectificationNotices.deadline', '>=', filter.today).where('rectificationNotices.deadline', '<=', filter.dueBy);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    q = q.where((eb) => eb.or([eb('entities.name', 'ilike', pattern), eb('rectificationNotices.docNumber', 'like', pattern)]));
  }
  const [rows, total] = await Promise.all([
    q
      .selectAll('rectificationNotices')
      .select(['entities.name as entityName', 'entities.uscc as entityUscc'])
      .select(sql<boolean>`${overdueCondition(filter.today)}`.as('overdue'))
      .orderBy(`rectificationNotices.${sort.field}`, sort.dir)
      .orderBy('rectificationNotices.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
