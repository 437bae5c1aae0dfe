import { createHash } from 'node:crypto';
import { canonicalJson } from '../lib/canonical';
import type { Actor } from './access';
import * as auditStore from '../store/audit.store';
import type { Tx, DbOrTx } from '../store/db';

/**
 * An audit action is `<module>.<verb>` in camelCase: 'plan.approved', 'auth.loginFailed',
 * 'entity.personalRevealed'. The catalogue of actions in use is listed in docs/architecture.md.
 */
export type AuditAction = `${string}.${string}`;
const actionPattern = /^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/;

export type AuditEvent = {
  action: AuditAction;
  targetType: string;
  targetId?: string | null;
  from?: string | null;
  to?: string | null;
  /** Required by the use case where the law or policy asks for one (reveal, cancel, return…). */
  reason?: string | null;
  /** Before/after summary: changed field names and non-personal values only. */
  summary?: Record<string, unknown>;
  /** Overrides the actor's unit path when the record lives elsewhere in the tree (e.g. a transfer). */
  unitPath?: string | null;
};

export type AuditEntryData = {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  unitId: string | null;
  unitPath: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  summary: Record<string, unknown>;
  ip: string | null;
  source: string;
  prevHash: string;
};

export const GENESIS_HASH = '0'.repeat(64);

export { canonicalJson };

/** SHA-256 over the previous hash and the entry's canonical form. */
export function chainHash(entry: AuditEntryData): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

/**
 * Appends one entry to the chain inside the caller's transaction. Takes Tx, not Db: an entry
 * cannot be written outside the change it records, and if it fails the change rolls back.
 */
export async function appendAudit(trx: Tx, actor: Actor, event: AuditEvent): Promise<void> {
  if (!actionPattern.test(event.action)) throw new Error(`bad audit action ${event.action}`);
  const head = await auditStore.advanceChainHead(trx); // row lock held until commit
  const entry: AuditEntryData = {
    seq: head.seq,
    at: new Date().toISOString(),
    actorId: actor.userId,
    actorName: actor.username,
    unitId: actor.userId ? actor.unitId : null,
    unitPath: event.unitPath ?? actor.unitPath ?? null,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId ?? null,
    fromState: event.from ?? null,
    toState: event.to ?? null,
    reason: event.reason ?? null,
    summary: event.summary ?? {},
    ip: actor.ip,
    source: actor.source,
    prevHash: head.prevHash,
  };
  const hash = chainHash(entry);
  await auditStore.insertEntry(trx, { ...entry, hash });
  await auditStore.setChainHeadHash(trx, hash);
}

export type VerifyResult =
  | { ok: true; entries: number; headSeq: number }
  | { ok: false; entries: number; brokenAtSeq: number; problem: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'head_mismatch'; detail: string };

/** Walks the whole chain in seq order and reports the first broken link. */
export async function verifyAuditChain(db: DbOrTx, opts: { batchSize?: number } = {}): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for await (const row of auditStore.iterateChain(db, opts.batchSize ?? 5000)) {
    const { hash, ...data } = row;
    if (data.seq !== expectedSeq) {
      return { ok: false, entries: count, brokenAtSeq: expectedSeq, problem: 'seq_gap', detail: `expected seq ${expectedSeq}, found ${data.seq}` };
    }
    if (data.prevHash !== prevHash) {
      return { ok: false, entries: count, brokenAtSeq: data.seq, problem: 'prev_hash_mismatch', detail: `entry ${data.seq} does not link to entry ${data.seq - 1}` };
    }
    if (chainHash(data) !== hash) {
      return { ok: false, entries: count, brokenAtSeq: data.seq, problem: 'hash_mismatch', detail: `entry ${data.seq} was altered` };
    }
    prevHash = hash;
    expectedSeq += 1;
    count += 1;
  }
  const head = await auditStore.readChainHead(db);
  if (head.seq !== count || head.hash !== prevHash) {
    return { ok: false, entries: count, brokenAtSeq: count + 1, problem: 'head_mismatch', detail: `chain head says ${head.seq} entries, found ${count}: entries removed from the end` };
  }
  return { ok: true, entries: count, headSeq: head.seq };
}
