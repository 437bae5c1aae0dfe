import { sql, type Expression, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { UnitScope } from '../domain/access';
import type { DbOrTx, Tx } from './db';
import type { CampaignsTable } from './tables/campaigns';

export type CampaignRow = Selectable<CampaignsTable>;
export type Page = { limit: number; offset: number };

const like = (unitPath: string) => `${unitPath}%`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** '/a/b/c/' → ['/a/', '/a/b/', '/a/b/c/']: the caller's unit and every unit above it. */
export function ancestorPaths(unitPath: string): string[] {
  const segments = unitPath.split('/').filter(Boolean);
  return segments.map((_, i) => `/${segments.slice(0, i + 1).join('/')}/`);
}

/**
 * Which campaigns a staff scope sees: those launched inside its subtree, and those launched by
 * its own unit or a unit above it (a province campaign is seen by its cities). Never a sibling's.
 */
export function visibleWhere(scope: UnitScope): Expression<SqlBool> {
  return sql<SqlBool>`(campaigns.unit_path like ${like(scope.unitPath)} or campaigns.unit_path = any(${ancestorPaths(scope.unitPath)}::text[]))`;
}

/** Targets a caller sees or touches: entities whose unit path lies under `withinPath`. */
function targetWhere(withinPath: string): Expression<SqlBool> {
  return sql<SqlBool>`entities.unit_path like ${like(withinPath)}`;
}

export function insertCampaign(trx: Tx, values: Insertable<CampaignsTable>): Promise<CampaignRow> {
  return trx.insertInto('campaigns').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findVisible(db: DbOrTx, scope: UnitScope, id: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).where(visibleWhere(scope)).executeTakeFirst();
}

export function findVisibleForUpdate(trx: Tx, scope: UnitScope, id: string): Promise<CampaignRow | undefined> {
  return trx.selectFrom('campaigns').selectAll().where('id', '=', id).where(visibleWhere(scope)).forUpdate().executeTakeFirst();
}

/** Updates a locked campaign and bumps its version. */
export function updateCampaign(trx: Tx, id: string, changes: Updateable<CampaignsTable>): Promise<CampaignRow> {
  return trx.updateTable('campaigns')
    .set({ ...changes, updatedAt: new Date() })
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type CampaignFilter = { status?: readonly string[]; q?: string };
export type CampaignSort = { field: 'createdAt' | 'updatedAt' | 'startsOn' | 'endsOn' | 'name' | 'code' | 'status'; dir: 'asc' | 'desc' };

/** A page of visible campaigns, each with the number of its targets inside the caller's scope. */
export async function listVisible(db: DbOrTx, scope: UnitScope, filter: CampaignFilter, page: Page, sort: CampaignSort) {
  let q = db.selectFrom('campaigns').where(visibleWhere(scope));
  if (filter.status && filter.status.length > 0) q = q.where('campaigns.status', 'in', [...filter.status]);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    q = q.where((eb) => eb.or([eb('campaigns.name', 'ilike', pattern), eb('campaigns.code', 'ilike', pattern)]));
  }
  const [rows, total] = await Promise.all([
    q.selectAll('campaigns')
      .select((eb) => eb.selectFrom('campaignEntities as ce').innerJoin('entities', 'entities.id', 'ce.entityId')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('ce.campaignId', '=', 'campaigns.id')
        .where(targetWhere(scope.unitPath))
        .as('targetCount'))
      .select((eb) => eb.selectFrom('units').select('units.name').whereRef('units.id', '=', 'campaigns.unitId').as('unitName'))
      .orderBy(`campaigns.${sort.field}`, sort.dir)
      .orderBy('campaigns.id', sort.dir)
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => ({ ...r, targetCount: r.targetCount ?? 0, unitName: r.unitName ?? '' })), total: total.n };
}

/** Name of the launching unit (the campaign is already known to be visible). */
export async function unitNameOf(db: DbOrTx, unitId: string): Promise<string> {
  const row = await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst();
  return row?.name ?? '';
}

/** Targets under `withinPath`, counted per entity status. */
export function targetStatusCounts(db: DbOrTx, campaignId: string, withinPath: string): Promise<{ status: string; n: number }[]> {
  return db.selectFrom('campaignEntities as ce').innerJoin('entities', 'entities.id', 'ce.entityId')
    .select(['entities.status', sql<number>`count(*)::int`.as('n')])
    .where('ce.campaignId', '=', campaignId)
    .where(targetWhere(withinPath))
    .groupBy('entities.status')
    .orderBy('entities.status')
    .execute();
}

/** Of these entity ids, the ones registered under `withinPath`. */
export async function entityIdsWithin(db: DbOrTx, withinPath: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('entities').select('entities.id')
    .where(sql<SqlBool>`entities.id = any(${[...ids]}::uuid[])`)
    .where(targetWhere(withinPath))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Adds targets in one statement; ids already targeted are skipped. Returns the ids added. */
export async function addTargets(trx: Tx, campaignId: string, entityIds: readonly string[], addedBy: string | null): Promise<string[]> {
  if (entityIds.length === 0) return [];
  const r = await sql<{ entityId: string }>`
    insert into campaign_entities (campaign_id, entity_id, added_by)
    select ${campaignId}::uuid, id, ${addedBy}::uuid from unnest(${[...entityIds]}::uuid[]) as t(id)
    on conflict (campaign_id, entity_id) do nothing
    returning entity_id`.execute(trx);
  return r.rows.map((x) => x.entityId);
}

/** Removes one target if its entity lies under `withinPath`; false when there was none. */
export async function removeTarget(trx: Tx, campaignId: string, entityId: string, withinPath: string): Promise<boolean> {
  const r = await trx.deleteFrom('campaignEntities')
    .where('campaignId', '=', campaignId)
    .where('entityId', '=', entityId)
    .where(sql<SqlBool>`exists (select 1 from entities where entities.id = campaign_entities.entity_id and ${targetWhere(withinPath)})`)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export type TargetFilter = { q?: string; status?: readonly string[] };
export type TargetSort = { field: 'name' | 'addedAt' | 'uscc'; dir: 'asc' | 'desc' };

/** A page of a campaign's targets under `withinPath`, with the entity's facts and its unit. */
export async function listTargets(db: DbOrTx, campaignId: string, withinPath: string, filter: TargetFilter, page: Page, sort: TargetSort) {
  let q = db.selectFrom('campaignEntities as ce')
    .innerJoin('entities', 'entities.id', 'ce.entityId')
    .where('ce.campaignId', '=', campaignId)
    .where(targetWhere(withinPath));
  if (filter.status && filter.status.length > 0) q = q.where('entities.status', 'in', [...filter.status]);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    q = q.where((eb) => eb.or([eb('entities.name', 'ilike', pattern), eb('entities.uscc', 'ilike', pattern)]));
  }
  const order = sort.field === 'addedAt' ? 'ce.addedAt' : `entities.${sort.field}` as const;
  const [rows, total] = await Promise.all([
    q.innerJoin('units', 'units.id', 'entities.unitId')
      .select([
        'entities.id as entityId', 'entities.name', 'entities.uscc', 'entities.type', 'entities.status', 'entities.unitId',
        'units.name as unitName', 'ce.addedAt', 'ce.addedBy',
      ])
      .orderBy(order, sort.dir)
      .orderBy('entities.id', sort.dir)
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
