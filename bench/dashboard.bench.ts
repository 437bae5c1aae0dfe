// Dashboard roll-up benchmark: seeds BENCH_ENTITIES entities (default 1 000 000 on PostgreSQL,
// 100 000 on PGlite) with proportional MLPS systems, inspections, findings, notices, talks,
// penalties and scan tasks (INSERT … SELECT generate_series), then times `unitDashboard` for the
// province (the whole set) and for one county (a fifth of it): p50/p95 over BENCH_REPEATS runs
// after two warm-ups, plus each roll-up query alone for the province. PostgreSQL runs when
// DATABASE_URL (or TEST_DATABASE_URL) is set, in a throw-away schema; otherwise PGlite.
// BENCH_DASHBOARD_ENGINES=postgres,pglite picks explicitly. Writes bench/results/dashboard-<engine>.json.
import { loadConfig } from '../src/config';
import { buildDeps } from '../src/bootstrap';
import type { Actor, UnitScope } from '../src/domain/access';
import { actorFromUser } from '../src/domain/auth/actor';
import type { Deps } from '../src/domain/deps';
import { seedDemoOrg, type DemoOrg } from '../src/domain/demo/seed-org';
import { unitDashboard } from '../src/domain/stats/dashboard';
import { standardReport } from '../src/domain/stats/report';
import { resolveWindow } from '../src/domain/stats/window';
import { openDatabase, type DbHandle } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import * as stats from '../src/store/stats.store';
import * as users from '../src/store/users.store';
import { envInt, percentile, round, writeResult } from './support';

const pgUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const engines = (process.env.BENCH_DASHBOARD_ENGINES ?? (pgUrl ? 'postgres' : 'pglite')).split(',').map((s) => s.trim()).filter(Boolean);
const repeats = envInt('BENCH_REPEATS', 20);
const NOW = new Date('2026-06-15T04:00:00Z');

async function actorOf(deps: Deps, username: string): Promise<Actor> {
  const row = await users.findByUsername(deps.db, username);
  if (!row) throw new Error(`no ${username}`);
  return actorFromUser(row, { ip: null, source: 'cli' });
}

