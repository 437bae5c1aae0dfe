import { sql, type SqlBool } from 'kysely';
import type { UnitScope } from '../domain/access';
import type { DbOrTx } from './db';

/**
 * Read-only, batched iteration over the lists exported to XLSX (findings, rectification
 * notices, penalties), with the same filters as their lists. Keyset pagination on
 * (time, id): an export of many rows never holds them all, and never pages with OFFSET.
 */

const like = (unitPath: string) => `${unitPath}%`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export type FindingExportFilter = {
  unitPath?: string;
  status?: string;
  category?: string;
  severity?: string;
  entityId?: string;
  inspectionId?: string;
  q?: string;
};

export async function* iterateFindings(db: DbOrTx, scope: UnitScope, filter: FindingExportFilter, batchSize = 1000) {
  let after: { at: string; id: string } | null = null;
  for (;;) {
    let q = db
      .selectFrom('findings as f')
      .innerJoin('entities as e', 'e.id', 'f.entityId')
      .leftJoin('inspectionRecords as r', 'r.id', 'f.recordId')
      .select(['f.id', 'f.seq', 'f.category', 'f.severity', 'f.description', 'f.basisText', 'f.itemKey', 'f.status', 'f.createdAt', 'f.inspectionId', 'e.name as entityName', 'e.uscc as entityUscc', 'r.docNumber as recordDocNumber'])
      // Microseconds survive only as text: a JS Date would cut them and repeat the last row.
      .select(sql<string>`f.created_at::text`.as('cursorAt'))
      .where('f.unitPath', 'like', like(scope.unitPath));
    if (filter.unitPath) q = q.where('f.unitPath', 'like', like(filter.unitPath));
    if (filter.status) q = q.where('f.status', '=', filter.status);
    if (filter.category) q = q.where('f.category', '=', filter.category);
    if (filter.severity) q = q.where('f.severity', '=', filter.severity);
    if (filter.entityId) q = q.where('f.entityId', '=', filter.entityId);
    if (filter.inspectionId) q = q.where('f.inspectionId', '=', filter.inspectionId);
    if (filter.q) {
      const pattern = `%${escapeLike(filter.q)}%`;
      q = q.where((eb) => eb.or([eb('e.name', 'ilike', pattern), eb('f.description', 'ilike', pattern)]));
    }
    if (after) {
      const a = after;
      q = q.where(sql<SqlBool>`(f.created_at, f.id) > (${a.at}::timestamptz, ${a.id}::uuid)`);
    }
    const rows = await q.orderBy('f.createdAt').orderBy('f.id').limit(batchSize).execute();
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { at: last.cursorAt, id: last.id };
    if (rows.length < batchSize) return;
  }
}

export type NoticeExportFilter = {
  unitPath?: string;
  status?: string;
  overdue?: boolean;
  entityId?: string;
  inspectionId?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  q?: string;
  /** Shanghai today, for the derived overdue filter. */
  today: string;
};

/** Overdue is derived: an issued notice (nothing reported) past its deadline day. */
const noticeOverdue = (today: string) => sql<SqlBool>`(n.status = 'issued' and n.deadline < ${today})`;

