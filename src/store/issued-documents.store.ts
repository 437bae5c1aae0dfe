import { sql, type Expression, type Insertable, type Selectable, type SqlBool } from 'kysely';
import type { Scope, UnitScope } from '../domain/access';
import type { DbOrTx, Tx } from './db';
import type {
  BatchErrorJson,
  BatchItemJson,
  DocumentBatchesTable,
  DocumentPrintsTable,
  IssuedDocumentsTable,
} from './tables/issued-documents';

export type IssuedDocumentRow = Selectable<IssuedDocumentsTable>;
export type DocumentPrintRow = Selectable<DocumentPrintsTable>;
export type DocumentBatchRow = Selectable<DocumentBatchesTable>;
export type Page = { limit: number; offset: number };

const like = (unitPath: string) => `${unitPath}%`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Staff see their subtree; a portal user the documents addressed to or signed by their entity
 * (not the unit's internal inspection report); agency staff none.
 */
function scopeWhere(scope: Scope): Expression<SqlBool> {
  if (scope.kind === 'units') return sql<SqlBool>`issued_documents.unit_path like ${like(scope.unitPath)}`;
  if (scope.kind === 'entity') return sql<SqlBool>`(issued_documents.entity_id = ${scope.entityId} and issued_documents.kind <> 'inspectionReport')`;
  return sql<SqlBool>`false`;
}

// Everything but the two big jsonb columns: lists and headers never need them.
const summaryColumns = [
  'id', 'unitId', 'unitPath', 'kind', 'title', 'docNumber', 'numberId', 'subjectType', 'subjectId', 'inspectionId',
  'entityId', 'partyName', 'issueDate', 'contentHash', 'pdfSha256', 'pdfSize', 'status', 'issuedBy', 'issuedAt',
  'voidedBy', 'voidedAt', 'voidedReason', 'printCount', 'batchId', 'isDemo',
] as const;
export type IssuedDocumentSummary = Omit<IssuedDocumentRow, 'content' | 'template'> & { numberStatus?: string | null };

/** The number's status on the register: voided there (a cancelled inspection) means voided here too. */
const numberStatusOf = sql<string | null>`(select dn.status from document_numbers dn where dn.id = issued_documents.number_id)`;

// ---------------------------------------------------------------- documents

export async function insertDocument(trx: Tx, values: Insertable<IssuedDocumentsTable>, pdf: Buffer): Promise<IssuedDocumentRow> {
  const row = await trx
    .insertInto('issuedDocuments')
    .values({ ...values, content: JSON.stringify(values.content), template: JSON.stringify(values.template) })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx.insertInto('issuedDocumentFiles').values({ documentId: row.id, pdf }).execute();
  return row;
}

export function findInScope(db: DbOrTx, scope: Scope, id: string): Promise<(IssuedDocumentRow & { numberStatus: string | null }) | undefined> {
  return db.selectFrom('issuedDocuments').selectAll().select(numberStatusOf.as('numberStatus')).where('id', '=', id).where(scopeWhere(scope)).executeTakeFirst();
}

export function findInScopeForUpdate(trx: Tx, scope: UnitScope, id: string): Promise<IssuedDocumentRow | undefined> {
  return trx.selectFrom('issuedDocuments').selectAll().where('id', '=', id).where(scopeWhere(scope)).forUpdate().executeTakeFirst();
}

/** The live (not voided) document of a kind for a subject, locked: a second issue waits, then sees it. */
export function findLiveForSubject(trx: Tx, kind: string, subjectId: string): Promise<IssuedDocumentSummary | undefined> {
  return trx
    .selectFrom('issuedDocuments')
    .select(summaryColumns)
    .where('kind', '=', kind)
    .where('subjectId', '=', subjectId)
    .where('status', '=', 'issued')
    .forUpdate()
    .executeTakeFirst();
}

/** The live documents of a subject, whatever their kind, locked for voiding. */
export function lockLiveOfSubject(trx: Tx, subjectId: string): Promise<IssuedDocumentRow[]> {
  return trx.selectFrom('issuedDocuments').selectAll().where('subjectId', '=', subjectId).where('status', '=', 'issued').forUpdate().execute();
}

/** Every document ever issued for a subject (live and voided), newest first. */
export function listForSubject(db: DbOrTx, scope: Scope, subjectId: string): Promise<IssuedDocumentSummary[]> {
  return db.selectFrom('issuedDocuments').select(summaryColumns).where('subjectId', '=', subjectId).where(scopeWhere(scope)).orderBy('issuedAt', 'desc').execute();
}

/**
 * Unscoped lookup by number, for verification only: a verifier holds the paper, and the answer
 * repeats what is printed on it (number, kind, date) plus whether it still stands.
 */
export function findByDocNumber(db: DbOrTx, docNumber: string): Promise<IssuedDocumentRow | undefined> {
  return db.selectFrom('issuedDocuments').selectAll().where('docNumber', '=', docNumber).executeTakeFirst();
}

/** Status of a number on the inspections module's register (document_numbers), if it is there. */
export async function numberStatus(db: DbOrTx, docNumber: string): Promise<string | undefined> {
  const row = await db.selectFrom('documentNumbers').select('status').where('docNumber', '=', docNumber).executeTakeFirst();
  return row?.status;
}

/** The register row of a number (document_numbers, kept by the numbering code), locked. */
export function lockRegisteredNumber(trx: Tx, docNumber: string) {
  return trx.selectFrom('documentNumbers').select(['id', 'status', 'unitPath', 'kind']).where('docNumber', '=', docNumber).forUpdate().executeTakeFirst();
}

export function lockRegisteredNumberById(trx: Tx, id: string) {
  return trx.selectFrom('documentNumbers').select(['id', 'status', 'unitPath', 'kind', 'docNumber']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function readPdf(db: DbOrTx, documentId: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('issuedDocumentFiles').select('pdf').where('documentId', '=', documentId).executeTakeFirst();
  return row ? Buffer.from(row.pdf) : undefined;
}

export function voidDocument(trx: Tx, id: string, by: { userId: string | null; at: Date; reason: string }): Promise<IssuedDocumentRow> {
  return trx
    .updateTable('issuedDocuments')
    .set({ status: 'voided', voidedBy: by.userId, voidedAt: by.at, voidedReason: by.reason })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type DocumentFilter = {
  kind?: string;
  status?: string;
  entityId?: string;
  inspectionId?: string;
  subjectId?: string;
  q?: string;
  issuedFrom?: string;
  issuedTo?: string;
};
export type DocumentSort = { field: 'issuedAt' | 'docNumber' | 'kind' | 'partyName'; dir: 'asc' | 'desc' };

function filtered(db: DbOrTx, scope: Scope, filter: DocumentFilter) {
  let q = db.selectFrom('issuedDocuments').where(scopeWhere(scope));
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.entityId) q = q.where('entityId', '=', filter.entityId);
  if (filter.inspectionId) q = q.where('inspectionId', '=', filter.inspectionId);
  if (filter.subjectId) q = q.where('subjectId', '=', filter.subjectId);
  if (filter.issuedFrom) q = q.where('issueDate', '>=', filter.issuedFrom);
  if (filter.issuedTo) q = q.where('issueDate', '<=', filter.issuedTo);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    q = q.where((eb) => eb.or([eb('docNumber', 'like', pattern), eb('partyName', 'ilike', pattern)]));
  }
  return q;
}

export async function listInScope(db: DbOrTx, scope: Scope, filter: DocumentFilter, page: Page, sort: DocumentSort) {
  const q = filtered(db, scope, filter);
  const [rows, total] = await Promise.all([
    q.select(summaryColumns).select(numberStatusOf.as('numberStatus')).orderBy(sort.field, sort.dir).orderBy('id').limit(page.limit).offset(page.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

// ---------------------------------------------------------------- prints

export async function recordPrint(trx: Tx, values: Insertable<DocumentPrintsTable>): Promise<DocumentPrintRow> {
  const row = await trx.insertInto('documentPrints').values(values).returningAll().executeTakeFirstOrThrow();
  if (values.purpose === 'reprint') {
    await trx.updateTable('issuedDocuments').set((eb) => ({ printCount: eb('printCount', '+', 1) })).where('id', '=', values.documentId).execute();
  }
  return row;
}

export function listPrints(db: DbOrTx, documentId: string) {
  return db
    .selectFrom('documentPrints as p')
    .leftJoin('users as u', 'u.id', 'p.printedBy')
    .select(['p.id', 'p.purpose', 'p.reason', 'p.printedAt', 'p.printedBy', 'u.displayName as printedByName'])
    .where('p.documentId', '=', documentId)
    .orderBy('p.printedAt', 'desc')
    .execute();
}

// ---------------------------------------------------------------- batches

export function insertBatch(trx: Tx, values: { unitId: string; unitPath: string; requestedBy: string | null; items: BatchItemJson[]; createdAt: Date }) {
  return trx
    .insertInto('documentBatches')
    .values({ ...values, items: JSON.stringify(values.items), total: values.items.length, errors: '[]' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findBatchInScope(db: DbOrTx, scope: UnitScope, id: string) {
  return db.selectFrom('documentBatches').selectAll().where('id', '=', id).where('unitPath', 'like', like(scope.unitPath)).executeTakeFirst();
}

/** Internal (job): the batch named in a payload, locked for its worker. */
export function findBatchForUpdate(trx: Tx, id: string) {
  return trx.selectFrom('documentBatches').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function markBatchRunning(trx: Tx, id: string, at: Date) {
  return trx.updateTable('documentBatches').set({ status: 'running', startedAt: at }).where('id', '=', id).execute();
}

export function finishBatch(trx: Tx, id: string, result: { done: number; failed: number; errors: BatchErrorJson[]; at: Date }) {
  return trx
    .updateTable('documentBatches')
    .set({ status: 'done', done: result.done, failed: result.failed, errors: JSON.stringify(result.errors), finishedAt: result.at })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateBatchProgress(db: DbOrTx, id: string, progress: { done: number; failed: number }) {
  return db.updateTable('documentBatches').set(progress).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- templates

/** The template override of the nearest unit at or above `unitPath`, if any. */
export function findTemplateFor(db: DbOrTx, unitPath: string) {
  return db
    .selectFrom('documentTemplates')
    .selectAll()
    .where(sql<SqlBool>`${unitPath} like unit_path || '%'`)
    .orderBy(sql`length(unit_path)`, 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function upsertTemplate(trx: Tx, values: { unitId: string; unitPath: string; template: Record<string, unknown>; updatedBy: string | null; updatedAt: Date }) {
  const template = JSON.stringify(values.template);
  return trx
    .insertInto('documentTemplates')
    .values({ ...values, template })
    .onConflict((oc) => oc.column('unitId').doUpdateSet({ template, updatedBy: values.updatedBy, updatedAt: values.updatedAt }))
    .returningAll()
    .executeTakeFirstOrThrow();
}
