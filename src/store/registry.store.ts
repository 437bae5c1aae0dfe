import { sql, type Expression, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Scope } from '../domain/access';
import type { EntityFacts } from '../rules/facts';
import { ZServiceType } from '../rules/schema';
import type { DbOrTx, Tx } from './db';
import type { EntitiesTable } from './tables/registry';

export type EntityRow = Selectable<EntitiesTable>;
export type NewEntityRow = Insertable<EntitiesTable>;

type ScopedTable = 'entities' | 'entityServices' | 'entitySites' | 'entityMlpsSystems' | 'entityHistory' | 'psbFilings';

/**
 * The scope as a WHERE condition on one registry table: staff see their unit's subtree (by the
 * copied unit_path), portal users their one entity, agency staff nothing here.
 */
export function scopeWhere(table: ScopedTable, scope: Scope): Expression<SqlBool> {
  if (scope.kind === 'units') return sql<SqlBool>`${sql.ref(`${table}.unitPath`)} like ${`${scope.unitPath}%`}`;
  if (scope.kind === 'entity') {
    const col = table === 'entities' ? 'entities.id' : `${table}.entityId`;
    return sql<SqlBool>`${sql.ref(col)} = ${scope.entityId}`;
  }
  return sql<SqlBool>`false`;
}

export type EntityListFilter = {
  q?: string;
  kind?: string;
  type?: string;
  serviceType?: string;
  status?: string;
  /** Subtree of a unit already resolved inside the caller's scope. */
  unitPath?: string;
  regionCode?: string;
  focus?: boolean;
  isCii?: boolean;
};
export type EntitySort = { field: 'name' | 'uscc' | 'createdAt' | 'updatedAt'; dir: 'asc' | 'desc' };
export type Page = { limit: number; offset: number };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The search box, each branch backed by an index: a full USCC (equality); letters and digits
 * (USCC prefix, 14-digit filing number, name prefix); a hostname (sites, prefix); anything else a
 * name substring, narrowed by the bigram index (migration 0012) and rechecked with LIKE.
 */
function searchWhere(q: string): Expression<SqlBool> {
  const raw = q.trim();
  const upper = raw.toUpperCase();
  if (/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(upper)) return sql<SqlBool>`entities.uscc = ${upper}`;
  if (/^[a-z0-9-]+(\.[a-z0-9-]*)+$/i.test(raw)) {
    const host = escapeLike(raw.toLowerCase());
    return sql<SqlBool>`entities.id in (select s.entity_id from entity_sites s where s.hostname like ${`${host}%`} or s.hostname like ${`www.${host}%`})`;
  }
  const lower = raw.toLowerCase();
  const like = sql<SqlBool>`lower(entities.name) like ${`%${escapeLike(lower)}%`}`;
  const nameMatch = [...lower].length >= 2 ? sql<SqlBool>`(registry_bigrams(entities.name) @> registry_bigrams(${raw}) and ${like})` : like;
  if (/^[0-9a-z]{4,17}$/i.test(raw)) {
    const parts = [sql<SqlBool>`entities.uscc like ${`${escapeLike(upper)}%`}`, nameMatch];
    if (/^\d{14}$/.test(raw)) parts.push(sql<SqlBool>`entities.psb_filing_number = ${raw}`);
    return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
  }
  return nameMatch;
}

/**
 * A column fixed by an equality filter that leads the list's order (migration 0062): the filter is
 * written `= any(array[…])` and the column goes first in ORDER BY. Plain `=` would let the planner
 * drop the constant column from the order and walk entities_updated_sort instead, which after a bulk
 * import of other rows filters tens of thousands of rows before it finds a page.
 */
type OrderLead = 'type' | 'status' | null;

function orderLead(filter: EntityListFilter, sort: EntitySort): OrderLead {
  if (sort.field !== 'updatedAt' || filter.serviceType || filter.focus === true) return null; // partial indexes serve these
  if (filter.type) return 'type';
  if (filter.status) return 'status';
  return null;
}

const serviceTypes: readonly string[] = ZServiceType.options;

