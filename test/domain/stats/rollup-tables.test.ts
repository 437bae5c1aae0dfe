// The derived tables of migration 0060 must always equal what they summarise: entity counts vs a
// GROUP BY over entities, and each site's latest completed task vs a DISTINCT ON over scan_tasks.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'kysely';
import type { UnitScope } from '../../../src/domain/access';
import * as stats from '../../../src/store/stats.store';
import { testDeps } from '../../support/db';
import { seedOrg } from '../../support/org';
import { makeEntity, makeScan } from './factory';

type Deps = Awaited<ReturnType<typeof testDeps>>;
const key = (r: { type: string; regionCode: string; status: string; focusReasons: string[] | null }) => `${r.type}|${r.regionCode}|${r.status}|${(r.focusReasons ?? []).join(',')}`;

async function truth(deps: Deps, scope: UnitScope): Promise<Map<string, number>> {
  const rows = await deps.db.selectFrom('entities').select(['type', 'regionCode', 'status', 'focusReasons', sql<number>`count(*)::int`.as('n')])
    .where('unitPath', 'like', `${scope.unitPath}%`).groupBy(['type', 'regionCode', 'status', 'focusReasons']).execute();
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + r.n);
  return out;
}

async function derived(deps: Deps, scope: UnitScope): Promise<Map<string, number>> {
  return new Map((await stats.entityCounts(deps.db, scope)).map((r) => [key(r), r.n]));
}

test('entity counts follow inserts, updates, transfers and deletes, before and after compaction', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-inspector']);
  const scopes: UnitScope[] = [org.province, org.cityA, org.countyA1, org.cityB].map((u) => ({ kind: 'units', unitId: u.id, unitPath: u.path }));
  const check = async (when: string) => {
    for (const s of scopes) assert.deepEqual(await derived(deps, s), await truth(deps, s), `${when} @ ${s.unitPath}`);
  };

  const a = await Promise.all([1, 2, 3, 4, 5].map((i) => makeEntity(deps, i % 2 ? org.countyA1 : org.cityA, { type: i % 3 ? 'icp' : 'idc' })));
  const b = await makeEntity(deps, org.cityB, { type: 'school' });
  await check('after inserts');

  // A multi-row statement that changes some counted columns and leaves others alone.
  await deps.db.updateTable('entities').set({ status: 'suspended' }).where('id', 'in', [a[0]!.id, a[1]!.id]).execute();
  await deps.db.updateTable('entities').set({ name: '改名不影响统计' }).where('id', '=', a[2]!.id).execute();
  await deps.db.updateTable('entities').set({ focusReasons: ['O151-A9-F1', 'O151-A9-F2'] }).where('id', 'in', [a[2]!.id, b.id]).execute();
  await deps.db.updateTable('entities').set({ focusReasons: [] }).where('id', '=', b.id).execute();
  await check('after updates');
  const before = await sql<{ n: number }>`select count(*)::int as n from stats_entity_deltas`.execute(deps.db);

  // Transfer to the sibling city (属地 changes): leaves cityA's counts, enters cityB's.
  await deps.db.updateTable('entities').set({ unitId: org.cityB.id, unitPath: org.cityB.path, regionCode: org.cityB.regionCode }).where('id', '=', a[3]!.id).execute();
  await deps.db.deleteFrom('entities').where('id', '=', a[4]!.id).execute();
  await check('after transfer and delete');
  const cityA = (await stats.entityCounts(deps.db, scopes[1]!)).reduce((s, r) => s + r.n, 0);
  assert.equal(cityA, 3);

  assert.deepEqual(await stats.compactRollups(deps.db, 1), ['stats_entity_deltas']);
  await check('after compaction');
  const after = await sql<{ n: number; compacted: number }>`select count(*)::int as n, (count(*) filter (where compacted))::int as compacted from stats_entity_deltas`.execute(deps.db);
  assert.ok(after.rows[0]!.n < before.rows[0]!.n, 'compaction folds rows');
  assert.equal(after.rows[0]!.n, after.rows[0]!.compacted);
  assert.deepEqual(await stats.compactRollups(deps.db), [], 'nothing to fold below the backlog');

  // A write inside a rolled-back transaction leaves no trace.
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('entities').set({ status: 'closed' }).where('id', '=', b.id).execute();
    throw new Error('rollback');
  }).catch(() => undefined);
  await check('after a rollback');
});

