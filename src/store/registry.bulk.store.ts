import { sql } from 'kysely';
import type { DbOrTx, Tx } from './db';

/**
 * Bulk writes for the entity import: one statement per chunk with one array parameter per
 * column (`INSERT … SELECT FROM unnest(…)`), instead of a VALUES list with a parameter per cell.
 * A statement with 20 arrays of 5 000 values is parsed and planned once, on PostgreSQL and on
 * PGlite alike (COPY is not available through the PGlite shim).
 */

/** New entity rows as parallel arrays (index i of every array is row i). */
export type EntityColumns = {
  /** Chosen by the caller (randomUUID), so sites can name their entity without RETURNING. */
  id: string[];
  unitId: string[];
  unitPath: string[];
  kind: string[];
  type: string[];
  name: string[];
  uscc: string[];
  address: string[];
  regionCode: string[];
  /** Sealed people as JSON text. */
  people: string[];
  serviceStartDate: (string | null)[];
  isCii: boolean[];
  isCounterTerrorTarget: boolean[];
  providesPublicInfoService: boolean[];
};

/** Inserts the rows (status registered, focus not evaluated, no filing number). */
export async function insertEntityColumns(trx: Tx, rows: EntityColumns, common: { isDemo: boolean; createdBy: string | null }): Promise<void> {
  if (rows.id.length === 0) return;
  await sql`
    insert into entities (id, unit_id, unit_path, kind, type, name, uscc, address, region_code, people, service_start_date,
                          is_cii, is_counter_terror_target, provides_public_info_service, is_demo, created_by)
    select t.id, t.unit_id, t.unit_path, t.kind, t.type, t.name, t.uscc, t.address, t.region_code, t.people::jsonb, t.service_start_date,
           t.is_cii, t.is_counter_terror_target, t.provides_public_info_service, ${common.isDemo}, ${common.createdBy}::uuid
    from unnest(${rows.id}::uuid[], ${rows.unitId}::uuid[], ${rows.unitPath}::text[], ${rows.kind}::text[], ${rows.type}::text[],
                ${rows.name}::text[], ${rows.uscc}::text[], ${rows.address}::text[], ${rows.regionCode}::text[], ${rows.people}::text[],
                ${rows.serviceStartDate}::date[], ${rows.isCii}::boolean[], ${rows.isCounterTerrorTarget}::boolean[],
                ${rows.providesPublicInfoService}::boolean[])
      as t(id, unit_id, unit_path, kind, type, name, uscc, address, region_code, people, service_start_date,
           is_cii, is_counter_terror_target, provides_public_info_service)`.execute(trx);
}

/** Active website sites (no IPs, ports or filing numbers yet) as parallel arrays. */
export type WebsiteColumns = { entityId: string[]; unitPath: string[]; hostname: string[] };

export async function insertWebsiteColumns(trx: Tx, rows: WebsiteColumns): Promise<void> {
  if (rows.entityId.length === 0) return;
  await sql`
    insert into entity_sites (entity_id, unit_path, kind, hostname)
    select t.entity_id, t.unit_path, 'website', t.hostname
    from unnest(${rows.entityId}::uuid[], ${rows.unitPath}::text[], ${rows.hostname}::text[]) as t(entity_id, unit_path, hostname)`.execute(trx);
}

/**
 * Refreshes the planner's statistics of the tables a bulk import filled. Right after a large
 * import the planner still believes a unit holds a few rows, and a keyset-paged export of it
 * sorted the whole unit for every page (86 s instead of ~20 s for 100 000 rows) until autovacuum
 * caught up (PGlite has none). The column list leaves out the expression indexes: the bigram
 * index's statistics would evaluate `registry_bigrams` on 30 000 sampled names (0.8 s instead of
 * 0.08 s); autovacuum refreshes them later. A no-op warning when the user does not own the tables.
 */
export async function refreshStatistics(db: DbOrTx): Promise<void> {
  await sql`analyze entities (id, unit_id, unit_path, kind, type, name, uscc, region_code, status, service_start_date, is_cii,
    is_counter_terror_target, provides_public_info_service, service_types, focus_reasons, psb_filing_number, is_demo,
    created_at, updated_at), entity_sites`.execute(db);
}
