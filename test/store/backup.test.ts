import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { verifyAuditChain } from '../../src/domain/audit';
import { backupDatabase, restoreDatabase } from '../../src/store/backup';
import type { DbHandle } from '../../src/store/db';
import { testDeps, testHandle } from '../support/db';
import { seedOrg } from '../support/org';

async function rowCounts(handle: DbHandle): Promise<Record<string, number>> {
  const tables = await sql<{ tableName: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`.execute(handle.db);
  const out: Record<string, number> = {};
  for (const { tableName } of tables.rows) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(tableName)}`.execute(handle.db);
    out[tableName] = r.rows[0]!.n;
  }
  return out;
}

test('backup, wipe, restore: identical row counts and the audit chain still verifies', async (t) => {
  const deps = await testDeps(t);
  await seedOrg(deps, ['demo-inspector', 'demo-auditor']);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wangan-backup-')), 'b.jsonl.gz');
  const before = await rowCounts(deps.handle);
  const dumped = await backupDatabase(deps.handle, file);
  assert.ok(dumped.rows > 10);

  const fresh = await testHandle(t); // the wiped database: migrated, empty
  await restoreDatabase(fresh, file);
  assert.deepEqual(await rowCounts(fresh), before);
  const verified = await verifyAuditChain(fresh.db);
  assert.equal(verified.ok, true);
  assert.equal(verified.ok && verified.entries, before.audit_log);
  // A second restore into a non-empty database is refused and changes nothing.
  await assert.rejects(restoreDatabase(fresh, file), /empty database/);
  assert.deepEqual(await rowCounts(fresh), before);
});