function filtered(db: DbOrTx, scope: Scope, filter: EntityListFilter, lead: OrderLead = null) {
  let q = db.selectFrom('entities').where(scopeWhere('entities', scope));
  if (filter.unitPath) q = q.where('entities.unitPath', 'like', `${filter.unitPath}%`);
  if (filter.kind) q = q.where('entities.kind', '=', filter.kind);
  if (filter.type) q = lead === 'type' ? q.where(sql<SqlBool>`entities.type = any(array[${filter.type}]::text[])`) : q.where('entities.type', '=', filter.type);
  if (filter.status) q = lead === 'status' ? q.where(sql<SqlBool>`entities.status = any(array[${filter.status}]::text[])`) : q.where('entities.status', '=', filter.status);
  if (filter.regionCode) q = q.where('entities.regionCode', 'like', `${filter.regionCode}%`);
  if (filter.serviceType) {
    // A known service type is inlined (it is one of a closed set) so the planner can prove the
    // partial index entities_service_<type>_updated (migration 0062) applies; anything else is a parameter.
    const type = filter.serviceType;
    q = q.where(serviceTypes.includes(type)
      ? sql<SqlBool>`entities.service_types @> array[${sql.lit(type)}]::text[]`
      : sql<SqlBool>`entities.service_types @> array[${type}]::text[]`);
  }
  if (filter.focus === true) q = q.where(sql<SqlBool>`cardinality(entities.focus_reasons) > 0`);
  if (filter.focus === false) q = q.where(sql<SqlBool>`coalesce(cardinality(entities.focus_reasons), 0) = 0`);
  if (filter.isCii !== undefined) q = q.where('entities.isCii', '=', filter.isCii);
  if (filter.q) q = q.where(searchWhere(filter.q));
  return q;
}

/** Counts up to this many matches exactly; beyond it the planner's estimate is returned. */
export const EXACT_COUNT_LIMIT = 10_000;
/** A filter the planner expects to match this many times the cap or more is not counted at all. */
export const ESTIMATE_SKIP_FACTOR = 5;

/**
 * A page of entities and the total. An exact count over a million rows costs a scan of the
 * scope's index on every page turn; past EXACT_COUNT_LIMIT nobody pages through the list (they
 * filter), so the total is the planner's estimate and flagged as such. The estimate comes first
 * (planning only, no execution): where it is far past the cap, even the capped count is skipped —
 * counting 10 001 rows of a broad filter (a service type across a province) costs more than the
 * page itself. Otherwise the capped count decides, run beside the page.
 */
export async function listInScope(db: DbOrTx, scope: Scope, filter: EntityListFilter, page: Page, sort: EntitySort, exactCountLimit = EXACT_COUNT_LIMIT): Promise<{ rows: EntityRow[]; total: number; totalEstimated: boolean }> {
  const lead = orderLead(filter, sort);
  const base = filtered(db, scope, filter, lead);
  const estimateThenCount = async () => {
    const estimate = planRows((await base.select(sql<number>`1`.as('one')).explain('json'))[0]);
    if (estimate >= exactCountLimit * ESTIMATE_SKIP_FACTOR) return { estimate, capped: null };
    const capped = await db.selectFrom(base.select(sql<number>`1`.as('one')).limit(exactCountLimit + 1).as('matches'))
      .select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    return { estimate, capped: capped.n };
  };
  // The page and the estimate-then-count run side by side (two pool connections on PostgreSQL).
  const [rows, { estimate, capped }] = await Promise.all([
    (lead ? base.orderBy(`entities.${lead}`, sort.dir) : base).selectAll('entities').orderBy(`entities.${sort.field}`, sort.dir).orderBy('entities.id', sort.dir).limit(page.limit).offset(page.offset).execute(),
    estimateThenCount(),
  ]);
  // A short first page is the whole result.
  if (page.offset === 0 && rows.length < page.limit) return { rows, total: rows.length, totalEstimated: false };
  if (capped !== null && capped <= exactCountLimit) return { rows, total: capped, totalEstimated: false };
  return { rows, total: Math.max(exactCountLimit + 1, estimate), totalEstimated: true };
}

