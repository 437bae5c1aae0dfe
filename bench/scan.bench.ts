// Scan throughput (remote-detection.md §6): N farm sites in bench mode (BENCH_SITES, default
// 10 000) served by a child process over 127.0.0.1–127.0.0.64, scanned with the `http` profile.
// Ceiling: a bare undici loop issuing exactly the http profile's requests per site (both home
// walks, the random probe, robots.txt), bodies drained, no parsing, no database; run before and
// after the engine, the faster counts. Engine: startScan through the use case, one worker,
// persisting to PGlite in a data dir (PostgreSQL when DATABASE_URL is set), timed from the start
// call to the last commit. Rates lifted, concurrency limits and retries as in production.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { sql } from 'kysely';
import { Pool } from 'undici';
import { buildDeps } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { seedDemoOrg } from '../src/domain/demo/seed-org';
import { createEntity } from '../src/domain/registry/create-entity';
import { composeUscc } from '../src/domain/registry/uscc';
import {
  activateAuthorisation, approveAuthorisation, createAuthorisation, recordEntityNotice,
} from '../src/domain/scans/authorisations';
import { startScan } from '../src/domain/scans/start-scan';
import { scanEngineFor } from '../src/domain/scans/worker/engine';
import { actorFromUser } from '../src/domain/auth/actor';
import { startJobs } from '../src/jobs/queue';
import { jobHandlers } from '../src/jobs/registry';
import { DEFAULT_LIMITS, getOffLoopbackAttempts, staticNetwork } from '../src/scan/retrieve';
import { LIFTED_RATES, SITES_IN_FLIGHT } from '../src/scan/run';
import { openDatabase } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import * as assets from '../src/store/registry.assets.store';
import * as scans from '../src/store/scans.store';
import * as users from '../src/store/users.store';
import { startFarmProcess, type Farm, type FarmAddress } from '../test/support/fixture-farm';
import { envInt, percentile, profileWindow, round, trackPeakRss, writeResult } from './support';

const SITES = envInt('BENCH_SITES', 10_000);
const IPS = envInt('BENCH_IPS', 64);
const CONCURRENCY = SITES_IN_FLIGHT;
const LATE_RETRY_MS = envInt('BENCH_LATE_RETRY_MS', 1000);

// ---------------------------------------------------------------- ceiling

/** One TLS context for the whole loop, as the scanner's connector keeps one per worker. */
const ceilingTls = tls.createSecureContext({ minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' });

class Semaphore {
  private queue: (() => void)[] = [];
  constructor(private free: number) {}
  async take(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((r) => this.queue.push(r));
    return () => {
      const next = this.queue.shift();
      if (next) next();
      else this.free++;
    };
  }
}

/** The http profile's requests for one site, as bare undici calls under the same per-IP and per-host limits. */
async function ceilingSite(host: string, addr: FarmAddress, perIp: Map<string, Semaphore>): Promise<void> {
  const ip = perIp.get(addr.ip) ?? new Semaphore(DEFAULT_LIMITS.perIpConcurrency);
  perIp.set(addr.ip, ip);
  const httpPool = new Pool(`http://${addr.ip}:${addr.httpPort}`, { connections: DEFAULT_LIMITS.connectionsPerOrigin, keepAliveTimeout: 4000 });
  const httpsPool = new Pool(`https://${addr.ip}:${addr.httpsPort}`, {
    connections: DEFAULT_LIMITS.connectionsPerOrigin, keepAliveTimeout: 4000, connect: { servername: host, rejectUnauthorized: false, secureContext: ceilingTls },
  });
  const get = async (pool: Pool, p: string): Promise<{ status: number; location?: string } | null> => {
    const release = await ip.take();
    try {
      const r = await pool.request({ path: p, method: 'GET', headers: { host, 'user-agent': 'ceiling' }, headersTimeout: 10_000, bodyTimeout: 10_000 });
      await r.body.dump();
      const loc = r.headers.location;
      return { status: r.statusCode, location: typeof loc === 'string' ? loc : undefined };
    } catch {
      return null;
    } finally {
      release();
    }
  };
  try {
    const walkHttp = async () => {
      const r = await get(httpPool, '/');
      if (r && r.status >= 300 && r.status < 400 && r.location?.startsWith(`https://${host}`)) return get(httpsPool, new URL(r.location).pathname);
      return r;
    };
    const [h, s] = await Promise.all([walkHttp(), get(httpsPool, '/')]);
    const base = s ? httpsPool : h ? httpPool : null;
    if (!base) return;
    await get(base, `/${Math.random().toString(16).slice(2, 18).padEnd(16, '0')}.html`);
    await get(base, '/robots.txt');
  } finally {
    await Promise.all([httpPool.close(), httpsPool.close()]);
  }
}

let ceilingCpuMsPerSite = 0;

async function ceiling(farm: Farm): Promise<number> {
  const cpu0 = process.cpuUsage();
  const hosts = farm.benchSites.map((s) => s.host);
  const perIp = new Map<string, Semaphore>();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (;;) {
      const i = next++;
      const host = hosts[i];
      if (!host) return;
      const addr = farm.hosts[host];
      if (addr) await ceilingSite(host, addr, perIp);
    }
  }));
  const cpu = process.cpuUsage(cpu0);
  ceilingCpuMsPerSite = (cpu.user + cpu.system) / 1000 / hosts.length;
  return hosts.length / ((performance.now() - t0) / 1000);
}

