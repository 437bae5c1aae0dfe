// Registry benchmark: (1) import BENCH_IMPORT_ROWS entities (default 100 000) from a generated
// XLSX through the import use case: time, rows/s, peak RSS (milestones printed); (2) export of
// those entities through the export use case (masked XLSX streamed to a file): time, rows/s, peak
// RSS; (3) entity search p50/p95 through the list use case at BENCH_ENTITIES entities (default
// 1 000 000 on PostgreSQL, 200 000 on PGlite), the rest bulk-loaded with INSERT … SELECT
// generate_series. PostgreSQL runs when DATABASE_URL or TEST_DATABASE_URL is set (in a throw-away
// schema); PGlite always, unless BENCH_REGISTRY_ENGINES says otherwise (e.g. "postgres").
// BENCH_REGISTRY_PARTS picks parts (default "import,export,search"; export alone still imports
// first, unmeasured). Writes bench/results/registry.json (a partial run: registry-<parts>.json).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { loadConfig } from '../src/config';
import { buildDeps } from '../src/bootstrap';
import type { Actor } from '../src/domain/access';
import { actorFromUser } from '../src/domain/auth/actor';
import type { Deps } from '../src/domain/deps';
import { seedDemoOrg, type DemoOrg } from '../src/domain/demo/seed-org';
import { ZListEntitiesQuery } from '../src/domain/registry/entity';
import { importColumns } from '../src/domain/registry/entity-xlsx';
import { exportEntities, ZExportEntitiesQuery } from '../src/domain/registry/export-entities';
import { importEntities, type ImportProgress } from '../src/domain/registry/import-entities';
import { idNumberCheckChar } from '../src/domain/registry/personal-data';
import { listEntities } from '../src/domain/registry/read-entities';
import { composeUscc } from '../src/domain/registry/uscc';
import { openDatabase, type DbHandle } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import * as users from '../src/store/users.store';
import { envInt, percentile, round, trackPeakRss, writeResult } from './support';

const pgUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const engines = (process.env.BENCH_REGISTRY_ENGINES ?? (pgUrl ? 'postgres,pglite' : 'pglite')).split(',').map((s) => s.trim()).filter(Boolean);
const importRows = envInt('BENCH_IMPORT_ROWS', 100_000);
const parts = new Set((process.env.BENCH_REGISTRY_PARTS ?? 'import,export,search').split(',').map((s) => s.trim()).filter(Boolean));
for (const p of parts) if (!['import', 'export', 'search'].includes(p)) throw new Error(`unknown part ${p}`);
const repeats = envInt('BENCH_SEARCH_REPEATS', 20);
const words = ['云帆', '星河', '博远', '智联', '恒通', '天启', '蓝海', '锦程', '瑞达', '华信', '启明', '新航', '睿思', '众创', '汇通', '飞扬', '正源', '泰和', '嘉禾', '明德', '洋河', '运河', '楚韵', '金陵'];
const prefixes = ['宿迁', '沭阳', '宿城', '宿豫', '泗阳', '泗洪', '南京', '玄武', '秦淮', '建邺', '鼓楼', '江宁'];
const suffixes = ['网络科技有限公司', '信息技术有限公司', '数据中心有限公司', '文化传媒有限公司', '网咖', '中学', '人民医院', '市场监督管理局', '物流有限公司', '商贸有限公司'];
const types = ['icp', 'idc', 'isp', 'cdn', 'dns', 'publicAccess', 'school', 'hospital', 'government', 'enterprise', 'other'];

