import { sql, type Expression, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { DbOrTx, Tx } from './db';
import type { ScanAuthorisationsTable, SecurityAgenciesTable, SecurityAgencyStaffTable } from './tables/scans';

export type AgencyRow = Selectable<SecurityAgenciesTable>;
export type AgencyStaffRow = Selectable<SecurityAgencyStaffTable>;
export type AuthorisationRow = Selectable<ScanAuthorisationsTable>;

/**
 * Who sees remote-detection records: staff their unit's subtree; agency staff only what names
 * them (their agency, and the authorisations and scans that list them as staff).
 */
export type ScanScope =
  | { kind: 'units'; unitPath: string }
  | { kind: 'agency'; agencyId: string; userId: string };

const like = (unitPath: string) => `${unitPath}%`;

// ---------------------------------------------------------------- agencies

/** Staff see agencies contracted by their unit, its subtree and its ancestors (a province's framework contract). */
function agencyScope(scope: ScanScope): Expression<SqlBool> {
  if (scope.kind === 'agency') return sql<SqlBool>`security_agencies.id = ${scope.agencyId}`;
  return sql<SqlBool>`(security_agencies.unit_path like ${like(scope.unitPath)} or ${scope.unitPath} like security_agencies.unit_path || '%')`;
}

export function listAgencies(db: DbOrTx, scope: ScanScope, filter: { q?: string; status?: string }, page: { limit: number; offset: number }) {
  let q = db.selectFrom('securityAgencies').where(agencyScope(scope));
  if (filter.status) q = q.where('status', '=', filter.status as 'active');
  if (filter.q) q = q.where(sql<SqlBool>`(lower(security_agencies.name) like ${`%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`} or security_agencies.uscc = ${filter.q.toUpperCase()})`);
  return Promise.all([
    q.selectAll().orderBy('name').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)),
  ]).then(([rows, total]) => ({ rows, total }));
}

export function findAgency(db: DbOrTx, scope: ScanScope, id: string): Promise<AgencyRow | undefined> {
  return db.selectFrom('securityAgencies').selectAll().where('id', '=', id).where(agencyScope(scope)).executeTakeFirst();
}

/** For a write: only agencies registered within the staff scope (not an ancestor's). */
export function findAgencyForUpdate(trx: Tx, unitPath: string, id: string): Promise<AgencyRow | undefined> {
  return trx.selectFrom('securityAgencies').selectAll().where('id', '=', id).where('unitPath', 'like', like(unitPath)).forUpdate().executeTakeFirst();
}

export function insertAgency(trx: Tx, values: Insertable<SecurityAgenciesTable>): Promise<AgencyRow> {
  return trx.insertInto('securityAgencies').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateAgency(trx: Tx, id: string, changes: Updateable<SecurityAgenciesTable>): Promise<AgencyRow> {
  return trx.updateTable('securityAgencies').set({ ...changes, updatedAt: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function agencyStaff(db: DbOrTx, agencyId: string) {
  return db.selectFrom('securityAgencyStaff')
    .innerJoin('users', 'users.id', 'securityAgencyStaff.userId')
    .select(['securityAgencyStaff.agencyId', 'securityAgencyStaff.userId', 'securityAgencyStaff.undertakingSigned',
      'securityAgencyStaff.undertakingRef', 'securityAgencyStaff.undertakingOn', 'securityAgencyStaff.addedAt',
      'users.username', 'users.displayName', 'users.status as userStatus'])
    .where('securityAgencyStaff.agencyId', '=', agencyId)
    .orderBy('users.username')
    .execute();
}

export async function replaceAgencyStaff(trx: Tx, agencyId: string, unitPath: string, staff: readonly Omit<Insertable<SecurityAgencyStaffTable>, 'agencyId' | 'unitPath'>[]): Promise<void> {
  await trx.deleteFrom('securityAgencyStaff').where('agencyId', '=', agencyId).execute();
  if (staff.length > 0) await trx.insertInto('securityAgencyStaff').values(staff.map((s) => ({ ...s, agencyId, unitPath }))).execute();
}

/** Agency accounts by id (kind and agency checked by the caller). */
export function agencyUsers(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'username', 'displayName', 'kind', 'agencyId', 'status']).where('id', 'in', [...ids]).execute();
}

// ---------------------------------------------------------------- authorisations

export function authorisationScope(scope: ScanScope): Expression<SqlBool> {
  if (scope.kind === 'agency') {
    return sql<SqlBool>`(scan_authorisations.agency_id = ${scope.agencyId} and ${scope.userId}::uuid = any(scan_authorisations.agency_staff_ids))`;
  }
  return sql<SqlBool>`scan_authorisations.unit_path like ${like(scope.unitPath)}`;
}

export type AuthorisationFilter = { status?: string; entityId?: string; agencyId?: string };

export async function listAuthorisations(db: DbOrTx, scope: ScanScope, filter: AuthorisationFilter, page: { limit: number; offset: number }) {
  let q = db.selectFrom('scanAuthorisations')
    .innerJoin('entities', 'entities.id', 'scanAuthorisations.entityId')
    .where(authorisationScope(scope));
  if (filter.status) q = q.where('scanAuthorisations.status', '=', filter.status);
  if (filter.entityId) q = q.where('scanAuthorisations.entityId', '=', filter.entityId);
  if (filter.agencyId) q = q.where('scanAuthorisations.agencyId', '=', filter.agencyId);
  const [rows, total] = await Promise.all([
    q.selectAll('scanAuthorisations').select('entities.name as entityName')
      .orderBy('scanAuthorisations.createdAt', 'desc').orderBy('scanAuthorisations.id').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)),
  ]);
  return { rows, total };
}

