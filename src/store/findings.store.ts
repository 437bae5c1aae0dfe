// The findings list (问题清单): confirmed findings across the inspections of a unit subtree,
// filtered like the dashboard counts them (stats.store findingRollup: created_at in a window of
// Shanghai instants), so a drill-down list has exactly the rows behind the figure.
import { sql } from 'kysely';
import type { UnitScope } from '../domain/access';
import type { DbOrTx } from './db';

const like = (unitPath: string) => `${unitPath}%`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export type FindingListFilter = {
  /** Subtree of a unit already resolved inside the caller's scope. */
  unitPath?: string;
  severity?: readonly string[];
  category?: readonly string[];
  status?: string;
  entityId?: string;
  inspectionId?: string;
  q?: string;
  /** Confirmed at or after this instant (start of a Shanghai day). */
  start?: Date;
  /** Confirmed before this instant (start of the Shanghai day after the last one). */
  end?: Date;
};
export type FindingListSort = { field: 'createdAt' | 'severity' | 'category' | 'status' | 'entityName'; dir: 'asc' | 'desc' };

const sortRefs = {
  createdAt: 'f.createdAt',
  severity: 'f.severity',
  category: 'f.category',
  status: 'f.status',
  entityName: 'e.name',
} as const;

export async function listFindings(db: DbOrTx, scope: UnitScope, filter: FindingListFilter, page: { limit: number; offset: number }, sort: FindingListSort) {
  let q = db
    .selectFrom('findings as f')
    .innerJoin('entities as e', 'e.id', 'f.entityId')
    .innerJoin('inspections as i', 'i.id', 'f.inspectionId')
    .where('f.unitPath', 'like', like(scope.unitPath));
  if (filter.unitPath) q = q.where('f.unitPath', 'like', like(filter.unitPath));
  if (filter.severity && filter.severity.length > 0) q = q.where('f.severity', 'in', [...filter.severity]);
  if (filter.category && filter.category.length > 0) q = q.where('f.category', 'in', [...filter.category]);
  if (filter.status) q = q.where('f.status', '=', filter.status);
  if (filter.entityId) q = q.where('f.entityId', '=', filter.entityId);
  if (filter.inspectionId) q = q.where('f.inspectionId', '=', filter.inspectionId);
  if (filter.start) q = q.where('f.createdAt', '>=', filter.start);
  if (filter.end) q = q.where('f.createdAt', '<', filter.end);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    q = q.where((eb) => eb.or([eb('e.name', 'ilike', pattern), eb('f.description', 'ilike', pattern)]));
  }
  const [rows, total] = await Promise.all([
    q
      .select([
        'f.id', 'f.inspectionId', 'f.entityId', 'f.seq', 'f.category', 'f.severity', 'f.description', 'f.itemKey', 'f.basisText', 'f.status', 'f.createdAt',
        'e.name as entityName', 'e.uscc as entityUscc', 'i.status as inspectionStatus', 'i.mode as inspectionMode',
      ])
      .orderBy(sortRefs[sort.field], sort.dir)
      .orderBy('f.createdAt', 'desc')
      .orderBy('f.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export type FindingListRow = Awaited<ReturnType<typeof listFindings>>['rows'][number];
