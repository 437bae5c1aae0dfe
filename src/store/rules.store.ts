import { sql, type Insertable, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { UnitScope } from '../domain/access';
import type { EntityFacts, ServiceFact } from '../rules/facts';
import type { DbOrTx, Tx } from './db';
import type { EntitiesTable, EntityHistoryTable, EntityServicesTable } from './tables/registry';
import type { RuleSetVersionsTable } from './tables/rules';

export type RuleSetVersionRow = Selectable<RuleSetVersionsTable>;
export type RuleSetVersionHead = Omit<RuleSetVersionRow, 'content'>;

const headColumns = [
  'id', 'ruleSetId', 'version', 'contentHash', 'effectiveFrom', 'effectiveTo', 'status', 'source',
  'importedBy', 'importedByName', 'importedAt',
] as const;

// ---------------------------------------------------------------------------------------------
// Rule-set versions: national reference data, the same for every unit (no scope).
// ---------------------------------------------------------------------------------------------

/** Every version without its content, by set id then effective date and version. */
export function listVersionHeads(db: DbOrTx): Promise<RuleSetVersionHead[]> {
  return db.selectFrom('ruleSetVersions').select(headColumns).orderBy('ruleSetId').orderBy('effectiveFrom').orderBy('version').execute();
}

/** Full rows (with content) for these ids. */
export function findVersionsByIds(db: DbOrTx, ids: readonly string[]): Promise<RuleSetVersionRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('ruleSetVersions').selectAll().where('id', 'in', [...ids]).execute();
}

export function findVersion(db: DbOrTx, ruleSetId: string, version: string): Promise<RuleSetVersionHead | undefined> {
  return db.selectFrom('ruleSetVersions').select(headColumns).where('ruleSetId', '=', ruleSetId).where('version', '=', version).executeTakeFirst();
}

export function findVersionByHash(db: DbOrTx, ruleSetId: string, contentHash: string): Promise<RuleSetVersionHead | undefined> {
  return db.selectFrom('ruleSetVersions').select(headColumns).where('ruleSetId', '=', ruleSetId).where('contentHash', '=', contentHash).executeTakeFirst();
}

export function countVersions(db: DbOrTx): Promise<number> {
  return db.selectFrom('ruleSetVersions').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow().then((r) => r.n);
}

/**
 * Inserts a version unless its (set, version) or (set, content hash) is taken; undefined then.
 * ON CONFLICT keeps concurrent start-ups (server and workers) from failing each other.
 */
