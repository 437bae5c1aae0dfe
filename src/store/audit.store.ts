import { sql } from 'kysely';
import type { AuditEntryData } from '../domain/audit';
import type { DbOrTx, Tx } from './db';

/** Moves the head to the next seq and returns it with the previous hash; locks the head row. */
export async function advanceChainHead(trx: Tx): Promise<{ seq: number; prevHash: string }> {
  const row = await trx
    .updateTable('auditChainHead')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  return { seq: row.seq, prevHash: row.hash };
}

export async function setChainHeadHash(trx: Tx, hash: string): Promise<void> {
  await trx.updateTable('auditChainHead').set({ hash }).where('id', '=', 1).execute();
}

export async function insertEntry(trx: Tx, entry: AuditEntryData & { hash: string }): Promise<void> {
  await trx
    .insertInto('auditLog')
    .values({ ...entry, summary: JSON.stringify(entry.summary) })
    .execute();
}

export async function readChainHead(db: DbOrTx): Promise<{ seq: number; hash: string }> {
  return db.selectFrom('auditChainHead').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
}

/** Streams the chain in seq order by keyset pages, so a million entries never sit in memory. */
export async function* iterateChain(db: DbOrTx, batchSize: number): AsyncGenerator<AuditEntryData & { hash: string }> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom('auditLog').selectAll().where('seq', '>', after).orderBy('seq').limit(batchSize).execute();
    for (const r of rows) {
      yield {
        seq: r.seq,
        at: r.at.toISOString(),
        actorId: r.actorId,
        actorName: r.actorName,
        unitId: r.unitId,
        unitPath: r.unitPath,
        action: r.action,
        targetType: r.targetType,
        targetId: r.targetId,
        fromState: r.fromState,
        toState: r.toState,
        reason: r.reason,
        summary: r.summary,
        ip: r.ip,
        source: r.source,
        prevHash: r.prevHash,
        hash: r.hash,
      };
    }
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1]!.seq;
  }
}

export type AuditFilter = {
  action?: string;
  actorId?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  q?: string;
  unitPath?: string;
};

export async function searchEntries(db: DbOrTx, filter: AuditFilter, page: { limit: number; offset: number }) {
  let q = db.selectFrom('auditLog');
  if (filter.action) q = q.where('action', 'like', `${filter.action}%`);
  if (filter.actorId) q = q.where('actorId', '=', filter.actorId);
  if (filter.targetId) q = q.where('targetId', '=', filter.targetId);
  if (filter.from) q = q.where('at', '>=', filter.from);
  if (filter.to) q = q.where('at', '<', filter.to);
  if (filter.unitPath) q = q.where('unitPath', 'like', `${filter.unitPath}%`);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('actorName', 'ilike', like), eb('targetId', 'ilike', like), eb('reason', 'ilike', like)]));
  }
  const [rows, total] = await Promise.all([
    q.selectAll().orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}