// ---------------------------------------------------------------- engine

async function engine(farm: Farm): Promise<{ sitesPerSecond: number; wallSeconds: number; p95SiteMs: number; peakRssMb: number; baselineRssMb: number; database: string; done: number; failed: number; cpuMsPerSite: number }> {
  const url = process.env.DATABASE_URL;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangan-scan-bench-'));
  const handle = url
    ? await openDatabase({ kind: 'postgres', url, schema: `bench_${Date.now().toString(36)}` })
    // BENCH_PGLITE=memory: PGlite without a data dir (no file system under the WAL).
    : await openDatabase({ kind: 'pglite', dataDir: process.env.BENCH_PGLITE === 'memory' ? undefined : dataDir });
  await migrate(handle);
  const config = loadConfig({ WANGAN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const base = buildDeps(config, handle, { secret: 'bench-secret-0123456789abcdef' });
  const runner = await startJobs(handle, base.log);
  const deps = buildDeps(config, handle, { jobs: runner, secret: 'bench-secret-0123456789abcdef' });
  try {
    const org = await seedDemoOrg(deps, { onlyUsers: ['demo-inspector', 'demo-leader'] });
    const actor = async (name: string) => actorFromUser((await users.findByUsername(deps.db, name))!, { ip: null, source: 'cli' });
    const inspector = await actor('demo-inspector');
    const leader = await actor('demo-leader');
    const { entity } = await createEntity(deps, inspector, {
      kind: 'serviceProvider', type: 'idc', name: '基准测试主机托管有限公司', uscc: composeUscc('91321300000000777'), address: '江苏省宿迁市测试路1号',
      regionCode: '321302', serviceStartDate: '2020-01-01', isCii: false, isCounterTerrorTarget: false, providesPublicInfoService: true, people: {},
    });
    await deps.db.transaction().execute((trx) => assets.insertSites(trx, farm.benchSites.map((s) => ({
      entityId: entity.id, unitPath: entity.unitPath, kind: 'website', name: s.host, hostname: s.host, ips: [farm.hosts[s.host]?.ip ?? '127.0.0.1'],
      icpFilingNumber: '京ICP备12345678号-1', psbFilingNumber: '京公网安备11010502000001号', attributes: {}, status: 'active',
    }))));
    const siteIds = (await deps.db.selectFrom('entitySites').select('id').where('entityId', '=', entity.id).execute()).map((r) => r.id);
    const now = Date.now();
    for (let i = 0; i < siteIds.length; i += 10_000) {
      const a = await createAuthorisation(deps, inspector, {
        entityId: entity.id, siteIds: siteIds.slice(i, i + 10_000), validFrom: new Date(now - 60_000).toISOString(),
        validUntil: new Date(now + 86_400_000).toISOString(), profile: 'http', agencyStaffIds: [], purpose: '基准测试',
      });
      await approveAuthorisation(deps, leader, { authorisationId: a.id });
      await recordEntityNotice(deps, inspector, { authorisationId: a.id, noticeRef: 'BENCH-1' });
      await activateAuthorisation(deps, inspector, { authorisationId: a.id });
    }
    // The farm's unreachable sites get AVL-01's late retry; production waits ≥ 5 min for it, which
    // would measure the wait, not the engine: the bench waits BENCH_LATE_RETRY_MS (1 s).
    scanEngineFor(deps, {
      lateRetryMs: LATE_RETRY_MS,
      retrieval: {
        options: { network: 'loopback', ...staticNetwork(farm.hosts), extraCaPem: [farm.rootCaPem] },
        limits: { ...LIFTED_RATES }, sitesInFlight: CONCURRENCY,
      },
    });
    await runner.work(jobHandlers(deps));
    void org;

    if (typeof global.gc === 'function') global.gc();
    // PGlite alone holds 500–900 MB of WASM memory once open: the growth during the scan is
    // reported beside the peak so the engine's own footprint is visible.
    const baselineRssMb = round(process.memoryUsage().rss / 1048576, 1);
    const peak = trackPeakRss();
    const stopProfile = await profileWindow();
    const cpu0 = process.cpuUsage();
    const t0 = Date.now();
    const scan = await startScan(deps, inspector, { target: { kind: 'entity', entityId: entity.id }, profile: 'http' });
    let last = 0;
    for (;;) {
      const s = await scans.scanById(deps.db, scan.id);
      const finished = (s?.doneTasks ?? 0) + (s?.failedTasks ?? 0) + (s?.skippedTasks ?? 0) + (s?.cancelledTasks ?? 0);
      if (finished >= SITES || ['completed', 'completed_partial', 'failed', 'cancelled'].includes(s?.status ?? '')) break;
      if (Date.now() - last > 5000) {
        last = Date.now();
        console.log(`  engine: ${finished}/${SITES} after ${round((Date.now() - t0) / 1000)} s, rss ${round(process.memoryUsage().rss / 1048576, 0)} MB`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const peakRssMb = peak();
    await stopProfile();
    if (typeof global.gc === 'function') global.gc();
    const heapAfterGcMb = round(process.memoryUsage().heapUsed / 1048576, 1);
    console.log(`  heap after the scan and a full GC: ${heapAfterGcMb} MB (rss ${round(process.memoryUsage().rss / 1048576, 0)} MB)`);
    const cpu = process.cpuUsage(cpu0);
    const s = await scans.scanById(deps.db, scan.id);
    const wallSeconds = ((s?.lastCommitAt?.getTime() ?? Date.now()) - t0) / 1000;
    const durations = await sql<{ d: number }>`select duration_ms as d from scan_tasks where scan_id = ${scan.id} and duration_ms is not null`.execute(deps.db);
    await waitFinal(deps, scan.id);
    console.log(`  drain: ${JSON.stringify(scanEngineFor(deps).lastDrain?.timings)}`);
    return {
      sitesPerSecond: SITES / wallSeconds, wallSeconds, p95SiteMs: percentile(durations.rows.map((r) => r.d), 95), peakRssMb, baselineRssMb,
      database: handle.kind, done: s?.doneTasks ?? 0, failed: s?.failedTasks ?? 0, cpuMsPerSite: (cpu.user + cpu.system) / 1000 / SITES,
    };
  } finally {
    await scanEngineFor(deps).stop();
    await runner.stop().catch(() => undefined);
    if (url) await handle.executeSql(`DROP SCHEMA IF EXISTS ${handle.schema} CASCADE; DROP SCHEMA IF EXISTS ${handle.schema}_boss CASCADE`).catch(() => undefined);
    await handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function waitFinal(deps: { db: Parameters<typeof scans.scanById>[0] }, scanId: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const s = await scans.scanById(deps.db, scanId);
    if (s && ['completed', 'completed_partial', 'failed', 'cancelled'].includes(s.status)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

// ---------------------------------------------------------------- run

const farm = await startFarmProcess({ fixtures: false, bench: { sites: SITES, ips: IPS }, log: false });
try {
  const ipCount = new Set(Object.values(farm.hosts).map((a) => a.ip)).size;
  console.log(`farm: ${SITES} sites over ${ipCount} loopback IPs`);
  // BENCH_CEILING=0 skips the ceiling runs (profiling the engine alone).
  const withCeiling = process.env.BENCH_CEILING !== '0';
  const before = withCeiling ? await ceiling(farm) : 0;
  console.log(`  ceiling (before): ${round(before)} sites/s`);
  const e = await engine(farm);
  console.log(`  engine: ${round(e.sitesPerSecond)} sites/s, ${round(e.wallSeconds)} s, done ${e.done}, failed ${e.failed}, ${round(e.cpuMsPerSite, 2)} ms CPU/site`);
  const after = withCeiling ? await ceiling(farm) : 0;
  console.log(`  ceiling (after): ${round(after)} sites/s`);
  const ceilingSitesPerSecond = Math.max(before, after);
  // PGlite (the default) writes scan.json; a PostgreSQL run (DATABASE_URL) writes scan-postgres.json.
  writeResult(e.database === 'postgres' ? 'scan-postgres' : 'scan', {
    sitesPerSecond: round(e.sitesPerSecond),
    ceilingSitesPerSecond: round(ceilingSitesPerSecond),
    ceilingRatio: ceilingSitesPerSecond > 0 ? round(e.sitesPerSecond / ceilingSitesPerSecond, 2) : 0,
    wallSeconds: round(e.wallSeconds),
    p95SiteMs: round(e.p95SiteMs, 0),
    peakRssMb: e.peakRssMb,
    baselineRssMb: e.baselineRssMb,
    scanRssGrowthMb: round(e.peakRssMb - e.baselineRssMb, 1),
    offLoopbackAttempts: getOffLoopbackAttempts(),
    failedTasks: e.failed,
    // CPU time of this process (scanner + embedded database) per site: comparable across busy and idle machines.
    engineCpuMsPerSite: round(e.cpuMsPerSite, 2),
    ceilingCpuMsPerSite: round(ceilingCpuMsPerSite, 2),
  }, { sites: SITES, profile: 'http', concurrency: CONCURRENCY, database: e.database === 'pglite' && process.env.BENCH_PGLITE === 'memory' ? 'pglite-memory' : e.database, ips: ipCount, loadAverage1m: round(os.loadavg()[0] ?? 0, 2) });
} finally {
  await farm.stop();
}