/** Everything in SQL, in batches: entities spread over five units, the rest derived from them. */
async function seed(handle: DbHandle, org: DemoOrg, count: number, userId: string): Promise<void> {
  const units = [org.cityA, org.countyA1, org.countyA2, org.cityB, org.countyB1];
  const types = ['icp', 'idc', 'isp', 'cdn', 'dns', 'publicAccess', 'school', 'hospital', 'government', 'enterprise', 'other'];
  const batch = 100_000;
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await handle.executeSql(
      `INSERT INTO entities (unit_id, unit_path, kind, type, name, uscc, address, region_code, status, focus_reasons, is_demo)
       SELECT ($1::uuid[])[1 + g % 5], ($2::text[])[1 + g % 5], CASE WHEN g % 11 < 6 THEN 'serviceProvider' ELSE 'networkUser' END,
              ($3::text[])[1 + g % 11], '统计基准单位' || g, '91' || ($4::text[])[1 + g % 5] || lpad(g::text, 10, '0'), '测试地址' || g || '号',
              ($4::text[])[1 + g % 5], (ARRAY['active','active','active','active','active','active','registered','suspended','closed'])[1 + g % 9],
              CASE WHEN g % 60 = 0 THEN ARRAY['O151-A9-F1', 'O151-A9-F2'] WHEN g % 20 = 0 THEN ARRAY['O151-A9-F' || (1 + g % 3)] ELSE NULL END, true
       FROM generate_series($5::int, $6::int) g`,
      [units.map((u) => u.id), units.map((u) => u.path), types, units.map((u) => u.regionCode), from, to],
    );
    process.stdout.write(`\r  entities ${to}/${count}`);
  }
  process.stdout.write('\n');
  // Numbered entities: every derived table takes a deterministic share of them.
  await handle.executeSql(`CREATE TEMP TABLE bench_e AS SELECT id, unit_id, unit_path, row_number() OVER (ORDER BY id)::int AS g FROM entities`);
  await handle.executeSql(
    `INSERT INTO entity_mlps_systems (entity_id, unit_path, name, level, status, filed_on, certificate_number)
     SELECT id, unit_path, '系统' || g, 1 + g % 5, (ARRAY['graded','filed','evaluated','filed'])[1 + g % 4], DATE '2025-01-01' + g % 500,
            CASE WHEN g % 4 = 0 THEN NULL ELSE 'C' || g END
     FROM bench_e WHERE g % 10 = 0`,
  );
  const statuses = ['planned', 'notified', 'inProgress', 'recordSigning', 'recordFrozen', 'findingsConfirmed', 'closedCompliant', 'riskNoted', 'closedGuided', 'rectificationOrdered', 'rectificationReported', 'reInspected', 'closedRectified', 'escalated', 'closedEscalated', 'cancelled'];
  await handle.executeSql(
    `INSERT INTO inspections (entity_id, unit_id, unit_path, type, mode, status, team_ids, scheduled_on, started_at, is_demo)
     SELECT id, unit_id, unit_path, 'routine', CASE WHEN g % 3 = 0 THEN 'remote' ELSE 'onSite' END, ($1::text[])[1 + g % 16],
            ARRAY[$2::uuid, $2::uuid], DATE '2025-07-01' + g % 540, TIMESTAMPTZ '2025-07-01 09:00+08' + make_interval(days => g % 540), true
     FROM bench_e WHERE g % 10 = 0`,
    [statuses, userId],
  );
  await handle.executeSql(`CREATE TEMP TABLE bench_i AS SELECT id, entity_id, unit_id, unit_path, status, row_number() OVER (ORDER BY id)::int AS g FROM inspections`);
  await handle.executeSql(
    `INSERT INTO inspection_records (inspection_id, unit_path, entity_id, mode, version, doc_number, content, content_sha256)
     SELECT id, unit_path, entity_id, 'onSite', 1, 'R' || g, 'record ' || g, repeat('a', 64) FROM bench_i WHERE g % 2 = 0`,
  );
  await handle.executeSql(
    `INSERT INTO findings (inspection_id, record_id, unit_path, entity_id, seq, category, severity, description, created_at)
     SELECT r.inspection_id, r.id, r.unit_path, r.entity_id, s, (ARRAY['violation','securityRisk','hiddenDanger'])[1 + (s + length(r.doc_number)) % 3],
            (ARRAY['H','M','L'])[1 + (s * 2 + length(r.doc_number)) % 3], '问题', TIMESTAMPTZ '2025-07-01 10:00+08' + make_interval(days => (s * 97 + length(r.doc_number) * 31) % 540)
     FROM inspection_records r, generate_series(1, 2) s`,
  );
  await handle.executeSql(
    `INSERT INTO rectification_notices (inspection_id, unit_id, unit_path, entity_id, round, doc_number, record_doc_number, inspected_on, deadline, order_basis, status, issued_at)
     SELECT id, unit_id, unit_path, entity_id, 1, 'N' || g, 'R' || g, DATE '2025-07-01' + g % 540, DATE '2025-08-01' + g % 540, '依据',
            (ARRAY['issued','reported','reInspected'])[1 + g % 3], TIMESTAMPTZ '2025-07-01 10:00+08' + make_interval(days => g % 540)
     FROM bench_i WHERE g % 4 = 0`,
  );
  await handle.executeSql(
    `INSERT INTO warning_talks (entity_id, unit_id, unit_path, doc_number, held_at, place, officer_ids, attendees, reason, basis, problems, demands, is_demo)
     SELECT entity_id, unit_id, unit_path, 'T' || g, TIMESTAMPTZ '2025-07-01 10:00+08' + make_interval(days => g % 540), '会议室', ARRAY[$1::uuid, $1::uuid],
            '[]'::jsonb, '原因', '依据', '问题', '要求', true
     FROM bench_i WHERE g % 20 = 0`,
    [userId],
  );
  await handle.executeSql(
    `INSERT INTO penalties (entity_id, unit_id, unit_path, topic_key, tier, subject, violation_date, legal_basis, measures, fine_amount, person_fines, facts, status, doc_number, decided_at, is_demo)
     SELECT entity_id, unit_id, unit_path, 'CSL-PEN', 'first', 'operator', DATE '2025-06-01', '{}'::jsonb,
            CASE WHEN g % 3 = 0 THEN ARRAY['warning'] WHEN g % 3 = 1 THEN ARRAY['suspension'] ELSE '{}'::text[] END,
            CASE WHEN g % 3 = 1 THEN NULL ELSE 10000 + g % 50000 END, CASE WHEN g % 5 = 0 THEN '[{"name":"王某","post":"负责人","amount":5000}]'::jsonb ELSE '[]'::jsonb END,
            '事实', (ARRAY['decided','served','executed','closed','legalReview'])[1 + g % 5], 'P' || g, TIMESTAMPTZ '2025-07-01 10:00+08' + make_interval(days => g % 540), true
     FROM bench_i WHERE g % 20 = 1`,
  );
  // Scans: one authorisation and scan per unit; a task per site (one site per fifth entity), a second
  // (newer) task for every tenth site.
  for (const u of units) {
    const e = await handle.executeSql(`SELECT id FROM entities WHERE unit_path = $1 LIMIT 1`, [u.path]);
    const entityId = e.rows[0]?.id as string;
    const auth = await handle.executeSql(
      `INSERT INTO scan_authorisations (unit_path, entity_id, site_ids, targets, valid_from, valid_until, profile, purpose, created_by)
       VALUES ($1, $2, ARRAY[gen_random_uuid()], '[]', now() - interval '1 year', now() + interval '1 year', 'standard', 'bench', $3) RETURNING id`,
      [u.path, entityId, userId],
    );
    const authId = auth.rows[0]?.id as string;
    for (const round of [1, 2]) {
      const scan = await handle.executeSql(
        `INSERT INTO scans (unit_path, started_by, target, target_label, authorisation_ids, profile, limits, stamp, status)
         VALUES ($1, $2, '{"kind":"unit"}', 'bench', ARRAY[$3::uuid], 'standard', '{}', '{}', 'completed') RETURNING id`,
        [u.path, userId, authId],
      );
      await handle.executeSql(
        `INSERT INTO scan_tasks (scan_id, site_id, entity_id, unit_path, authorisation_id, hostname, registered, seq, chunk_no, pos, status, finished_at, site_status, grade)
         SELECT $1, md5('site' || e.g)::uuid, e.id, e.unit_path, $2, 'www.b' || e.g || '.example', '{}', e.g, e.g / 100, e.g % 100, 'done',
                TIMESTAMPTZ '2026-01-01 10:00+08' + make_interval(days => e.g % 100 + $4 * 120),
                CASE WHEN e.g % 37 = 0 THEN 'unreachable' WHEN e.g % 53 = 0 THEN 'zombie' ELSE 'active' END,
                CASE WHEN e.g % 37 = 0 OR e.g % 53 = 0 THEN NULL ELSE (ARRAY['A+','A','A-','B+','B','B-','C+','C','C-','D','F','T'])[1 + (e.g + $4) % 12] END
         FROM bench_e e WHERE e.unit_path = $3 AND e.g % 5 = 0 AND ($4 = 1 OR e.g % 50 = 0)`,
        [scan.rows[0]?.id, authId, u.path, round],
      );
    }
  }
  for (const t of ['stats_entity_deltas', 'stats_site_latest', 'stats_site_grade_deltas', 'entities', 'entity_mlps_systems', 'inspections', 'inspection_records', 'findings', 'rectification_notices', 'warning_talks', 'penalties', 'scan_tasks']) {
    // Steady state: autovacuum would have set the visibility map, which index-only scans rely on.
    await handle.executeSql(`VACUUM (ANALYZE) ${t}`);
  }
}