/** The import file: valid codes and people, 1 row in 5 with a website, all under the template headers. */
async function writeImportFile(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('单位信息');
  ws.addRow(importColumns.map((c) => (c.required ? `${c.header}*` : c.header))).commit();
  for (let i = 1; i <= rows; i++) {
    const idBody = `32130219${String(70 + (i % 30))}0101${String(i % 1000).padStart(3, '0')}`;
    const cells: Record<string, string> = {
      name: `${prefixes[i % prefixes.length]}${words[i % words.length]}${suffixes[i % suffixes.length]}导入${i}`,
      uscc: composeUscc(`91321302M${String(i).padStart(8, "0")}`),
      kind: i % 3 === 0 ? '联网使用单位' : '互联网服务提供者', type: i % 3 === 0 ? '企业' : '互联网信息服务',
      regionCode: '321302', address: `宿迁市宿城区测试路${i}号`,
      legalRepName: '王测试', legalRepPhone: `1380000${String(i % 10000).padStart(4, '0')}`, legalRepIdNumber: idBody + idNumberCheckChar(idBody),
      contactName: '李联系', contactPhone: '0527-84201234', serviceStartDate: '2023-05-01', isCii: '否',
      hostnames: i % 5 === 0 ? `www.import${i}.example` : '',
    };
    ws.addRow(importColumns.map((c) => cells[c.key] ?? null)).commit();
  }
  ws.commit();
  await wb.commit();
}

async function actorOf(deps: Deps, username: string): Promise<Actor> {
  const row = await users.findByUsername(deps.db, username);
  if (!row) throw new Error(`no ${username}`);
  return actorFromUser(row, { ip: null, source: 'cli' });
}

/** Bulk rows straight in SQL: names, types, units, statuses, services and sites spread deterministically. */
async function bulkLoad(handle: DbHandle, org: DemoOrg, count: number): Promise<void> {
  await handle.executeSql(`CREATE OR REPLACE FUNCTION bench_uscc(body text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT body || substr(cs, ((31 - (sum((strpos(cs, substr(body, i, 1)) - 1) * w[i]) % 31)::int) % 31) + 1, 1)
    FROM generate_series(1, 17) i, (SELECT '0123456789ABCDEFGHJKLMNPQRTUWXY'::text AS cs, ARRAY[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28] AS w) c
    GROUP BY cs, body $$`);
  const units = [org.cityA, org.countyA1, org.countyA2, org.cityB, org.countyB1];
  const batch = 100_000;
  for (let from = 1; from <= count; from += batch) {
    const to = Math.min(count, from + batch - 1);
    await handle.executeSql(
      `INSERT INTO entities (unit_id, unit_path, kind, type, name, uscc, address, region_code, status, service_types, focus_reasons, is_cii, service_start_date, is_demo, created_at, updated_at)
       SELECT ($1::uuid[])[1 + g % 5], ($2::text[])[1 + g % 5],
              CASE WHEN g % 11 < 6 THEN 'serviceProvider' ELSE 'networkUser' END, ($3::text[])[1 + g % 11],
              ($4::text[])[1 + g % 12] || ($5::text[])[1 + (g / 12) % 24] || ($6::text[])[1 + (g / 7) % 10] || g,
              bench_uscc('91' || ($7::text[])[1 + g % 5] || lpad(g::text, 9, '0')),
              '测试地址' || g || '号', ($7::text[])[1 + g % 5],
              (ARRAY['active','active','active','active','active','active','registered','suspended','closed'])[1 + g % 9],
              CASE WHEN g % 11 < 5 THEN ARRAY[(ARRAY['icp','idc','access','cdn','dns'])[1 + g % 11]] ELSE '{}' END,
              CASE WHEN g % 20 = 0 THEN ARRAY['O151-A9-F2'] ELSE NULL END,
              g % 50 = 0, DATE '2015-01-01' + (g % 3650), true,
              now() - make_interval(secs => g), now() - make_interval(secs => g)
       FROM generate_series($8::int, $9::int) g`,
      [units.map((u) => u.id), units.map((u) => u.path), types, prefixes, words, suffixes, units.map((u) => u.regionCode), from, to],
    );
    await handle.executeSql(
      `INSERT INTO entity_sites (entity_id, unit_path, kind, hostname, ips, ports)
       SELECT id, unit_path, 'website', 'www.b' || substr(uscc, 9, 9) || '.example', ARRAY['203.0.113.' || (1 + abs(hashtext(uscc)) % 254)], ARRAY[80, 443]
       FROM entities WHERE is_demo AND substr(uscc, 9, 9) BETWEEN lpad($1::text, 9, '0') AND lpad($2::text, 9, '0') AND substr(uscc, 17, 1) IN ('0', '3', '6')`,
      [from, to],
    );
    process.stdout.write(`\r  bulk-loaded ${to}/${count}`);
  }
  process.stdout.write('\n');
  // Steady state: autovacuum would have set the visibility map, which index-only counts rely on.
  await handle.executeSql('VACUUM (ANALYZE) entities');
  await handle.executeSql('VACUUM (ANALYZE) entity_sites');
}