/** "Plan Rows" of an EXPLAIN (FORMAT JSON) result row, whatever the driver named its column. */
function planRows(row: Record<string, unknown> | undefined): number {
  const value = row ? Object.values(row)[0] : undefined;
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  const top = Array.isArray(parsed) ? (parsed[0] as { Plan?: { 'Plan Rows'?: unknown } } | undefined) : undefined;
  const n = top?.Plan?.['Plan Rows'];
  return typeof n === 'number' ? Math.round(n) : 0;
}

export function countInScope(db: DbOrTx, scope: Scope, filter: EntityListFilter): Promise<number> {
  return filtered(db, scope, filter).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow().then((r) => r.n);
}

/** Keyset pages in id order: export walks a million rows without OFFSET or a long transaction. */
export async function* iterateInScope(db: DbOrTx, scope: Scope, filter: EntityListFilter, batchSize = 1000): AsyncGenerator<EntityRow[]> {
  let after: string | null = null;
  for (;;) {
    let q = filtered(db, scope, filter).selectAll('entities');
    if (after) q = q.where('entities.id', '>', after);
    const rows = await q.orderBy('entities.id').limit(batchSize).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]!.id;
  }
}

export function findInScope(db: DbOrTx, scope: Scope, id: string): Promise<EntityRow | undefined> {
  return db.selectFrom('entities').selectAll().where('id', '=', id).where(scopeWhere('entities', scope)).executeTakeFirst();
}

export function findInScopeForUpdate(trx: Tx, scope: Scope, id: string): Promise<EntityRow | undefined> {
  return trx.selectFrom('entities').selectAll().where('id', '=', id).where(scopeWhere('entities', scope)).forUpdate().executeTakeFirst();
}

export function findByUsccInScope(db: DbOrTx, scope: Scope, uscc: string): Promise<EntityRow | undefined> {
  return db.selectFrom('entities').selectAll().where('uscc', '=', uscc).where(scopeWhere('entities', scope)).executeTakeFirst();
}

/**
 * Which of these USCCs are registered anywhere. Unscoped on purpose: a USCC is unique
 * nationwide, and a duplicate must be refused even when another unit holds it.
 */
export async function existingUsccs(db: DbOrTx, usccs: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < usccs.length; i += 5000) {
    const chunk = usccs.slice(i, i + 5000);
    if (chunk.length === 0) continue;
    // One array parameter, not thousands: PGlite parses long parameter lists slowly.
    const rows = await db.selectFrom('entities').select('uscc').where(sql<SqlBool>`uscc = any(${chunk}::text[])`).execute();
    for (const r of rows) out.add(r.uscc);
  }
  return out;
}

export function insert(trx: Tx, values: NewEntityRow): Promise<EntityRow> {
  return trx.insertInto('entities').values({ ...values, people: JSON.stringify(values.people) }).returningAll().executeTakeFirstOrThrow();
}

/** Multi-row inserts in chunks (bulk import, demo seed); returns id and USCC of each row. */
export async function insertMany(trx: Tx, rows: readonly NewEntityRow[], chunkSize = 1000): Promise<{ id: string; uscc: string }[]> {
  const out: { id: string; uscc: string }[] = [];
  for (let i = 0; i < rows.length; i += chunkSize) {
    const chunk = rows.slice(i, i + chunkSize).map((r) => ({ ...r, people: JSON.stringify(r.people) }));
    out.push(...(await trx.insertInto('entities').values(chunk).returning(['id', 'uscc']).execute()));
  }
  return out;
}

/** Updates an entity and bumps its version; `expectedVersion` guards against a lost update. */
export function update(trx: Tx, id: string, changes: Updateable<EntitiesTable>, expectedVersion?: number): Promise<EntityRow | undefined> {
  const set = { ...changes, updatedAt: new Date() } as Updateable<EntitiesTable>;
  if (changes.people !== undefined) set.people = JSON.stringify(changes.people);
  let q = trx.updateTable('entities').set(set).set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', id);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  return q.returningAll().executeTakeFirst();
}

/** Recomputes the denormalised service types after a service changed. */
export async function refreshServiceTypes(trx: Tx, entityId: string): Promise<void> {
  await trx.updateTable('entities')
    .set({ serviceTypes: sql<string[]>`coalesce((select array_agg(distinct s.type order by s.type) from entity_services s where s.entity_id = ${entityId} and s.end_date is null), '{}')` })
    .where('id', '=', entityId)
    .execute();
}