test('the latest task of each site: newer wins, older never replaces it, a review re-grades, deletes recompute', async (t) => {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, ['demo-inspector']);
  const user = org.users['demo-inspector']!.id;
  const e = await makeEntity(deps, org.cityA);
  const scope: UnitScope = { kind: 'units', unitId: org.cityA.id, unitPath: org.cityA.path };
  const [s1, s2] = [randomUUID(), randomUUID()];
  const dist = async () => Object.fromEntries((await stats.scanGradeDistribution(deps.db, scope)).map((g) => [g.bucket, g.n]));

  await makeScan(deps, e, user, [{ siteId: s1, finishedAt: '2026-05-01T00:00:00Z', grade: 'B' }, { siteId: s2, finishedAt: '2026-05-01T00:00:00Z', grade: 'A' }]);
  assert.deepEqual(await dist(), { A: 1, B: 1 });
  await makeScan(deps, e, user, [{ siteId: s1, finishedAt: '2026-04-01T00:00:00Z', grade: 'F' }]); // older: ignored
  assert.deepEqual(await dist(), { A: 1, B: 1 });
  await makeScan(deps, e, user, [{ siteId: s1, finishedAt: '2026-06-01T00:00:00Z', grade: null, siteStatus: 'zombie' }]);
  assert.deepEqual(await dist(), { A: 1, zombie: 1 });

  // A task going from running to done (the worker's commit) counts; a review re-grades it.
  const scanId = (await deps.db.selectFrom('scanTasks').select(['scanId', 'authorisationId']).where('siteId', '=', s2).executeTakeFirstOrThrow());
  const running = await deps.db.insertInto('scanTasks').values({
    scanId: scanId.scanId, siteId: randomUUID(), entityId: e.entityId, unitPath: e.unitPath, authorisationId: scanId.authorisationId,
    hostname: 'late.example', registered: JSON.stringify({}), seq: 9, chunkNo: 0, pos: 9, status: 'running',
  }).returning('id').executeTakeFirstOrThrow();
  assert.deepEqual(await dist(), { A: 1, zombie: 1 }, 'a running task is no result');
  await deps.db.updateTable('scanTasks').set({ status: 'done', finishedAt: '2026-06-02T00:00:00Z', grade: 'C-', siteStatus: 'active' }).where('id', '=', running.id).execute();
  assert.deepEqual(await dist(), { A: 1, C: 1, zombie: 1 });
  await deps.db.updateTable('scanTasks').set({ reviewedGrade: JSON.stringify({ score: 80, grade: 'B+', gradeIgnoringTrust: null, riskCount: 0, reviewedAt: '2026-06-03T00:00:00Z', reviews: 1 }) }).where('id', '=', running.id).execute();
  assert.deepEqual(await dist(), { A: 1, B: 1, zombie: 1 });

  // Removing the newest scan of s1 falls back to its previous latest task.
  const newest = await deps.db.selectFrom('scanTasks').select('scanId').where('siteId', '=', s1).where('siteStatus', '=', 'zombie').executeTakeFirstOrThrow();
  await deps.db.deleteFrom('scans').where('id', '=', newest.scanId).execute();
  assert.deepEqual(await dist(), { A: 1, B: 2 });

  assert.ok((await stats.compactRollups(deps.db, 1)).includes('stats_site_grade_deltas'));
  assert.deepEqual(await dist(), { A: 1, B: 2 }, 'the same after compaction');

  const truthRows = await sql<{ n: number }>`select count(distinct site_id)::int as n from scan_tasks where status = 'done'`.execute(deps.db);
  const latest = await sql<{ n: number }>`select count(*)::int as n from stats_site_latest`.execute(deps.db);
  assert.equal(latest.rows[0]!.n, truthRows.rows[0]!.n);
});