type Probe = { name: string; actor: 'province' | 'city'; query: Record<string, string> };

async function runEngine(kind: 'postgres' | 'pglite', out: Record<string, number | string | boolean>, sizes: Record<string, number | string>) {
  const schema = `bench_registry_${process.pid}`;
  const handle = kind === 'postgres' ? await openDatabase({ kind: 'postgres', url: pgUrl!, schema, max: 4 }) : await openDatabase({ kind: 'pglite' });
  try {
    await migrate(handle);
    const deps = buildDeps(loadConfig({ WANGAN_DATA_DIR: '/tmp/wangan-bench', LOG_LEVEL: 'silent' }), handle, { secret: 'bench-secret-0123456789abcdef' });
    const org = await seedDemoOrg(deps, { onlyUsers: ['demo-inspector', 'demo-province-leader'] });
    const inspector = await actorOf(deps, 'demo-inspector');
    const leader = await actorOf(deps, 'demo-province-leader');
    const prefix = kind === 'postgres' ? 'pg' : 'pglite';

    // 1. import
    const file = path.join(os.tmpdir(), `wangan-registry-import-${importRows}.xlsx`);
    if (!fs.existsSync(file)) {
      const t = Date.now();
      await writeImportFile(file, importRows);
      console.log(`  generated ${file} (${round(fs.statSync(file).size / 1e6)} MB) in ${round((Date.now() - t) / 1000)} s`);
    }
    if (parts.has('import') || parts.has('export')) {
      let buffer: Buffer | null = fs.readFileSync(file);
      global.gc?.();
      const stopRss = trackPeakRss();
      // Milestones from the progress reports (reading, checking and writing overlap chunk by chunk).
      let firstWrite = 0;
      let readDone = 0;
      const onProgress = (p: ImportProgress) => {
        if (p.phase === 'write' && !firstWrite) firstWrite = performance.now();
        if (p.phase === 'parse' && p.total !== null) readDone = performance.now();
      };
      const t0 = performance.now();
      const report = await importEntities(deps, inspector, { file: buffer, fileName: path.basename(file), mode: 'all', isDemo: true, onProgress });
      const seconds = (performance.now() - t0) / 1000;
      buffer = null;
      const peak = stopRss();
      if (!report.committed || report.written !== importRows) throw new Error(`import wrote ${report.written}: ${JSON.stringify(report.issues.slice(0, 5))}`);
      if (parts.has('import')) {
        out[`${prefix}ImportSeconds`] = round(seconds, 2);
        out[`${prefix}ImportRowsPerSecond`] = round(importRows / seconds, 0);
        out[`${prefix}ImportPeakRssMb`] = peak;
        const at = (t: number) => round((t - t0) / 1000, 1);
        console.log(`  import ${importRows} rows: ${round(seconds, 1)} s (first write at ${at(firstWrite)} s, all rows read and checked at ${at(readDone)} s), peak RSS ${peak} MB`);
      }
    }

    // 2. export of the imported entities (the inspector's unit holds them)
    if (parts.has('export')) {
      const target = path.join(os.tmpdir(), `wangan-registry-export-${process.pid}.xlsx`);
      global.gc?.();
      const stopRss = trackPeakRss();
      const t0 = performance.now();
      const plan = await exportEntities(deps, inspector, ZExportEntitiesQuery.parse({}));
      const { rows } = await plan.write(fs.createWriteStream(target));
      const seconds = (performance.now() - t0) / 1000;
      const peak = stopRss();
      const size = fs.statSync(target).size;
      fs.rmSync(target, { force: true });
      if (rows < importRows) throw new Error(`export wrote ${rows} rows, expected at least ${importRows}`);
      out[`${prefix}ExportSeconds`] = round(seconds, 2);
      out[`${prefix}ExportRowsPerSecond`] = round(rows / seconds, 0);
      out[`${prefix}ExportPeakRssMb`] = peak;
      sizes[`${prefix}ExportRows`] = rows;
      console.log(`  export ${rows} rows (${round(size / 1e6)} MB): ${round(seconds, 1)} s, peak RSS ${peak} MB`);
    }
    if (!parts.has('search')) return;

    // 3. search at N
    const total = envInt('BENCH_ENTITIES', kind === 'postgres' ? 1_000_000 : 200_000);
    const t1 = performance.now();
    const imported = parts.has('import') || parts.has('export') ? importRows : 0;
    if (total > imported) await bulkLoad(handle, org, total - imported);
    out[`${prefix}BulkLoadSeconds`] = round((performance.now() - t1) / 1000, 1);
    const sample = await deps.db.selectFrom('entities').select(['uscc', 'name']).where('isDemo', '=', true).orderBy('uscc').offset(Math.floor(total / 2)).limit(1).executeTakeFirstOrThrow();
    const site = await deps.db.selectFrom('entitySites').select('hostname').orderBy('hostname', 'desc').limit(1).executeTakeFirst();
    const probes: Probe[] = [
      { name: 'Default', actor: 'province', query: {} },
      { name: 'CityDefault', actor: 'city', query: {} },
      { name: 'TypeSortName', actor: 'province', query: { type: 'icp', sort: 'name', dir: 'asc' } },
      { name: 'NamePrefix', actor: 'city', query: { q: '宿迁云帆' } },
      { name: 'NameSubstring', actor: 'province', query: { q: '锦程数据' } },
      { name: 'NameRare', actor: 'city', query: { q: sample.name } },
      { name: 'Uscc', actor: 'province', query: { q: sample.uscc } },
      { name: 'Hostname', actor: 'province', query: { q: site?.hostname ?? 'www.import5.example' } },
      { name: 'StatusFocus', actor: 'city', query: { status: 'suspended', focus: 'true' } },
      { name: 'ServiceType', actor: 'province', query: { serviceType: 'idc' } },
      { name: 'UnitType', actor: 'city', query: { unitId: org.countyA1.id, type: 'school' } },
      { name: 'DeepPage', actor: 'city', query: { offset: '10000', sort: 'createdAt' } },
    ];
    const all: number[] = [];
    for (const p of probes) {
      const actor = p.actor === 'province' ? leader : inspector;
      const query = ZListEntitiesQuery.parse(p.query);
      const times: number[] = [];
      let found = 0;
      for (let i = 0; i < repeats + 2; i++) {
        const s = performance.now();
        const r = await listEntities(deps, actor, query);
        const ms = performance.now() - s;
        found = r.total;
        if (i >= 2) times.push(ms); // two warm-up runs
      }
      all.push(...times);
      out[`${prefix}Search${p.name}P95Ms`] = percentile(times, 95);
      console.log(`  ${p.name.padEnd(14)} p50 ${percentile(times, 50)} ms  p95 ${percentile(times, 95)} ms  (${found} found)`);
    }
    out[`${prefix}SearchP50Ms`] = percentile(all, 50);
    out[`${prefix}SearchP95Ms`] = percentile(all, 95);
    sizes[`${prefix}Entities`] = total;
  } finally {
    if (kind === 'postgres' && !process.env.BENCH_KEEP) await handle.executeSql(`DROP SCHEMA ${schema} CASCADE`).catch(() => undefined);
    await handle.close();
  }
}

const metrics: Record<string, number | string | boolean> = {};
const sizes: Record<string, number | string> = { importRows, searchRepeats: repeats, parts: [...parts].join(',') };
for (const engine of engines) {
  if (engine !== 'postgres' && engine !== 'pglite') throw new Error(`unknown engine ${engine}`);
  if (engine === 'postgres' && !pgUrl) throw new Error('set DATABASE_URL or TEST_DATABASE_URL for PostgreSQL');
  console.log(`registry bench on ${engine}`);
  await runEngine(engine, metrics, sizes);
}
// A run of some parts only goes to its own file, so it does not clobber the full results.
const allParts = ['import', 'export', 'search'].every((p) => parts.has(p));
writeResult(allParts ? 'registry' : `registry-${[...parts].sort().join('-')}`, metrics, sizes);
process.exit(0);
