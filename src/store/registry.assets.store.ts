import { sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Scope } from '../domain/access';
import type { DbOrTx, Tx } from './db';
import { scopeWhere } from './registry.store';
import type { EntityHistoryTable, EntityMlpsSystemsTable, EntityServicesTable, EntitySitesTable } from './tables/registry';

/** Services, sites, MLPS systems and history of an entity: every query takes the scope. */

export type ServiceRow = Selectable<EntityServicesTable>;
export type SiteRow = Selectable<EntitySitesTable>;
export type MlpsRow = Selectable<EntityMlpsSystemsTable>;
export type HistoryRow = Selectable<EntityHistoryTable>;

const json = (v: Record<string, unknown> | undefined) => (v === undefined ? undefined : JSON.stringify(v));

// ── services ───────────────────────────────────────────────────────────────────────────────

export function listServices(db: DbOrTx, scope: Scope, entityId: string): Promise<ServiceRow[]> {
  return db.selectFrom('entityServices').selectAll().where('entityId', '=', entityId).where(scopeWhere('entityServices', scope)).orderBy('startDate').orderBy('id').execute();
}

export function findService(db: DbOrTx, scope: Scope, entityId: string, id: string): Promise<ServiceRow | undefined> {
  return db.selectFrom('entityServices').selectAll().where('id', '=', id).where('entityId', '=', entityId).where(scopeWhere('entityServices', scope)).executeTakeFirst();
}

export function insertService(trx: Tx, values: Insertable<EntityServicesTable>): Promise<ServiceRow> {
  return trx.insertInto('entityServices').values({ ...values, attributes: JSON.stringify(values.attributes) }).returningAll().executeTakeFirstOrThrow();
}

export async function insertServices(trx: Tx, rows: readonly Insertable<EntityServicesTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await trx.insertInto('entityServices').values(rows.slice(i, i + 1000).map((r) => ({ ...r, attributes: JSON.stringify(r.attributes) }))).execute();
  }
}

export function updateService(trx: Tx, id: string, changes: Updateable<EntityServicesTable>): Promise<ServiceRow> {
  return trx.updateTable('entityServices').set({ ...changes, attributes: json(changes.attributes as Record<string, unknown> | undefined), updatedAt: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteService(trx: Tx, id: string): Promise<void> {
  await trx.deleteFrom('entityServices').where('id', '=', id).execute();
}

// ── sites ──────────────────────────────────────────────────────────────────────────────────

export function listSites(db: DbOrTx, scope: Scope, entityId: string): Promise<SiteRow[]> {
  return db.selectFrom('entitySites').selectAll().where('entityId', '=', entityId).where(scopeWhere('entitySites', scope)).orderBy('kind').orderBy('hostname').orderBy('id').execute();
}

export function findSite(db: DbOrTx, scope: Scope, entityId: string, id: string): Promise<SiteRow | undefined> {
  return db.selectFrom('entitySites').selectAll().where('id', '=', id).where('entityId', '=', entityId).where(scopeWhere('entitySites', scope)).executeTakeFirst();
}

/** Which of these hostnames are live registrations anywhere (a hostname belongs to one entity). */
export async function activeHostnames(db: DbOrTx, hostnames: readonly string[], exceptSiteId?: string): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < hostnames.length; i += 5000) {
    const chunk = hostnames.slice(i, i + 5000);
    if (chunk.length === 0) continue;
    let q = db.selectFrom('entitySites').select('hostname').where(sql<SqlBool>`hostname = any(${chunk}::text[])`).where('status', '=', 'active');
    if (exceptSiteId) q = q.where('id', '!=', exceptSiteId);
    for (const r of await q.execute()) if (r.hostname) out.add(r.hostname);
  }
  return out;
}

export function insertSite(trx: Tx, values: Insertable<EntitySitesTable>): Promise<SiteRow> {
  return trx.insertInto('entitySites').values({ ...values, attributes: JSON.stringify(values.attributes) }).returningAll().executeTakeFirstOrThrow();
}

export async function insertSites(trx: Tx, rows: readonly Insertable<EntitySitesTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await trx.insertInto('entitySites').values(rows.slice(i, i + 1000).map((r) => ({ ...r, attributes: JSON.stringify(r.attributes) }))).execute();
  }
}