export async function* iterateRectificationNotices(db: DbOrTx, scope: UnitScope, filter: NoticeExportFilter, batchSize = 1000) {
  let after: { at: string; id: string } | null = null;
  for (;;) {
    let q = db
      .selectFrom('rectificationNotices as n')
      .innerJoin('entities as e', 'e.id', 'n.entityId')
      .select([
        'n.id', 'n.docNumber', 'n.round', 'n.recordDocNumber', 'n.inspectedOn', 'n.deadline', 'n.orderBasis', 'n.status',
        'n.issuedAt', 'n.servedAt', 'n.serviceMethod', 'n.inspectionId', 'e.name as entityName', 'e.uscc as entityUscc',
      ])
      .select(noticeOverdue(filter.today).as('overdue'))
      .select((eb) => eb.selectFrom('rectificationNoticeFindings as nf').select(sql<number>`count(*)::int`.as('c')).whereRef('nf.noticeId', '=', 'n.id').as('violationCount'))
      // Microseconds survive only as text: a JS Date would cut them and repeat the last row.
      .select(sql<string>`n.issued_at::text`.as('cursorAt'))
      .where('n.unitPath', 'like', like(scope.unitPath));
    if (filter.unitPath) q = q.where('n.unitPath', 'like', like(filter.unitPath));
    if (filter.status) q = q.where('n.status', '=', filter.status);
    if (filter.overdue === true) q = q.where(noticeOverdue(filter.today));
    if (filter.overdue === false) q = q.where(sql<SqlBool>`not ${noticeOverdue(filter.today)}`);
    if (filter.entityId) q = q.where('n.entityId', '=', filter.entityId);
    if (filter.inspectionId) q = q.where('n.inspectionId', '=', filter.inspectionId);
    if (filter.deadlineFrom) q = q.where('n.deadline', '>=', filter.deadlineFrom);
    if (filter.deadlineTo) q = q.where('n.deadline', '<=', filter.deadlineTo);
    if (filter.q) {
      const pattern = `%${escapeLike(filter.q)}%`;
      q = q.where((eb) => eb.or([eb('e.name', 'ilike', pattern), eb('n.docNumber', 'like', pattern)]));
    }
    if (after) {
      const a = after;
      q = q.where(sql<SqlBool>`(n.issued_at, n.id) > (${a.at}::timestamptz, ${a.id}::uuid)`);
    }
    const rows = await q.orderBy('n.issuedAt').orderBy('n.id').limit(batchSize).execute();
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { at: last.cursorAt, id: last.id };
    if (rows.length < batchSize) return;
  }
}

export type PenaltyExportFilter = { unitPath?: string; status?: string; entityId?: string; inspectionId?: string; q?: string };

export async function* iteratePenalties(db: DbOrTx, scope: UnitScope, filter: PenaltyExportFilter, batchSize = 1000) {
  let after: { at: string; id: string } | null = null;
  for (;;) {
    let q = db
      .selectFrom('penalties as p')
      .innerJoin('entities as e', 'e.id', 'p.entityId')
      .select([
        'p.id', 'p.docNumber', 'p.topicKey', 'p.tier', 'p.subject', 'p.violationDate', 'p.measures', 'p.fineAmount', 'p.personFines',
        'p.status', 'p.decidedAt', 'p.servedAt', 'p.paymentDeadline', 'p.createdAt', 'p.inspectionId', 'e.name as entityName', 'e.uscc as entityUscc',
      ])
      // Microseconds survive only as text: a JS Date would cut them and repeat the last row.
      .select(sql<string>`p.created_at::text`.as('cursorAt'))
      .where('p.unitPath', 'like', like(scope.unitPath));
    if (filter.unitPath) q = q.where('p.unitPath', 'like', like(filter.unitPath));
    if (filter.status) q = q.where('p.status', '=', filter.status);
    if (filter.entityId) q = q.where('p.entityId', '=', filter.entityId);
    if (filter.inspectionId) q = q.where('p.inspectionId', '=', filter.inspectionId);
    if (filter.q) {
      const pattern = `%${escapeLike(filter.q)}%`;
      q = q.where((eb) => eb.or([eb('e.name', 'ilike', pattern), eb('p.docNumber', 'like', pattern)]));
    }
    if (after) {
      const a = after;
      q = q.where(sql<SqlBool>`(p.created_at, p.id) > (${a.at}::timestamptz, ${a.id}::uuid)`);
    }
    const rows = await q.orderBy('p.createdAt').orderBy('p.id').limit(batchSize).execute();
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = { at: last.cursorAt, id: last.id };
    if (rows.length < batchSize) return;
  }
}
