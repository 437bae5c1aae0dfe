// Audit chain verification speed: builds a valid chain of N entries, then times `verifyAuditChain`.
import { sql } from 'kysely';
import { chainHash, GENESIS_HASH, verifyAuditChain, type AuditEntryData } from '../src/domain/audit';
import { openDatabase } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import { envInt, round, trackPeakRss, writeResult } from './support';

const n = envInt('BENCH_AUDIT_ENTRIES', 200_000);
const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const handle = url
  ? await openDatabase({ kind: 'postgres', url, schema: `bench_audit_${process.pid}` })
  : await openDatabase({ kind: 'pglite' });
await migrate(handle);
let prev = GENESIS_HASH;
const start = new Date('2026-01-01T00:00:00Z').getTime();
for (let base = 0; base < n; base += 2000) {
  const rows = [];
  for (let i = base; i < Math.min(n, base + 2000); i++) {
    const entry: AuditEntryData = {
      seq: i + 1, at: new Date(start + i * 1000).toISOString(), actorId: null, actorName: 'bench', unitId: null, unitPath: '/bench/',
      action: 'bench.event', targetType: 'bench', targetId: `t${i}`, fromState: null, toState: null, reason: null,
      summary: { i, note: 'synthetic' }, ip: '127.0.0.1', source: 'cli', prevHash: prev,
    };
    const hash = chainHash(entry);
    rows.push({ ...entry, summary: JSON.stringify(entry.summary), hash });
    prev = hash;
  }
  await handle.db.insertInto('auditLog').values(rows).execute();
}
await sql`UPDATE audit_chain_head SET seq = ${n}, hash = ${prev} WHERE id = 1`.execute(handle.db);
const stopRss = trackPeakRss();
const t0 = performance.now();
const r = await verifyAuditChain(handle.db);
const seconds = (performance.now() - t0) / 1000;
if (!r.ok) throw new Error(`chain did not verify: ${JSON.stringify(r)}`);
writeResult(`audit-verify-${handle.kind}`, {
  entriesPerSecond: Math.round(n / seconds),
  secondsPer1mEntries: round((seconds / n) * 1_000_000, 1),
  peakRssMb: stopRss(),
}, { entries: n, database: handle.kind });
if (url) await handle.executeSql(`DROP SCHEMA bench_audit_${process.pid} CASCADE`);
await handle.close();
