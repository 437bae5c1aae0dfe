// Statistics roll-ups (domain.md §6): read-only aggregate queries over a unit subtree. Each is a
// single GROUP BY (or a handful of scalar counts) filtered by `unit_path LIKE prefix%` on the
// indexed copy of the responsible unit's path, so a province roll-up never walks the unit tree.
import { sql, type RawBuilder } from 'kysely';
import type { UnitScope } from '../domain/access';
import type { Db, DbOrTx } from './db';
import { overdueCondition } from './rectification.store';

/** A reporting window: calendar days (inclusive) and the matching Shanghai instants [start, end). */
export type StatsWindow = { from: string; to: string; start: Date; end: Date };

/** Penalty states from the decision on: only these are penalties imposed (proposals are not). */
export const DECIDED_PENALTY_STATUSES = ['decided', 'served', 'executed', 'challenged', 'closed'] as const;
const decided = sql.join(DECIDED_PENALTY_STATUSES.map((s) => sql.lit(s)));

const subtree = (scope: UnitScope) => `${scope.unitPath}%`;

async function rows<T>(db: DbOrTx, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

export type EntityCountRow = { type: string; regionCode: string; status: string; focusReasons: string[]; n: number };

/**
 * Entities of the subtree counted by (type, region code, status, focus reasons): the sum of the
 * deltas the entities triggers keep (migration 0060), a few hundred rows however many entities.
 * Each entity counts once (家); callers roll the rows up by whichever column they need.
 */
export function entityCounts(db: DbOrTx, scope: UnitScope): Promise<EntityCountRow[]> {
  return rows(db, sql<EntityCountRow>`
    select type, region_code as "regionCode", status, focus_reasons as "focusReasons", sum(n)::int as n
    from stats_entity_deltas
    where unit_path like ${subtree(scope)}
    group by type, region_code, status, focus_reasons
    having sum(n) <> 0`);
}

/** Folding the deltas back happens once this many rows have been appended since the last fold. */
export const DELTA_BACKLOG = 2000;

/** The delta tables (migrations 0060, 0061) and the columns that key their rows. */
const deltaTables = {
  stats_entity_deltas: ['unit_path', 'type', 'region_code', 'status', 'focus_reasons'],
  stats_site_grade_deltas: ['unit_path', 'bucket'],
} as const;

/**
 * Folds each delta table back to one row per key once enough rows have piled up. One statement
 * deletes and re-inserts them (rows of transactions still running are not visible to it and stay;
 * readers see before or after); an advisory lock keeps two folds of a table from overlapping.
 * Returns the tables it folded.
 */
export async function compactRollups(db: Db, minBacklog = DELTA_BACKLOG): Promise<string[]> {
  const folded: string[] = [];
  for (const [table, keys] of Object.entries(deltaTables)) {
    const backlog = await rows(db, sql<{ n: number }>`select count(*)::int as n from (select 1 from ${sql.table(table)} where not compacted limit ${minBacklog}) b`);
    if ((backlog[0]?.n ?? 0) < minBacklog) continue;
    const cols = sql.join(keys.map((k) => sql.ref(k)));
    const done = await db.transaction().execute(async (trx) => {
      const lock = await rows(trx, sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(hashtext(${table})) as ok`);
      if (!lock[0]?.ok) return false;
      await sql`
        with moved as (delete from ${sql.table(table)} returning ${cols}, n)
        insert into ${sql.table(table)} (${cols}, n, compacted)
        select ${cols}, sum(n), true from moved group by ${cols} having sum(n) <> 0`.execute(trx);
      return true;
    });
    if (done) folded.push(table);
  }
  return folded;
}

/** Graded systems of level 3 and above that are filed (filed or evaluated), by level. */
export function mlpsLevel3PlusFiled(db: DbOrTx, scope: UnitScope, asOf: string): Promise<{ level: number; n: number }[]> {
  return rows(db, sql<{ level: number; n: number }>`
    select level, count(*)::int as n
    from entity_mlps_systems
    where unit_path like ${subtree(scope)} and level >= 3 and status in ('filed', 'evaluated')
      and (filed_on is null or filed_on <= ${asOf})
    group by level order by level`);
}

/**
 * Inspections (家次) by status in one pass: `scheduled` = scheduled in the window, `started` =
 * started in it (the report's supervision visits). Cancelled ones never took place.
 */
export function inspectionRollup(db: DbOrTx, scope: UnitScope, w: StatsWindow): Promise<{ status: string; scheduled: number; started: number }[]> {
  return rows(db, sql<{ status: string; scheduled: number; started: number }>`
    select status,
           (count(*) filter (where scheduled_on between ${w.from} and ${w.to}))::int as scheduled,
           (count(*) filter (where started_at >= ${w.start} and started_at < ${w.end}))::int as started
    from inspections
    where unit_path like ${subtree(scope)} and status <> 'cancelled'
      and (scheduled_on between ${w.from} and ${w.to} or (started_at >= ${w.start} and started_at < ${w.end}))
    group by status`);
}

export type FindingRollupRow = { severity: string | null; category: string | null; bySeverity: number; byCategory: number; n: number };

/** Findings confirmed in the window by severity and by category (violation, risk, hazard). */
export function findingRollup(db: DbOrTx, scope: UnitScope, w: StatsWindow): Promise<FindingRollupRow[]> {
  return rows(db, sql<FindingRollupRow>`
    select severity, category, (1 - grouping(severity))::int as "bySeverity", (1 - grouping(category))::int as "byCategory", count(*)::int as n
    from findings
    where unit_path like ${subtree(scope)} and created_at >= ${w.start} and created_at < ${w.end}
    group by grouping sets ((severity), (category), ())`);
}

export type OverdueNoticeRow = {
  id: string;
  docNumber: string;
  deadline: string;
  inspectionId: string;
  entityId: string;
  entityName: string;
  unitId: string;
  unitName: string;
};

/**
 * Rectification notices past their deadline with nothing reported (the inspections module's
 * definition, shared so the drill-down list shows the same rows): count and the oldest first.
 */
export async function overdueNotices(db: DbOrTx, scope: UnitScope, today: string, limit: number): Promise<{ count: number; top: OverdueNoticeRow[] }> {
  const base = db.selectFrom('rectificationNotices').where('rectificationNotices.unitPath', 'like', subtree(scope)).where(overdueCondition(today));
  const [count, top] = await Promise.all([
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    base
      .innerJoin('entities', 'entities.id', 'rectificationNotices.entityId')
      .innerJoin('units', 'units.id', 'rectificationNotices.unitId')
      .select([
        'rectificationNotices.id', 'rectificationNotices.docNumber', 'rectificationNotices.deadline', 'rectificationNotices.inspectionId',
        'rectificationNotices.entityId', 'entities.name as entityName', 'rectificationNotices.unitId', 'units.name as unitName',
      ])
      .orderBy('rectificationNotices.deadline', 'asc')
      .orderBy('rectificationNotices.id')
      .limit(limit)
      .execute(),
  ]);
  return { count: count.n, top };
}

/**
 * Sites by the grade of their latest completed scan task: the letter family (A+/A/A- → A), or
 * the site status when the site gave no grade (unreachable, zombie); a reviewed re-grade counts.
 * Summed from the per-unit bucket deltas kept by the triggers of migrations 0060 and 0061.
 */
export function scanGradeDistribution(db: DbOrTx, scope: UnitScope): Promise<{ bucket: string; n: number }[]> {
  return rows(db, sql<{ bucket: string; n: number }>`
    select bucket, sum(n)::int as n
    from stats_site_grade_deltas
    where unit_path like ${subtree(scope)}
    group by bucket
    having sum(n) <> 0`);
}

export type PenaltyRollup = { total: number; entities: number; fineYuan: number; personFineYuan: number; byMeasure: { measure: string; n: number }[] };

/**
 * Penalties decided in the window by measure ('fine' when an amount was imposed on the entity or
 * a person), how many, on how many entities, and the fines in yuan.
 */
export async function penaltyRollup(db: DbOrTx, scope: UnitScope, w: StatsWindow): Promise<PenaltyRollup> {
  const inWindow = sql`unit_path like ${subtree(scope)} and status in (${decided}) and decided_at >= ${w.start} and decided_at < ${w.end}`;
  const [totals, byMeasure] = await Promise.all([
    rows(db, sql<Omit<PenaltyRollup, 'byMeasure'>>`
      select count(*)::int as total, count(distinct entity_id)::int as entities,
             coalesce(sum(fine_amount), 0)::numeric as "fineYuan",
             coalesce(sum((select sum((x ->> 'amount')::numeric) from jsonb_array_elements(person_fines) x)), 0)::numeric as "personFineYuan"
      from penalties where ${inWindow}`),
    rows(db, sql<{ measure: string; n: number }>`
      select measure, count(*)::int as n from (
        select m as measure from penalties, unnest(measures) m where ${inWindow}
        union all
        select 'fine' from penalties where ${inWindow} and (fine_amount is not null or jsonb_array_length(person_fines) > 0)
      ) x group by measure`),
  ]);
  const t = totals[0] ?? { total: 0, entities: 0, fineYuan: 0, personFineYuan: 0 };
  return { ...t, byMeasure };
}

export type ReportCounts = {
  cluesTransferred: number;
  supervisionVisits: number;
  risksFound: number;
  issuesFound: number;
  rectificationNotices: number;
  entitiesTalked: number;
  warnings: number;
  entitiesPenalised: number;
  sitesSuspended: number;
  overdueRectifications: number;
  focusEntities: number;
  mlpsLevel3PlusFiled: number;
  incidents: number;
  /** Distinct sites over every task of the window: only the report asks (see scanWindowCounts). */
  sitesRemotelyChecked?: number;
  zombieSites?: number;
};

type CountKey = Exclude<keyof ReportCounts, 'sitesRemotelyChecked' | 'zombieSites'>;

/**
 * The standard report's countable metrics (domain.md §6.1, §6.6) in one round trip: events in the
 * window (家次), distinct entities where the report says 家, and a few current figures (overdue
 * today, focus entities, level-3+ systems filed by the window's end). `only` limits the round trip
 * to the figures a caller has not computed otherwise (the dashboard).
 */
export async function reportCounts<K extends CountKey = CountKey>(db: DbOrTx, scope: UnitScope, w: StatsWindow, today: string, only?: readonly K[]): Promise<Pick<ReportCounts, K>> {
  const p = subtree(scope);
  const inWindow = (column: string) => sql`${sql.ref(column)} >= ${w.start} and ${sql.ref(column)} < ${w.end}`;
  const decidedInWindow = sql`unit_path like ${p} and status in (${decided}) and ${inWindow('decided_at')}`;
  const counts: Record<CountKey, RawBuilder<unknown>> = {
    cluesTransferred: sql`select count(*) from case_clues where unit_path like ${p} and status in ('sent', 'acknowledged') and ${inWindow('sent_at')}`,
    supervisionVisits: sql`select count(*) from inspections where unit_path like ${p} and status <> 'cancelled' and ${inWindow('started_at')}`,
    risksFound: sql`select count(*) from findings where unit_path like ${p} and category in ('securityRisk', 'hiddenDanger') and ${inWindow('created_at')}`,
    issuesFound: sql`select count(*) from findings where unit_path like ${p} and ${inWindow('created_at')}`,
    rectificationNotices: sql`select count(*) from rectification_notices where unit_path like ${p} and ${inWindow('issued_at')}`,
    entitiesTalked: sql`select count(distinct entity_id) from warning_talks where unit_path like ${p} and ${inWindow('held_at')}`,
    warnings: sql`select count(*) from penalties where ${decidedInWindow} and 'warning' = any(measures)`,
    entitiesPenalised: sql`select count(distinct entity_id) from penalties where ${decidedInWindow}`,
    sitesSuspended: sql`select count(*) from penalties where ${decidedInWindow} and measures && array['suspension', 'siteClosure', 'disconnection']`,
    overdueRectifications: sql`select count(*) from rectification_notices where unit_path like ${p} and ${overdueCondition(today)}`,
    focusEntities: sql`select coalesce(sum(n), 0) from stats_entity_deltas where unit_path like ${p} and cardinality(focus_reasons) > 0`,
    mlpsLevel3PlusFiled: sql`select count(*) from entity_mlps_systems where unit_path like ${p} and level >= 3 and status in ('filed', 'evaluated') and (filed_on is null or filed_on <= ${w.to})`,
    incidents: sql`select count(*) from entity_history where unit_path like ${p} and kind = 'incident' and status = 'confirmed' and occurred_on between ${w.from} and ${w.to}`,
  };
  const keys = (only ?? (Object.keys(counts) as K[])) as K[];
  if (keys.length === 0) return {} as Pick<ReportCounts, K>;
  const [row] = await rows(db, sql<Pick<ReportCounts, K>>`select ${sql.join(keys.map((k) => sql`(${counts[k]})::int as ${sql.ref(k)}`))}`);
  if (!row) throw new Error('report counts returned no row');
  return row;
}

/**
 * Sites remotely checked in the window (distinct sites with a completed task) and those judged
 * zombie. Grows with every task of the window, so the dashboard leaves it to the report.
 */
export async function scanWindowCounts(db: DbOrTx, scope: UnitScope, w: StatsWindow): Promise<{ sitesRemotelyChecked: number; zombieSites: number }> {
  const [row] = await rows(db, sql<{ sitesRemotelyChecked: number; zombieSites: number }>`
    select count(*)::int as "sitesRemotelyChecked", (count(*) filter (where zombie))::int as "zombieSites"
    from (
      select site_id, bool_or(site_status = 'zombie') as zombie
      from scan_tasks
      where unit_path like ${subtree(scope)} and status = 'done' and finished_at >= ${w.start} and finished_at < ${w.end}
      group by site_id
    ) sites`);
  return row ?? { sitesRemotelyChecked: 0, zombieSites: 0 };
}

/** Units of the subtree with their region codes: labels for the region breakdown. */
export function unitsWithRegion(db: DbOrTx, scope: UnitScope) {
  return db.selectFrom('units').select(['id', 'name', 'level', 'regionCode', 'path']).where('path', 'like', subtree(scope)).orderBy('path').execute();
}
