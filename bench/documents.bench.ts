// Documents benchmark: BENCH_DOCUMENTS rectification notices (default 1 000) issued as one
// render batch, end to end: request (batch row + audit) → pg-boss job → each notice built from
// its records, numbered, rendered, stored with its PDF and audited. Reports wall time,
// documents/s, render p50/p95 (PDF only) and issue p95 (whole item), peak RSS. PostgreSQL when
// DATABASE_URL or TEST_DATABASE_URL is set (throw-away schema), else embedded PGlite.
import pino from 'pino';
import { sql } from 'kysely';
import { loadConfig } from '../src/config';
import { buildDeps } from '../src/bootstrap';
import { actorFromUser } from '../src/domain/auth/actor';
import { seedDemoOrg } from '../src/domain/demo/seed-org';
import { RENDER_BATCH_JOB, requestRenderBatch, runRenderBatch, type BatchItemOutcome } from '../src/domain/documents/render-batch';
import { startJobs } from '../src/jobs/queue';
import { openDatabase } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import * as users from '../src/store/users.store';
import { insertRectificationNotices } from '../test/domain/documents/case-fixture';
import { envInt, percentile, round, trackPeakRss, writeResult } from './support';

const n = envInt('BENCH_DOCUMENTS', 1000);
const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const schema = `bench_documents_${process.pid}`;
const handle = url ? await openDatabase({ kind: 'postgres', url, schema }) : await openDatabase({ kind: 'pglite' });
await migrate(handle);
const config = loadConfig({ WANGAN_DATA_DIR: '/tmp/wangan-bench-documents', LOG_LEVEL: 'silent' });
const deps = buildDeps(config, handle, { secret: 'bench-secret-0123456789abcdef' });
const org = await seedDemoOrg(deps, { onlyUsers: ['demo-inspector', 'demo-inspector2', 'demo-leader'] });
const setupStarted = performance.now();
const subjects = await insertRectificationNotices(deps, org, n);
console.log(`setup: ${n} rectification notices in ${round((performance.now() - setupStarted) / 1000)} s (${handle.kind})`);

const jobs = await startJobs(handle, pino({ level: 'silent' }), { supervise: false });
deps.jobs = jobs;
const items: BatchItemOutcome[] = [];
let finished!: () => void;
const done = new Promise<void>((resolve) => (finished = resolve));
await jobs.work({
  // The registry's handler, plus a hook to time each item.
  [RENDER_BATCH_JOB]: async (data) => {
    await runRenderBatch(deps, data, { onItem: (o) => items.push(o) });
    finished();
  },
}, { pollingIntervalSeconds: 0.5 });

const leaderRow = await users.findByUsername(deps.db, 'demo-leader');
if (!leaderRow) throw new Error('demo-leader missing');
const leader = actorFromUser(leaderRow, { ip: null, source: 'cli' });
const stopRss = trackPeakRss();
const t0 = performance.now();
const batch = await requestRenderBatch(deps, leader, { items: subjects.map((subjectId) => ({ kind: 'rectificationNotice' as const, subjectId })) });
await done;
const totalSeconds = (performance.now() - t0) / 1000;
const peakRssMb = stopRss();

const result = await deps.db.selectFrom('documentBatches').selectAll().where('id', '=', batch.id).executeTakeFirstOrThrow();
if (result.done !== n || result.failed !== 0) throw new Error(`batch incomplete: ${result.done} done, ${result.failed} failed: ${JSON.stringify(result.errors.slice(0, 3))}`);
const stored = await deps.db.selectFrom('issuedDocuments')
  .select([sql<number>`count(*)::int`.as('n'), sql<number>`avg(pdf_size)::float8`.as('avgBytes')])
  .where('batchId', '=', batch.id).executeTakeFirstOrThrow();
const renderMs = (await deps.db.selectFrom('auditLog').select('summary').where('action', '=', 'document.issued').execute())
  .map((r) => Number((r.summary as { renderMs?: number }).renderMs ?? 0));

writeResult('documents', {
  totalSeconds: round(totalSeconds, 2),
  documentsPerSecond: round(n / totalSeconds, 2),
  p50RenderMs: percentile(renderMs, 50),
  p95RenderMs: percentile(renderMs, 95),
  p95IssueMs: percentile(items.map((i) => i.ms), 95),
  avgPdfKb: round(stored.avgBytes / 1024, 1),
  peakRssMb,
}, { documents: n, stored: stored.n, kind: 'rectificationNotice', database: handle.kind });

await jobs.stop();
if (url) await handle.executeSql(`DROP SCHEMA IF EXISTS ${schema}_boss CASCADE`).then(() => handle.executeSql(`DROP SCHEMA ${schema} CASCADE`));
await handle.close();