export function insertVersionIfNew(trx: Tx, values: Insertable<RuleSetVersionsTable>): Promise<RuleSetVersionHead | undefined> {
  return trx
    .insertInto('ruleSetVersions')
    .values({ ...values, content: JSON.stringify(values.content) })
    .onConflict((oc) => oc.doNothing())
    .returning(headColumns)
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Entity facts in batches (focus lists). Single entities use registry.store's loadEntityFacts;
// `factsFromRows` maps the rows the same way.
// ---------------------------------------------------------------------------------------------

export type FocusEntityRow = Pick<
  Selectable<EntitiesTable>,
  'id' | 'name' | 'uscc' | 'unitId' | 'unitPath' | 'kind' | 'type' | 'status' | 'regionCode' | 'focusReasons'
>;

const entityColumns = ['id', 'name', 'uscc', 'unitId', 'unitPath', 'kind', 'type', 'status', 'regionCode', 'focusReasons'] as const;

/**
 * What can make an entity a focus entity, as SQL: a service started on or after a day, a
 * history record of a kind (and statuses, authority, category) on or after a day (null: any
 * day). Built by the domain from the focus criteria in force; the exact test runs in rules.
 */
export type FocusCandidateFilter = {
  servicesSince: string[];
  history: { kinds: ('incident' | 'case' | 'penalty')[]; since: string | null; statuses?: string[]; authorities?: string[]; categories?: string[] }[];
};

function candidateWhere(filter: FocusCandidateFilter, asOf: string) {
  const parts: RawBuilder<SqlBool>[] = [];
  for (const since of filter.servicesSince) {
    parts.push(sql<SqlBool>`exists (select 1 from entity_services s where s.entity_id = entities.id and s.start_date >= ${since} and s.start_date <= ${asOf})`);
  }
  for (const h of filter.history) {
    const conds = [sql`h.entity_id = entities.id`, sql`h.occurred_on <= ${asOf}`, sql`h.kind in (${sql.join(h.kinds)})`];
    if (h.since !== null) conds.push(sql`h.occurred_on >= ${h.since}`);
    // statuses apply to incidents only; cases and penalties have none
    if (h.statuses) conds.push(sql`(h.kind <> 'incident' or h.status in (${sql.join(h.statuses)}))`);
    if (h.authorities) conds.push(sql`h.authority in (${sql.join(h.authorities)})`);
    if (h.categories) {
      const named = h.categories.filter((c) => c !== 'other');
      // 'other' is every category that is not one of the named ones (registry mapping)
      conds.push(h.categories.includes('other') ? sql`true` : sql`h.category in (${sql.join(named)})`);
    }
    parts.push(sql<SqlBool>`exists (select 1 from entity_history h where ${sql.join(conds, sql` and `)})`);
  }
  return parts.length === 0 ? sql<SqlBool>`false` : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/**
 * Entities of a subtree (inside the scope) that may meet a focus criterion on `asOf`, in id
 * order after `afterId`. Closed entities are not inspected and never listed.
 */
export function focusCandidates(
  db: DbOrTx,
  scope: UnitScope,
  subtreePath: string,
  filter: FocusCandidateFilter,
  asOf: string,
  page: { afterId: string | null; limit: number },
): Promise<FocusEntityRow[]> {
  let q = db
    .selectFrom('entities')
    .select(entityColumns)
    .where('unitPath', 'like', `${scope.unitPath}%`)
    .where('unitPath', 'like', `${subtreePath}%`)
    .where('status', '<>', 'closed')
    .where(candidateWhere(filter, asOf));
  if (page.afterId) q = q.where('id', '>', page.afterId);
  return q.orderBy('id').limit(page.limit).execute();
}

/** Entities of the subtree in scope that are not closed. */
export function countEntities(db: DbOrTx, scope: UnitScope, subtreePath: string): Promise<number> {
  return db
    .selectFrom('entities')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('unitPath', 'like', `${scope.unitPath}%`)
    .where('unitPath', 'like', `${subtreePath}%`)
    .where('status', '<>', 'closed')
    .executeTakeFirstOrThrow()
    .then((r) => r.n);
}

/** Facts of several entities already read in scope (their ids), keyed by entity id. */
export async function loadFactsBatch(db: DbOrTx, scope: UnitScope, entityIds: readonly string[]): Promise<Map<string, EntityFacts>> {
  const out = new Map<string, EntityFacts>();
  if (entityIds.length === 0) return out;
  const ids = [...entityIds];
  const like = `${scope.unitPath}%`;
  const [entities, services, mlps, history] = await Promise.all([
    db.selectFrom('entities').selectAll().where('id', 'in', ids).where('unitPath', 'like', like).execute(),
    db.selectFrom('entityServices').selectAll().where('entityId', 'in', ids).where('unitPath', 'like', like).orderBy('startDate').execute(),
    db.selectFrom('entityMlpsSystems').select(['entityId', 'level', 'filedOn']).where('entityId', 'in', ids).where('unitPath', 'like', like).execute(),
    db.selectFrom('entityHistory').selectAll().where('entityId', 'in', ids).where('unitPath', 'like', like).orderBy('occurredOn').execute(),
  ]);
  const group = <T extends { entityId: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.entityId, [...(m.get(r.entityId) ?? []), r]);
    return m;
  };
  const byService = group(services);
  const byMlps = group(mlps);
  const byHistory = group(history);
  for (const e of entities) {
    out.set(e.id, factsFromRows(e, byService.get(e.id) ?? [], byMlps.get(e.id) ?? [], byHistory.get(e.id) ?? []));
  }
  return out;
}

/** Registry rows → EntityFacts; the same mapping as registry.store's loadEntityFacts. */
export function factsFromRows(
  entity: Pick<Selectable<EntitiesTable>, 'kind' | 'providesPublicInfoService' | 'isCii' | 'isCounterTerrorTarget'>,
  services: readonly Selectable<EntityServicesTable>[],
  mlps: readonly { level: number; filedOn: string | null }[],
  history: readonly Selectable<EntityHistoryTable>[],
): EntityFacts {
  return {
    entityKind: entity.kind as EntityFacts['entityKind'],
    services: services.map((s): ServiceFact => {
      const attrs = s.attributes;
      return {
        id: s.id,
        type: s.type as ServiceFact['type'],
        startDate: s.startDate,
        endDate: s.endDate,
        ...(typeof attrs.usesNat === 'boolean' ? { usesNat: attrs.usesNat } : {}),
        ...(Array.isArray(attrs.icpFeatures) ? { icpFeatures: attrs.icpFeatures as NonNullable<ServiceFact['icpFeatures']> } : {}),
      };
    }),
    providesPublicInfoService: entity.providesPublicInfoService,
    isCii: entity.isCii,
    isCounterTerrorTarget: entity.isCounterTerrorTarget,
    mlpsSystems: mlps.map((m) => ({ level: m.level, filedAt: m.filedOn })),
    incidents: history
      .filter((h) => h.kind === 'incident')
      .map((h) => ({ id: h.id, date: h.occurredOn, status: (h.status ?? 'reported') as EntityFacts['incidents'][number]['status'] })),
    cases: history.filter((h) => h.kind === 'case').map((h) => ({ id: h.id, date: h.occurredOn })),
    penalties: history
      .filter((h) => h.kind === 'penalty')
      .map((h) => ({
        id: h.id,
        date: h.occurredOn,
        authority: (h.authority ?? 'other') as EntityFacts['penalties'][number]['authority'],
        category: h.category === 'cybersecurityDuty' ? 'cybersecurityDuty' : 'other',
      })),
  };
}

/** The registry records a focus flag points at (its triggers), for "why this entity". */
export async function triggerRecords(db: DbOrTx, entityId: string, ids: { services: string[]; history: string[] }) {
  const [services, history] = await Promise.all([
    ids.services.length === 0 ? [] : db.selectFrom('entityServices').select(['id', 'type', 'startDate', 'endDate']).where('entityId', '=', entityId).where('id', 'in', ids.services).execute(),
    ids.history.length === 0
      ? []
      : db.selectFrom('entityHistory')
        .select(['id', 'kind', 'occurredOn', 'category', 'severity', 'status', 'caseKind', 'authority', 'decisionNumber', 'description'])
        .where('entityId', '=', entityId).where('id', 'in', ids.history).execute(),
  ]);
  return { services, history };
}

/**
 * Writes computed focus reasons (criterion ids) into the registry's entities.focus_reasons, one
 * statement per distinct reason list, and clears stale ones in the subtree. The column is the
 * rules module's by contract (0010_registry_entities.sql); updated_at and version stay: the
 * entity itself did not change. Returns the number of rows changed.
 */
export async function writeFocusReasons(
  trx: Tx,
  scope: UnitScope,
  subtreePath: string,
  reasonsById: ReadonlyMap<string, string[]>,
): Promise<number> {
  const like = `${scope.unitPath}%`;
  const sub = `${subtreePath}%`;
  let changed = 0;
  const byList = new Map<string, string[]>();
  for (const [id, reasons] of reasonsById) {
    const key = reasons.join(',');
    byList.set(key, [...(byList.get(key) ?? []), id]);
  }
  for (const [key, ids] of byList) {
    const reasons = key === '' ? [] : key.split(',');
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      const r = await trx
        .updateTable('entities')
        .set({ focusReasons: sql<string[]>`${reasons}::text[]` })
        .where('id', 'in', chunk)
        .where('unitPath', 'like', like)
        .where(sql<SqlBool>`focus_reasons is distinct from ${reasons}::text[]`)
        .executeTakeFirst();
      changed += Number(r.numUpdatedRows);
    }
  }
  // Everyone else in the subtree is evaluated and has no reason (closed entities included).
  const flagged = [...reasonsById.keys()];
  let clear = trx
    .updateTable('entities')
    .set({ focusReasons: sql<string[]>`'{}'::text[]` })
    .where('unitPath', 'like', like)
    .where('unitPath', 'like', sub)
    .where(sql<SqlBool>`(focus_reasons is null or cardinality(focus_reasons) > 0)`);
  if (flagged.length > 0) clear = clear.where(sql<SqlBool>`not (id = any(${flagged}::uuid[]))`);
  const r = await clear.executeTakeFirst();
  return changed + Number(r.numUpdatedRows);
}