export function findAuthorisation(db: DbOrTx, scope: ScanScope, id: string) {
  return db.selectFrom('scanAuthorisations')
    .innerJoin('entities', 'entities.id', 'scanAuthorisations.entityId')
    .selectAll('scanAuthorisations').select('entities.name as entityName')
    .where('scanAuthorisations.id', '=', id).where(authorisationScope(scope))
    .executeTakeFirst();
}

export function findAuthorisationForUpdate(trx: Tx, scope: ScanScope, id: string): Promise<AuthorisationRow | undefined> {
  return trx.selectFrom('scanAuthorisations').selectAll().where('id', '=', id).where(authorisationScope(scope)).forUpdate().executeTakeFirst();
}

export function insertAuthorisation(trx: Tx, values: Insertable<ScanAuthorisationsTable>): Promise<AuthorisationRow> {
  return trx.insertInto('scanAuthorisations')
    .values({ ...values, targets: JSON.stringify(values.targets) })
    .returningAll().executeTakeFirstOrThrow();
}

export function updateAuthorisation(trx: Tx, id: string, changes: Updateable<ScanAuthorisationsTable>): Promise<AuthorisationRow> {
  const set = { ...changes, updatedAt: new Date() };
  if (changes.targets !== undefined) set.targets = JSON.stringify(changes.targets);
  return trx.updateTable('scanAuthorisations').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Authorisations by id, unscoped: workers re-check the window of the authorisations a scan runs under. */
export function authorisationsByIds(db: DbOrTx, ids: readonly string[]): Promise<AuthorisationRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('scanAuthorisations').selectAll().where('id', 'in', [...ids]).execute();
}

/**
 * Active authorisations that may cover some of these sites for this caller: within the staff
 * scope, or naming the agency staff member. The window is checked by the caller (Shanghai clock).
 */
export function activeAuthorisationsForSites(db: DbOrTx, scope: ScanScope, siteIds: readonly string[]): Promise<AuthorisationRow[]> {
  if (siteIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('scanAuthorisations').selectAll()
    .where('status', '=', 'active')
    .where(authorisationScope(scope))
    .where(sql<SqlBool>`site_ids && ${sql.val([...siteIds])}::uuid[]`)
    .orderBy('validUntil', 'desc')
    .execute();
}

/** Entities agency staff may name as a scan target: those of authorisations that list them. */
export async function agencyEntityIds(db: DbOrTx, scope: Extract<ScanScope, { kind: 'agency' }>): Promise<Set<string>> {
  const rows = await db.selectFrom('scanAuthorisations').select('entityId').distinct().where(authorisationScope(scope)).execute();
  return new Set(rows.map((r) => r.entityId));
}

/** Sites agency staff may name: every site of the authorisations that list them. */
export async function agencySiteIds(db: DbOrTx, scope: Extract<ScanScope, { kind: 'agency' }>): Promise<Set<string>> {
  const rows = await db.selectFrom('scanAuthorisations').select('siteIds').where(authorisationScope(scope)).execute();
  return new Set(rows.flatMap((r) => r.siteIds));
}

/** Active authorisations past validUntil (the periodic sweep moves them to expired). */
export function lapsedAuthorisations(db: DbOrTx, now: Date): Promise<AuthorisationRow[]> {
  return db.selectFrom('scanAuthorisations').selectAll().where('status', '=', 'active').where('validUntil', '<=', now).limit(500).execute();
}

/** Active agency accounts of an agency (to list as staff). */
export function agencyAccounts(db: DbOrTx, agencyId: string) {
  return db.selectFrom('users').select(['id', 'username', 'displayName', 'status'])
    .where('kind', '=', 'agency').where('agencyId', '=', agencyId).orderBy('username').execute();
}