/** For the rules module: stores the computed focus reasons (null = not evaluated). */
export async function setFocusReasons(trx: Tx, entityId: string, reasons: string[] | null): Promise<void> {
  await trx.updateTable('entities').set({ focusReasons: reasons }).where('id', '=', entityId).execute();
}

/** Counts for the registry dashboard: by status, type, focus and level-3+ MLPS systems. */
export async function summaryInScope(db: DbOrTx, scope: Scope) {
  const [byStatus, byType, focus, mlps] = await Promise.all([
    db.selectFrom('entities').where(scopeWhere('entities', scope)).select(['status', sql<number>`count(*)::int`.as('n')]).groupBy('status').execute(),
    db.selectFrom('entities').where(scopeWhere('entities', scope)).select(['type', sql<number>`count(*)::int`.as('n')]).groupBy('type').execute(),
    db.selectFrom('entities').where(scopeWhere('entities', scope)).where(sql<SqlBool>`cardinality(entities.focus_reasons) > 0`).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('entityMlpsSystems').where(scopeWhere('entityMlpsSystems', scope))
      .select([sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) filter (where level >= 3))::int`.as('level3Plus'), sql<number>`(count(*) filter (where level >= 3 and status in ('filed', 'evaluated')))::int`.as('level3PlusFiled')])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    byStatus: Object.fromEntries(byStatus.map((r) => [r.status, r.n])) as Record<string, number>,
    byType: Object.fromEntries(byType.map((r) => [r.type, r.n])) as Record<string, number>,
    focus: focus.n,
    mlps,
  };
}

/**
 * What the focus-criteria evaluators need about one entity (rules/facts.ts), built from the
 * registry records; undefined when the entity is out of scope.
 */
export async function loadEntityFacts(db: DbOrTx, scope: Scope, entityId: string): Promise<EntityFacts | undefined> {
  const entity = await findInScope(db, scope, entityId);
  if (!entity) return undefined;
  const [services, mlps, history] = await Promise.all([
    db.selectFrom('entityServices').selectAll().where('entityId', '=', entityId).orderBy('startDate').execute(),
    db.selectFrom('entityMlpsSystems').select(['level', 'filedOn']).where('entityId', '=', entityId).execute(),
    db.selectFrom('entityHistory').selectAll().where('entityId', '=', entityId).orderBy('occurredOn').execute(),
  ]);
  const facts: EntityFacts = {
    entityKind: entity.kind as EntityFacts['entityKind'],
    services: services.map((s) => {
      const attrs = s.attributes;
      return {
        id: s.id,
        type: s.type as EntityFacts['services'][number]['type'],
        startDate: s.startDate,
        endDate: s.endDate,
        ...(typeof attrs.usesNat === 'boolean' ? { usesNat: attrs.usesNat } : {}),
        ...(Array.isArray(attrs.icpFeatures) ? { icpFeatures: attrs.icpFeatures as NonNullable<EntityFacts['services'][number]['icpFeatures']> } : {}),
      };
    }),
    providesPublicInfoService: entity.providesPublicInfoService,
    isCii: entity.isCii,
    isCounterTerrorTarget: entity.isCounterTerrorTarget,
    mlpsSystems: mlps.map((m) => ({ level: m.level, filedAt: m.filedOn })),
    incidents: history.filter((h) => h.kind === 'incident').map((h) => ({ id: h.id, date: h.occurredOn, status: (h.status ?? 'reported') as EntityFacts['incidents'][number]['status'] })),
    cases: history.filter((h) => h.kind === 'case').map((h) => ({ id: h.id, date: h.occurredOn })),
    penalties: history.filter((h) => h.kind === 'penalty').map((h) => ({
      id: h.id, date: h.occurredOn,
      authority: (h.authority ?? 'other') as EntityFacts['penalties'][number]['authority'],
      category: (h.category === 'cybersecurityDuty' ? 'cybersecurityDuty' : 'other') as EntityFacts['penalties'][number]['category'],
    })),
  };
  return facts;
}
