import { sql, type Expression, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Scope, UnitScope } from '../domain/access';
import type { DbOrTx, Tx } from './db';
import type {
  FindingsTable,
  InspectionEvidenceTable,
  InspectionItemsTable,
  InspectionNoticesTable,
  InspectionPlansTable,
  InspectionRecordsTable,
  InspectionScanFindingsTable,
  InspectionsTable,
  RecordSignaturesTable,
} from './tables/inspections';

export type PlanRow = Selectable<InspectionPlansTable>;
export type InspectionRow = Selectable<InspectionsTable>;
export type NoticeRow = Selectable<InspectionNoticesTable>;
export type ItemRow = Selectable<InspectionItemsTable>;
export type RecordRow = Selectable<InspectionRecordsTable>;
export type SignatureRow = Selectable<RecordSignaturesTable>;
export type EvidenceRow = Selectable<InspectionEvidenceTable>;
export type FindingRow = Selectable<FindingsTable>;
export type ScanFindingLinkRow = Selectable<InspectionScanFindingsTable>;
export type Page = { limit: number; offset: number };

/** Tables whose rows carry unit_path, entity_id and inspection_id: scoped the same way. */
export type ChildTable =
  | 'inspectionNotices'
  | 'inspectionItems'
  | 'inspectionRecords'
  | 'inspectionEvidence'
  | 'findings'
  | 'rectificationNotices'
  | 'rectificationReports'
  | 'reInspections';

const like = (unitPath: string) => `${unitPath}%`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The scope as a condition on `inspections`: staff their subtree, the portal its entity's
 * inspections from the notice on, agency staff the remote inspections of their agency.
 */
export function inspectionScope(scope: Scope): Expression<SqlBool> {
  if (scope.kind === 'units') return sql<SqlBool>`inspections.unit_path like ${like(scope.unitPath)}`;
  if (scope.kind === 'entity') return sql<SqlBool>`(inspections.entity_id = ${scope.entityId} and inspections.status <> 'planned')`;
  return sql<SqlBool>`(inspections.agency_id = ${scope.agencyId} and inspections.mode = 'remote')`;
}

/** The scope as a condition on a child table, through its own unit_path / entity_id copies. */
export function childScope(table: ChildTable, scope: Scope): Expression<SqlBool> {
  if (scope.kind === 'units') return sql<SqlBool>`${sql.ref(`${table}.unitPath`)} like ${like(scope.unitPath)}`;
  if (scope.kind === 'entity') return sql<SqlBool>`${sql.ref(`${table}.entityId`)} = ${scope.entityId}`;
  if (table === 'inspectionRecords' || table === 'inspectionNotices' || table === 'inspectionItems') {
    return sql<SqlBool>`${sql.ref(`${table}.inspectionId`)} in (select id from inspections where agency_id = ${scope.agencyId} and mode = 'remote')`;
  }
  return sql<SqlBool>`false`;
}

// ---------------------------------------------------------------- plans