export function updateSite(trx: Tx, id: string, changes: Updateable<EntitySitesTable>): Promise<SiteRow> {
  return trx.updateTable('entitySites').set({ ...changes, attributes: json(changes.attributes as Record<string, unknown> | undefined), updatedAt: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteSite(trx: Tx, id: string): Promise<void> {
  await trx.deleteFrom('entitySites').where('id', '=', id).execute();
}

/** Sites for remote detection: active websites of entities in scope, with the entity's region. */
export function listScanTargets(db: DbOrTx, scope: Scope, filter: { entityIds?: string[]; siteIds?: string[] } = {}) {
  let q = db.selectFrom('entitySites')
    .innerJoin('entities', 'entities.id', 'entitySites.entityId')
    .select(['entitySites.id as siteId', 'entitySites.hostname', 'entitySites.ips', 'entitySites.ports', 'entitySites.icpFilingNumber', 'entitySites.psbFilingNumber', 'entities.id as entityId', 'entities.regionCode', 'entities.serviceTypes', 'entities.unitPath'])
    .where(scopeWhere('entitySites', scope))
    .where('entitySites.kind', '=', 'website')
    .where('entitySites.status', '=', 'active')
    .where(sql<SqlBool>`entities.status <> 'closed'`);
  if (filter.entityIds) q = q.where('entitySites.entityId', 'in', filter.entityIds.length ? filter.entityIds : ['00000000-0000-0000-0000-000000000000']);
  if (filter.siteIds) q = q.where('entitySites.id', 'in', filter.siteIds.length ? filter.siteIds : ['00000000-0000-0000-0000-000000000000']);
  return q.orderBy('entitySites.hostname').execute();
}

// ── MLPS systems ───────────────────────────────────────────────────────────────────────────

export function listMlps(db: DbOrTx, scope: Scope, entityId: string): Promise<MlpsRow[]> {
  return db.selectFrom('entityMlpsSystems').selectAll().where('entityId', '=', entityId).where(scopeWhere('entityMlpsSystems', scope)).orderBy('level', 'desc').orderBy('name').execute();
}

export type MlpsListFilter = {
  /** Subtree of a unit already resolved inside the caller's scope. */
  unitPath?: string;
  level?: number;
  minLevel?: number;
  status?: readonly string[];
  /** Filed by this calendar day (or with no filing date recorded): stats.store mlpsLevel3PlusFiled. */
  filedBy?: string;
  entityId?: string;
  q?: string;
};
export type MlpsListSort = { field: 'level' | 'status' | 'filedOn' | 'name' | 'entityName' | 'updatedAt'; dir: 'asc' | 'desc' };

const mlpsSortRefs = {
  level: 'entityMlpsSystems.level', status: 'entityMlpsSystems.status', filedOn: 'entityMlpsSystems.filedOn',
  name: 'entityMlpsSystems.name', entityName: 'entities.name', updatedAt: 'entityMlpsSystems.updatedAt',
} as const;

/** MLPS systems across the entities in scope (等保系统清单), with the entity's name. */
export async function listMlpsInScope(db: DbOrTx, scope: Scope, filter: MlpsListFilter, page: { limit: number; offset: number }, sort: MlpsListSort) {
  let q = db.selectFrom('entityMlpsSystems').innerJoin('entities', 'entities.id', 'entityMlpsSystems.entityId').where(scopeWhere('entityMlpsSystems', scope));
  if (filter.unitPath) q = q.where('entityMlpsSystems.unitPath', 'like', `${filter.unitPath}%`);
  if (filter.level !== undefined) q = q.where('entityMlpsSystems.level', '=', filter.level);
  if (filter.minLevel !== undefined) q = q.where('entityMlpsSystems.level', '>=', filter.minLevel);
  if (filter.status && filter.status.length > 0) q = q.where('entityMlpsSystems.status', 'in', [...filter.status]);
  if (filter.filedBy) {
    const by = filter.filedBy;
    q = q.where((eb) => eb.or([eb('entityMlpsSystems.filedOn', 'is', null), eb('entityMlpsSystems.filedOn', '<=', by)]));
  }
  if (filter.entityId) q = q.where('entityMlpsSystems.entityId', '=', filter.entityId);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('entities.name', 'ilike', pattern), eb('entityMlpsSystems.name', 'ilike', pattern), eb('entityMlpsSystems.certificateNumber', 'like', pattern)]));
  }
  const [rows, total] = await Promise.all([
    q.selectAll('entityMlpsSystems').select(['entities.name as entityName', 'entities.uscc as entityUscc'])
      .orderBy(mlpsSortRefs[sort.field], sort.dir).orderBy('entityMlpsSystems.id').limit(page.limit).offset(page.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export function findMlpsForUpdate(trx: Tx, scope: Scope, entityId: string, id: string): Promise<MlpsRow | undefined> {
  return trx.selectFrom('entityMlpsSystems').selectAll().where('id', '=', id).where('entityId', '=', entityId).where(scopeWhere('entityMlpsSystems', scope)).forUpdate().executeTakeFirst();
}

export async function mlpsCounts(db: DbOrTx, entityId: string): Promise<{ total: number; level3Plus: number }> {
  return db.selectFrom('entityMlpsSystems').where('entityId', '=', entityId)
    .select([sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) filter (where level >= 3))::int`.as('level3Plus')])
    .executeTakeFirstOrThrow();
}

export function insertMlps(trx: Tx, values: Insertable<EntityMlpsSystemsTable>): Promise<MlpsRow> {
  return trx.insertInto('entityMlpsSystems').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertMlpsMany(trx: Tx, rows: readonly Insertable<EntityMlpsSystemsTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('entityMlpsSystems').values(rows.slice(i, i + 1000)).execute();
}

export function updateMlps(trx: Tx, id: string, changes: Updateable<EntityMlpsSystemsTable>): Promise<MlpsRow> {
  return trx.updateTable('entityMlpsSystems').set({ ...changes, updatedAt: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteMlps(trx: Tx, id: string): Promise<void> {
  await trx.deleteFrom('entityMlpsSystems').where('id', '=', id).execute();
}

// ── history: incidents, cases, penalties ───────────────────────────────────────────────────

export function listHistory(db: DbOrTx, scope: Scope, entityId: string, kind?: string): Promise<HistoryRow[]> {
  let q = db.selectFrom('entityHistory').selectAll().where('entityId', '=', entityId).where(scopeWhere('entityHistory', scope));
  if (kind) q = q.where('kind', '=', kind);
  return q.orderBy('occurredOn', 'desc').orderBy('id').execute();
}

export function findHistoryForUpdate(trx: Tx, scope: Scope, entityId: string, id: string): Promise<HistoryRow | undefined> {
  return trx.selectFrom('entityHistory').selectAll().where('id', '=', id).where('entityId', '=', entityId).where(scopeWhere('entityHistory', scope)).forUpdate().executeTakeFirst();
}

export function insertHistory(trx: Tx, values: Insertable<EntityHistoryTable>): Promise<HistoryRow> {
  return trx.insertInto('entityHistory').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertHistoryMany(trx: Tx, rows: readonly Insertable<EntityHistoryTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('entityHistory').values(rows.slice(i, i + 1000)).execute();
}

export function updateHistory(trx: Tx, id: string, changes: Updateable<EntityHistoryTable>): Promise<HistoryRow> {
  return trx.updateTable('entityHistory').set({ ...changes, updatedAt: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteHistory(trx: Tx, id: string): Promise<void> {
  await trx.deleteFrom('entityHistory').where('id', '=', id).execute();
}

/** Moves an entity's child rows along when its jurisdiction unit changes. */
export async function moveChildren(trx: Tx, entityId: string, unitPath: string): Promise<void> {
  await trx.updateTable('entityServices').set({ unitPath }).where('entityId', '=', entityId).execute();
  await trx.updateTable('entitySites').set({ unitPath }).where('entityId', '=', entityId).execute();
  await trx.updateTable('entityMlpsSystems').set({ unitPath }).where('entityId', '=', entityId).execute();
  await trx.updateTable('entityHistory').set({ unitPath }).where('entityId', '=', entityId).execute();
  await trx.updateTable('psbFilings').set({ unitPath }).where('entityId', '=', entityId).execute();
}

/** A website of a demo entity, as the demo network serves it (unscoped: demo-mode startup only). */
export type DemoWebsiteRow = {
  siteId: string;
  entityId: string;
  unitPath: string;
  hostname: string;
  entityName: string;
  entityType: string;
  address: string;
  icpFilingNumber: string | null;
  psbFilingNumber: string | null;
  status: string;
};

/** Websites of entities marked demo (is_demo), by hostname: the demo network and its scan. */
export function demoWebsites(db: DbOrTx, filter: { unitPath?: string } = {}): Promise<DemoWebsiteRow[]> {
  let q = db.selectFrom('entitySites').innerJoin('entities', 'entities.id', 'entitySites.entityId')
    .select([
      'entitySites.id as siteId', 'entitySites.entityId', 'entitySites.unitPath', 'entities.name as entityName', 'entities.type as entityType',
      'entities.address', 'entitySites.hostname', 'entitySites.icpFilingNumber', 'entitySites.psbFilingNumber', 'entitySites.status',
    ])
    .where('entities.isDemo', '=', true)
    .where('entitySites.kind', '=', 'website')
    .where('entitySites.hostname', 'is not', null)
    .$narrowType<{ hostname: string }>();
  if (filter.unitPath !== undefined) q = q.where('entities.unitPath', '=', filter.unitPath);
  return q.orderBy('entitySites.hostname').execute();
}