async function timeIt(fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < repeats + 2; i++) {
    const s = performance.now();
    await fn();
    if (i >= 2) times.push(performance.now() - s); // two warm-up runs
  }
  return times;
}

async function runEngine(kind: 'postgres' | 'pglite'): Promise<void> {
  const schema = `bench_dashboard_${process.pid}`;
  const handle = kind === 'postgres' ? await openDatabase({ kind: 'postgres', url: pgUrl!, schema, max: 10 }) : await openDatabase({ kind: 'pglite' });
  const metrics: Record<string, number> = {};
  const total = envInt('BENCH_ENTITIES', kind === 'postgres' ? 1_000_000 : 100_000);
  try {
    await migrate(handle);
    const deps = { ...buildDeps(loadConfig({ WANGAN_DATA_DIR: '/tmp/wangan-bench', LOG_LEVEL: 'silent' }), handle, { secret: 'bench-secret-0123456789abcdef' }), now: () => NOW };
    const org = await seedDemoOrg(deps, { onlyUsers: ['demo-statistician', 'demo-county-inspector', 'demo-inspector'] });
    const province = await actorOf(deps, 'demo-statistician');
    const county = await actorOf(deps, 'demo-county-inspector');
    const t0 = performance.now();
    await seed(handle, org, total, org.users['demo-inspector']!.id);
    metrics.seedSeconds = round((performance.now() - t0) / 1000, 1);
    console.log(`  seeded in ${metrics.seedSeconds} s`);

    const probes: [string, () => Promise<unknown>][] = [
      ['dashboardProvince', () => unitDashboard(deps, province, {})],
      ['dashboardCounty', () => unitDashboard(deps, county, {})],
      ['reportProvince', () => standardReport(deps, province, {})],
    ];
    const scope: UnitScope = { kind: 'units', unitId: org.province.id, unitPath: org.province.path };
    const w = resolveWindow(NOW, {});
    const parts: [string, () => Promise<unknown>][] = [
      ['entityCounts', () => stats.entityCounts(deps.db, scope)],
      ['mlps', () => stats.mlpsLevel3PlusFiled(deps.db, scope, w.to)],
      ['inspectionRollup', () => stats.inspectionRollup(deps.db, scope, w)],
      ['findingRollup', () => stats.findingRollup(deps.db, scope, w)],
      ['overdueNotices', () => stats.overdueNotices(deps.db, scope, w.today, 10)],
      ['scanGrades', () => stats.scanGradeDistribution(deps.db, scope)],
      ['penaltyRollup', () => stats.penaltyRollup(deps.db, scope, w)],
      ['reportCounts', () => stats.reportCounts(deps.db, scope, w, w.today)],
      ['scanWindowCounts', () => stats.scanWindowCounts(deps.db, scope, w)],
    ];
    for (const [name, fn] of probes) {
      const times = await timeIt(fn);
      metrics[`${name}P50Ms`] = percentile(times, 50);
      metrics[`${name}P95Ms`] = percentile(times, 95);
      console.log(`  ${name.padEnd(20)} p50 ${percentile(times, 50)} ms  p95 ${percentile(times, 95)} ms`);
    }
    for (const [name, fn] of parts) {
      const times = await timeIt(fn);
      metrics[`province${name[0]!.toUpperCase()}${name.slice(1)}P50Ms`] = percentile(times, 50);
      console.log(`    ${name.padEnd(20)} p50 ${percentile(times, 50)} ms`);
    }
    const d = await unitDashboard(deps, province, {});
    const counts = await handle.executeSql(`SELECT (SELECT count(*) FROM inspections)::int AS i, (SELECT count(*) FROM findings)::int AS f, (SELECT count(*) FROM scan_tasks)::int AS s`);
    const c = counts.rows[0] as { i: number; f: number; s: number };
    writeResult(`dashboard-${kind}`, metrics, { entities: d.entities.total, inspections: c.i, findings: c.f, scanTasks: c.s, repeats, engine: kind });
  } finally {
    if (kind === 'postgres' && !process.env.BENCH_KEEP) await handle.executeSql(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
    await handle.close();
  }
}

for (const engine of engines) {
  if (engine !== 'postgres' && engine !== 'pglite') throw new Error(`unknown engine ${engine}`);
  if (engine === 'postgres' && !pgUrl) throw new Error('set DATABASE_URL or TEST_DATABASE_URL for PostgreSQL');
  console.log(`dashboard bench on ${engine}`);
  await runEngine(engine);
}
process.exit(0);