export function insertPlan(trx: Tx, values: Insertable<InspectionPlansTable>) {
  return trx
    .insertInto('inspectionPlans')
    .values({
      ...values,
      majorTask: values.majorTask ? JSON.stringify(values.majorTask) : null,
      source: values.source ? JSON.stringify(values.source) : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function replaceTargets(trx: Tx, planId: string, targets: { entityId: string; reason: string | null }[]) {
  await trx.deleteFrom('inspectionPlanTargets').where('planId', '=', planId).execute();
  if (targets.length > 0) {
    await trx.insertInto('inspectionPlanTargets').values(targets.map((t) => ({ planId, ...t }))).execute();
  }
}

export function listTargets(db: DbOrTx, planId: string) {
  return db
    .selectFrom('inspectionPlanTargets as t')
    .innerJoin('entities as e', 'e.id', 't.entityId')
    .select(['t.entityId', 't.reason', 'e.name as entityName', 'e.uscc', 'e.unitId as entityUnitId'])
    .where('t.planId', '=', planId)
    .orderBy('e.name')
    .execute();
}

export function findPlan(db: DbOrTx, scope: UnitScope, id: string) {
  return db.selectFrom('inspectionPlans').selectAll().where('id', '=', id).where('unitPath', 'like', like(scope.unitPath)).executeTakeFirst();
}

export function findPlanForUpdate(trx: Tx, scope: UnitScope, id: string) {
  return trx.selectFrom('inspectionPlans').selectAll().where('id', '=', id).where('unitPath', 'like', like(scope.unitPath)).forUpdate().executeTakeFirst();
}

/** Internal: the plan of an inspection already authorised by the caller. */
export function findPlanByIdForUpdate(trx: Tx, id: string) {
  return trx.selectFrom('inspectionPlans').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function updatePlan(trx: Tx, id: string, changes: Updateable<InspectionPlansTable>) {
  const values = {
    ...changes,
    ...(changes.majorTask !== undefined ? { majorTask: changes.majorTask === null ? null : JSON.stringify(changes.majorTask) } : {}),
    ...(changes.source !== undefined ? { source: changes.source === null ? null : JSON.stringify(changes.source) } : {}),
    updatedAt: new Date(),
  };
  return trx.updateTable('inspectionPlans').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export type PlanFilter = { status?: string; type?: string; mode?: string; q?: string; entityId?: string; unitPath?: string };

export async function listPlans(db: DbOrTx, scope: UnitScope, filter: PlanFilter, page: Page, sort: { field: 'createdAt' | 'startsOn' | 'title' | 'status'; dir: 'asc' | 'desc' }) {
  let q = db.selectFrom('inspectionPlans').where('unitPath', 'like', like(scope.unitPath));
  if (filter.unitPath) q = q.where('unitPath', 'like', like(filter.unitPath));
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.type) q = q.where('type', '=', filter.type);
  if (filter.mode) q = q.where('mode', '=', filter.mode);
  if (filter.q) q = q.where('title', 'ilike', `%${escapeLike(filter.q)}%`);
  if (filter.entityId) {
    const entityId = filter.entityId;
    q = q.where((eb) => eb.exists(eb.selectFrom('inspectionPlanTargets as t').select('t.planId').whereRef('t.planId', '=', 'inspectionPlans.id').where('t.entityId', '=', entityId)));
  }
  const [rows, total] = await Promise.all([
    q
      .selectAll('inspectionPlans')
      .select((eb) => eb.selectFrom('inspectionPlanTargets as t').select(sql<number>`count(*)::int`.as('n')).whereRef('t.planId', '=', 'inspectionPlans.id').as('targetCount'))
      .orderBy(sort.field, sort.dir)
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

// ---------------------------------------------------------------- inspections

export function insertInspection(trx: Tx, values: Insertable<InspectionsTable>) {
  return trx
    .insertInto('inspections')
    .values({ ...values, majorTask: values.majorTask ? JSON.stringify(values.majorTask) : null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findInspection(db: DbOrTx, scope: Scope, id: string) {
  return db.selectFrom('inspections').selectAll().where('id', '=', id).where(inspectionScope(scope)).executeTakeFirst();
}

export function findInspectionForUpdate(trx: Tx, scope: Scope, id: string) {
  return trx.selectFrom('inspections').selectAll().where('id', '=', id).where(inspectionScope(scope)).forUpdate().executeTakeFirst();
}

/** Internal: an inspection the caller reached through an authorised child row. */
export function findInspectionByIdForUpdate(trx: Tx, id: string) {
  return trx.selectFrom('inspections').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
}

/** Internal: the status of an inspection already reached through an authorised child row. */
export async function inspectionStatus(db: DbOrTx, id: string): Promise<string> {
  return (await db.selectFrom('inspections').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

export function updateInspection(trx: Tx, id: string, changes: Updateable<InspectionsTable>) {
  const values = {
    ...changes,
    ...(changes.ruleSets !== undefined ? { ruleSets: changes.ruleSets === null ? null : JSON.stringify(changes.ruleSets) } : {}),
    ...(changes.ruleWarnings !== undefined ? { ruleWarnings: changes.ruleWarnings === null ? null : JSON.stringify(changes.ruleWarnings) } : {}),
    updatedAt: new Date(),
  };
  return trx.updateTable('inspections').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function inspectionsOfPlan(db: DbOrTx, planId: string) {
  return db
    .selectFrom('inspections')
    .innerJoin('entities', 'entities.id', 'inspections.entityId')
    .selectAll('inspections')
    .select(['entities.name as entityName'])
    .where('planId', '=', planId)
    .orderBy('entities.name')
    .orderBy('inspections.mode')
    .execute();
}

export type InspectionFilter = {
  status?: string[];
  mode?: string;
  type?: string;
  overdue?: boolean;
  unitPath?: string;
  entityId?: string;
  planId?: string;
  q?: string;
  /** Shanghai today, for the derived overdue filter. */
  today: string;
};
export type InspectionSort = { field: 'createdAt' | 'updatedAt' | 'scheduledOn' | 'status' | 'entityName'; dir: 'asc' | 'desc' };

/**
 * Still waiting for the entity's report after the deadline day of its open rectification notice:
 * derived, never stored. Escalated or closed inspections are past that step, so never overdue.
 */
function overdueExists(today: string) {
  return sql<SqlBool>`(inspections.status = 'rectificationOrdered' and exists (select 1 from rectification_notices rn where rn.inspection_id = inspections.id and rn.status = 'issued' and rn.deadline < ${today}))`;
}

export async function listInspections(db: DbOrTx, scope: Scope, filter: InspectionFilter, page: Page, sort: InspectionSort) {
  let q = db.selectFrom('inspections').innerJoin('entities', 'entities.id', 'inspections.entityId').where(inspectionScope(scope));
  if (filter.unitPath) q = q.where('inspections.unitPath', 'like', like(filter.unitPath));
  if (filter.status && filter.status.length > 0) q = q.where('inspections.status', 'in', filter.status);
  if (filter.mode) q = q.where('inspections.mode', '=', filter.mode);
  if (filter.type) q = q.where('inspections.type', '=', filter.type);
  if (filter.entityId) q = q.where('inspections.entityId', '=', filter.entityId);
  if (filter.planId) q = q.where('inspections.planId', '=', filter.planId);
  if (filter.overdue === true) q = q.where(overdueExists(filter.today));
  if (filter.overdue === false) q = q.where(sql<SqlBool>`not ${overdueExists(filter.today)}`);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    q = q.where((eb) => eb.or([eb('entities.name', 'ilike', pattern), eb('entities.uscc', 'like', `${escapeLike(filter.q!.toUpperCase())}%`)]));
  }
  const sortRef = sort.field === 'entityName' ? 'entities.name' : (`inspections.${sort.field}` as const);
  const [rows, total] = await Promise.all([
    q
      .selectAll('inspections')
      .select(['entities.name as entityName', 'entities.uscc as entityUscc'])
      .select(sql<boolean>`${overdueExists(filter.today)}`.as('overdue'))
      .select((eb) =>
        eb.selectFrom('rectificationNotices as rn').select(sql<string>`max(rn.deadline)::text`.as('d')).whereRef('rn.inspectionId', '=', 'inspections.id').where('rn.status', '<>', 'reInspected').as('openDeadline'),
      )
      .orderBy(sortRef, sort.dir)
      .orderBy('inspections.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

/** Counts per status in scope: the board's column headers. */
export function countByStatus(db: DbOrTx, scope: Scope) {
  return db.selectFrom('inspections').select(['status', sql<number>`count(*)::int`.as('n')]).where(inspectionScope(scope)).groupBy('status').execute();
}

// ---------------------------------------------------------------- notices

export function insertNotice(trx: Tx, values: Insertable<InspectionNoticesTable>) {
  return trx.insertInto('inspectionNotices').values({ ...values, team: JSON.stringify(values.team) }).returningAll().executeTakeFirstOrThrow();
}

export function findNoticeOfInspection(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('inspectionNotices').selectAll().where('inspectionId', '=', inspectionId).executeTakeFirst();
}

export function updateNotice(trx: Tx, id: string, changes: Updateable<InspectionNoticesTable>) {
  const values = { ...changes, ...(changes.receipt !== undefined ? { receipt: changes.receipt === null ? null : JSON.stringify(changes.receipt) } : {}) };
  return trx.updateTable('inspectionNotices').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Whether the entity has an active portal account: notices then reach it on the portal. */
export async function entityHasPortalAccount(db: DbOrTx, entityId: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('entityId', '=', entityId).where('kind', '=', 'portal').where('status', '=', 'active').executeTakeFirst();
  return row !== undefined;
}

// ---------------------------------------------------------------- checklist items

export async function insertItems(trx: Tx, rows: Insertable<InspectionItemsTable>[]) {
  if (rows.length === 0) return;
  await trx.insertInto('inspectionItems').values(rows.map((r) => ({ ...r, snapshot: JSON.stringify(r.snapshot) }))).execute();
}

export function listItems(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('inspectionItems').selectAll().where('inspectionId', '=', inspectionId).orderBy('seq').execute();
}

export function updateItemResult(trx: Tx, id: string, changes: { result: string; note: string | null; updatedBy: string | null; updatedAt: Date }) {
  return trx.updateTable('inspectionItems').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------- evidence

export function insertEvidence(trx: Tx, values: Insertable<InspectionEvidenceTable>) {
  return trx.insertInto('inspectionEvidence').values(values).returningAll().executeTakeFirstOrThrow();
}

export function listEvidenceOfInspection(db: DbOrTx, inspectionId: string, opts: { purpose?: string } = {}) {
  let q = db.selectFrom('inspectionEvidence').selectAll().where('inspectionId', '=', inspectionId);
  if (opts.purpose) q = q.where('purpose', '=', opts.purpose);
  return q.orderBy('uploadedAt').orderBy('id').execute();
}

export function listEvidenceOfNotice(db: DbOrTx, noticeId: string) {
  return db.selectFrom('inspectionEvidence').selectAll().where('rectificationNoticeId', '=', noticeId).orderBy('uploadedAt').orderBy('id').execute();
}

/** Evidence in scope; the portal sees only what was filed with its rectification reports. */
export function findEvidence(db: DbOrTx, scope: Scope, id: string) {
  let q = db.selectFrom('inspectionEvidence').selectAll().where('id', '=', id).where(childScope('inspectionEvidence', scope));
  if (scope.kind === 'entity') q = q.where('purpose', '=', 'rectificationReport');
  return q.executeTakeFirst();
}

export function linkEvidenceToReport(trx: Tx, noticeId: string, evidenceIds: string[], reportId: string) {
  if (evidenceIds.length === 0) return Promise.resolve([]);
  return trx
    .updateTable('inspectionEvidence')
    .set({ rectificationReportId: reportId })
    .where('id', 'in', evidenceIds)
    .where('rectificationNoticeId', '=', noticeId)
    .where('rectificationReportId', 'is', null)
    .returning('id')
    .execute();
}

// ---------------------------------------------------------------- records and signatures

export function insertRecord(trx: Tx, values: Insertable<InspectionRecordsTable>) {
  return trx.insertInto('inspectionRecords').values({ ...values, refusal: values.refusal ? JSON.stringify(values.refusal) : null }).returningAll().executeTakeFirstOrThrow();
}

export function findRecord(db: DbOrTx, scope: Scope, id: string) {
  return db.selectFrom('inspectionRecords').selectAll().where('id', '=', id).where(childScope('inspectionRecords', scope)).executeTakeFirst();
}

export function findRecordForUpdate(trx: Tx, scope: Scope, id: string) {
  return trx.selectFrom('inspectionRecords').selectAll().where('id', '=', id).where(childScope('inspectionRecords', scope)).forUpdate().executeTakeFirst();
}

export function recordsOfInspection(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('inspectionRecords').selectAll().where('inspectionId', '=', inspectionId).orderBy('version').execute();
}

export function latestRecord(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('inspectionRecords').selectAll().where('inspectionId', '=', inspectionId).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

export function updateRecord(trx: Tx, id: string, changes: Updateable<InspectionRecordsTable>) {
  const values = { ...changes, ...(changes.refusal !== undefined ? { refusal: changes.refusal === null ? null : JSON.stringify(changes.refusal) } : {}) };
  return trx.updateTable('inspectionRecords').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function insertSignature(trx: Tx, values: Insertable<RecordSignaturesTable>) {
  return trx.insertInto('recordSignatures').values(values).returningAll().executeTakeFirstOrThrow();
}

export function signaturesOf(db: DbOrTx, recordIds: string[]) {
  if (recordIds.length === 0) return Promise.resolve([] as SignatureRow[]);
  return db.selectFrom('recordSignatures').selectAll().where('recordId', 'in', recordIds).orderBy('signedAt').orderBy('id').execute();
}

// ---------------------------------------------------------------- findings

export async function insertFindings(trx: Tx, rows: Insertable<FindingsTable>[]) {
  if (rows.length === 0) return [];
  return trx.insertInto('findings').values(rows.map((r) => ({ ...r, citation: r.citation ? JSON.stringify(r.citation) : null }))).returningAll().execute();
}

export function findingsOf(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('findings').selectAll().where('inspectionId', '=', inspectionId).orderBy('seq').execute();
}

export function setFindingStatus(trx: Tx, id: string, status: string) {
  return trx.updateTable('findings').set({ status }).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- promoted scan findings

/** Remote inspections of an entity being checked (checklist open), in the staff scope. */
export function openRemoteInspectionsOf(db: DbOrTx, scope: UnitScope, entityId: string) {
  return db
    .selectFrom('inspections')
    .selectAll()
    .where('entityId', '=', entityId)
    .where('mode', '=', 'remote')
    .where('status', '=', 'inProgress')
    .where('unitPath', 'like', like(scope.unitPath))
    .orderBy('scheduledOn')
    .limit(50)
    .execute();
}

export async function insertScanFindingLinks(trx: Tx, rows: Insertable<InspectionScanFindingsTable>[]) {
  if (rows.length === 0) return [];
  return trx.insertInto('inspectionScanFindings').values(rows).returningAll().execute();
}

export function scanFindingLinksOf(db: DbOrTx, inspectionId: string) {
  return db.selectFrom('inspectionScanFindings').selectAll().where('inspectionId', '=', inspectionId).orderBy('promotedAt').orderBy('hostname').orderBy('checkId').execute();
}

/** Which inspection each of these scan findings was promoted into, if any. */
export function promotionsOfScanFindings(db: DbOrTx, scanFindingIds: readonly string[]) {
  if (scanFindingIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('inspectionScanFindings').select(['scanFindingId', 'inspectionId', 'itemId']).where('scanFindingId', 'in', [...scanFindingIds]).execute();
}

// ---------------------------------------------------------------- people and timeline

export function usersByIds(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'username', 'displayName', 'kind', 'unitPath', 'roles', 'credentialNumber', 'status', 'agencyId', 'entityId'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Active inspectors with a credential number of the scope's own unit: who can be on a team. */
export function inspectorsOfUnit(db: DbOrTx, scope: UnitScope) {
  return db
    .selectFrom('users')
    .select(['id', 'displayName', 'credentialNumber', 'unitId'])
    .where('unitPath', '=', scope.unitPath)
    .where('kind', '=', 'staff')
    .where('status', '=', 'active')
    .where('credentialNumber', 'is not', null)
    .where(sql<SqlBool>`'inspector' = any(roles)`)
    .orderBy('displayName')
    .limit(500)
    .execute();
}

export function entityBrief(db: DbOrTx, id: string) {
  return db.selectFrom('entities').select(['id', 'name', 'uscc', 'address', 'kind', 'type', 'unitId', 'unitPath']).where('id', '=', id).executeTakeFirst();
}

/** Audit entries about any of these records, oldest first: the inspection's timeline. */
export function auditEntriesFor(db: DbOrTx, targetIds: readonly string[], opts: { actions?: readonly string[]; limit?: number } = {}) {
  if (targetIds.length === 0) return Promise.resolve([]);
  // The account's display name where it still exists; the audited account name otherwise.
  let q = db
    .selectFrom('auditLog')
    .leftJoin('users', 'users.id', 'auditLog.actorId')
    .select(['auditLog.seq', 'auditLog.at', 'auditLog.actorId', 'auditLog.action', 'auditLog.targetType', 'auditLog.targetId', 'auditLog.fromState', 'auditLog.toState', 'auditLog.reason', 'auditLog.summary'])
    .select(sql<string | null>`coalesce(users.display_name, audit_log.actor_name)`.as('actorName'))
    .where('auditLog.targetId', 'in', [...targetIds]);
  if (opts.actions) q = q.where('auditLog.action', 'in', [...opts.actions]);
  return q.orderBy('auditLog.seq').limit(opts.limit ?? 500).execute();
}
