import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { appendAudit, verifyAuditChain } from '../../src/domain/audit';
import type { Deps } from '../../src/domain/deps';
import { testDeps } from '../support/db';
import { seedOrg } from '../support/org';

async function chainOf(t: Parameters<typeof testDeps>[0], n = 6): Promise<Deps> {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, []);
  for (let i = 0; i < n; i++) {
    await deps.db.transaction().execute((trx) => appendAudit(trx, org.system, { action: 'test.event', targetType: 'test', targetId: `t${i}`, summary: { i } }));
  }
  assert.equal((await verifyAuditChain(deps.db)).ok, true);
  return deps;
}

// Tampering needs the append-only trigger out of the way, as a DBA with direct access would do.
async function tamper(deps: Deps, statement: string) {
  await deps.handle.execScript(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; ${statement}; ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
}

test('the audit log refuses UPDATE and DELETE', async (t) => {
  const deps = await chainOf(t, 2);
  await assert.rejects(sql`UPDATE audit_log SET reason = 'x' WHERE seq = 1`.execute(deps.db), /append-only/);
  await assert.rejects(sql`DELETE FROM audit_log WHERE seq = 1`.execute(deps.db), /append-only/);
});

test('verify detects an edited entry', async (t) => {
  const deps = await chainOf(t);
  await tamper(deps, `UPDATE audit_log SET summary = '{"i": 99}' WHERE seq = 5`);
  const r = await verifyAuditChain(deps.db);
  assert.equal(r.ok, false);
  assert.deepEqual(r.ok ? null : [r.brokenAtSeq, r.problem], [5, 'hash_mismatch']);
});

test('verify detects a deleted entry', async (t) => {
  const deps = await chainOf(t);
  await tamper(deps, `DELETE FROM audit_log WHERE seq = 4`);
  const r = await verifyAuditChain(deps.db);
  assert.equal(r.ok, false);
  assert.equal(r.ok ? 0 : r.brokenAtSeq, 4);
});

test('verify detects a deleted tail entry through the chain head', async (t) => {
  const deps = await chainOf(t);
  const last = (await deps.db.selectFrom('auditChainHead').select('seq').executeTakeFirstOrThrow()).seq;
  await tamper(deps, `DELETE FROM audit_log WHERE seq = ${last}`);
  const r = await verifyAuditChain(deps.db);
  assert.equal(r.ok ? 'ok' : r.problem, 'head_mismatch');
});

test('verify detects reordered entries', async (t) => {
  const deps = await chainOf(t);
  await tamper(deps, `UPDATE audit_log SET seq = -1 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = -1`);
  const r = await verifyAuditChain(deps.db);
  assert.equal(r.ok, false);
  assert.equal(r.ok ? 0 : r.brokenAtSeq, 3);
});

test('verify detects an inserted entry', async (t) => {
  const deps = await chainOf(t);
  await tamper(deps, `UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 4; UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1004;
    INSERT INTO audit_log (seq, at, actor_name, action, target_type, source, prev_hash, hash, summary)
    SELECT 4, now(), 'intruder', 'test.event', 'test', 'cli', hash, repeat('a', 64), '{}' FROM audit_log WHERE seq = 3`);
  const r = await verifyAuditChain(deps.db);
  assert.equal(r.ok, false);
  assert.equal(r.ok ? 0 : r.brokenAtSeq, 4);
});
