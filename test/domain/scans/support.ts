/**
 * A scanning world for tests: the demo org, an entity of cityA with the fixture farm's sites
 * registered through the registry use cases, an active authorisation (drafted by an inspector,
 * approved by a leader, notice recorded, activated), and the job runner working the scan queues
 * in-process with the scanner pointed at the farm.
 */

import type { TestContext } from 'node:test';
import { sql } from 'kysely';
import type { Actor } from '../../../src/domain/access';
import { actorFromUser } from '../../../src/domain/auth/actor';
import { createEntity } from '../../../src/domain/registry/create-entity';
import { addSite } from '../../../src/domain/registry/manage-sites';
import { composeUscc } from '../../../src/domain/registry/uscc';
import {
  activateAuthorisation, approveAuthorisation, createAuthorisation, recordEntityNotice, type AuthorisationInput,
} from '../../../src/domain/scans/authorisations';
import { createAgency, setAgencyStaff } from '../../../src/domain/scans/agencies';
import { scanEngineFor, type ScanEngine, type ScanEngineOptions } from '../../../src/domain/scans/worker/engine';
import { createUser } from '../../../src/domain/users/manage-users';
import { startJobs, type JobRunner } from '../../../src/jobs/queue';
import { jobHandlers } from '../../../src/jobs/registry';
import { siteFingerprint } from '../../../src/scan/analyze';
import type { Capture, Evidence, RegisteredFacts } from '../../../src/scan/evidence';
import { staticNetwork, type RetrievalLimits } from '../../../src/scan/retrieve';
import type { RetrievalEnvironment } from '../../../src/scan/run';
import * as scans from '../../../src/store/scans.store';
import type { FingerprintJson } from '../../../src/store/tables/scans';
import { testDeps } from '../../support/db';
import { startFarm, type Farm, type FarmOptions, type FixtureSite } from '../../support/fixture-farm';
import { seedOrg, type TestOrg } from '../../support/org';

export type TestDeps = Awaited<ReturnType<typeof testDeps>>;

/** Rates lifted and retries quick; concurrency limits (2 per host) kept. */
export const TEST_LIMITS: Partial<RetrievalLimits> = {
  globalRatePerSec: Infinity, perHostRatePerSec: Infinity, perIpRatePerSec: Infinity, perIpConcurrency: 64,
  retryDelaysMs: [20, 80],
};

/** AVL-01's late retry in tests: unreachable fixtures are retried after 100 ms, not 5 min. */
export const TEST_LATE_RETRY_MS = 100;

export function farmEnvironment(farm: Pick<Farm, 'hosts' | 'rootCaPem'>, limits: Partial<RetrievalLimits> = TEST_LIMITS, sitesInFlight = 200): RetrievalEnvironment {
  return {
    options: { network: 'loopback', ...staticNetwork(farm.hosts), extraCaPem: [farm.rootCaPem] },
    limits, sitesInFlight, lateRetryMs: TEST_LATE_RETRY_MS,
  };
}

let usccCounter = 5000;
export function makeUscc(): string {
  usccCounter++;
  return composeUscc(`91321300${String(usccCounter).padStart(9, '0')}`);
}

/** Registers an entity under the actor's unit (cityA for demo-inspector). */
export async function makeEntity(deps: TestDeps, actor: Actor, name = '测试网站运营有限公司') {
  const { entity } = await createEntity(deps, actor, {
    kind: 'serviceProvider', type: 'icp', name: `${name}${usccCounter}`, uscc: makeUscc(), address: '江苏省宿迁市宿城区测试路1号',
    regionCode: '321302', serviceStartDate: '2020-01-01', isCii: false, isCounterTerrorTarget: false,
    providesPublicInfoService: true, people: {},
  });
  return entity;
}

/** Registers a website with the registry facts of a fixture (or plain facts for a bench/extra host). */
export async function registerSite(deps: TestDeps, actor: Actor, entityId: string, host: string, registered?: RegisteredFacts) {
  const row = await addSite(deps, actor, {
    entityId, kind: 'website', name: host, hostname: host, ips: registered?.ips ?? ['127.0.0.1'], ports: [],
    icpFilingNumber: registered?.icpNumber ?? null, psbFilingNumber: registered?.psbNumber ?? null, attributes: {}, status: 'active',
  });
  return row;
}

/** The fingerprint of an HTML home page, as a baseline would hold it. */
export function fingerprintOfHtml(html: string, host: string): FingerprintJson {
  const cap: Capture = {
    url: `https://${host}/`, status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html, bodyBytes: html.length,
    headHex: '', truncated: false, ip: '127.0.0.1', timingMs: 1,
  };
  const ev: Evidence = {
    scannedAt: new Date().toISOString(),
    target: { siteId: host, host, registered: { icpNumber: null, psbNumber: null, ips: [], hostnames: [host], serviceTypes: [], regionCode: null, mlpsLevel: null } },
    dns: { a: [], aaaa: [], cname: [] }, http: null, https: { hops: [], final: cap, stopReason: null, offHostTarget: null },
    tls: null, probes: {}, randomProbe: null, spider: null, baseline: null, history: { tasks: [], lastMinhash: null, unchangedSince: null },
  };
  const fp = siteFingerprint(ev);
  if (!fp) throw new Error('no fingerprint');
  return fp;
}

/** Seeds what a fixture needs besides its registry row: an approved baseline, earlier tasks. */
export async function seedNeeds(deps: TestDeps, site: FixtureSite, siteId: string, unitPath: string): Promise<void> {
  const needs = site.needs;
  if (!needs) return;
  const now = Date.now();
  if (needs.baselineHtml) {
    await scans.putApprovedBaseline(deps.db, {
      siteId, unitPath, capturedAt: new Date(now - 40 * 86_400_000), fingerprint: fingerprintOfHtml(needs.baselineHtml, site.host),
    });
  }
  if (needs.priorTasks) {
    await scans.putHistory(deps.db, {
      siteId, unitPath,
      tasks: needs.priorTasks.map((p) => ({ scannedAt: new Date(now - p.daysAgo * 86_400_000).toISOString(), siteStatus: p.siteStatus, signals: p.signals })),
      lastMinhash: null, unchangedSince: null,
    });
  }
}

/** Drafted by `author`, approved by `leader`, notice recorded, activated. */
export async function activeAuthorisation(deps: TestDeps, author: Actor, leader: Actor, input: Partial<AuthorisationInput> & Pick<AuthorisationInput, 'entityId' | 'siteIds'>) {
  const now = deps.now().getTime();
  const draft = await createAuthorisation(deps, author, {
    validFrom: new Date(now - 3_600_000).toISOString(), validUntil: new Date(now + 7 * 86_400_000).toISOString(),
    profile: 'standard', agencyStaffIds: [], purpose: '远程检测（测试）', ...input,
  });
  await approveAuthorisation(deps, leader, { authorisationId: draft.id });
  await recordEntityNotice(deps, author, { authorisationId: draft.id, noticeRef: '宿公网安〔2026〕第1号告知书' });
  return activateAuthorisation(deps, author, { authorisationId: draft.id });
}

export type ScanWorld = {
  deps: TestDeps;
  org: TestOrg;
  inspector: Actor;
  leader: Actor;
  farm: Farm;
  entity: Awaited<ReturnType<typeof makeEntity>>;
  /** fixture name (or host) → site id */
  siteIds: Map<string, string>;
  runner: JobRunner;
  engine: ScanEngine;
};

export const WORLD_USERS = ['demo-inspector', 'demo-inspector2', 'demo-leader', 'demo-nj-inspector', 'demo-county-inspector', 'demo-sysadmin'];

/** Starts the job runner on the test database, with the scan engine aimed at the farm. */
export async function startRunner(t: Pick<TestContext, 'after'>, deps: TestDeps, farm: Farm | null, engine: ScanEngineOptions = {}): Promise<{ runner: JobRunner; engine: ScanEngine }> {
  const runner = await startJobs(deps.handle, deps.log);
  deps.jobs = runner;
  const e = scanEngineFor(deps, { ...(farm ? { retrieval: farmEnvironment(farm) } : {}), ...engine });
  await runner.work(jobHandlers(deps), { pollingIntervalSeconds: 0.5 });
  t.after(async () => {
    await e.stop();
    await runner.stop().catch(() => undefined);
  });
  return { runner, engine: e };
}

export async function scanWorld(t: Pick<TestContext, 'after'>, opts: { farm?: FarmOptions; seedNeeds?: boolean; engine?: ScanEngineOptions; runner?: boolean } = {}): Promise<ScanWorld> {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, WORLD_USERS);
  const farm = await startFarm(opts.farm ?? {});
  t.after(() => farm.stop());
  const inspector = await org.actor('demo-inspector');
  const leader = await org.actor('demo-leader');
  const entity = await makeEntity(deps, inspector);
  const siteIds = new Map<string, string>();
  for (const s of farm.sites) {
    const row = await registerSite(deps, inspector, entity.id, s.host, s.registered);
    siteIds.set(s.name, row.id);
    if (opts.seedNeeds !== false) await seedNeeds(deps, s, row.id, entity.unitPath);
  }
  for (const host of [...farm.benchSites.map((b) => b.host), ...Object.keys(opts.farm?.extraHosts ?? {})]) {
    const row = await registerSite(deps, inspector, entity.id, host);
    siteIds.set(host, row.id);
  }
  const started = opts.runner === false ? null : await startRunner(t, deps, farm, opts.engine);
  return { deps, org, inspector, leader, farm, entity, siteIds, runner: started?.runner as JobRunner, engine: started?.engine as ScanEngine };
}

/** Polls until the scan reaches a final status (or `until` says so). */
export async function waitForScan(deps: TestDeps, scanId: string, opts: { timeoutMs?: number; until?: (s: scans.ScanRow) => boolean } = {}): Promise<scans.ScanRow> {
  const done = opts.until ?? ((s) => ['completed', 'completed_partial', 'cancelled', 'failed'].includes(s.status));
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    const s = await scans.scanById(deps.db, scanId);
    if (s && done(s)) return s;
    if (Date.now() > deadline) throw new Error(`scan ${scanId} still ${s?.status} (${s?.doneTasks}/${s?.totalTasks})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The org and an entity of cityA with `n` registered websites; no farm, no runner. */
export async function registryWorld(t: Pick<TestContext, 'after'>, n = 2, prefix = 'site') {
  const deps = await testDeps(t);
  const org = await seedOrg(deps, WORLD_USERS);
  const inspector = await org.actor('demo-inspector');
  const leader = await org.actor('demo-leader');
  const entity = await makeEntity(deps, inspector);
  const sites = [];
  for (let i = 1; i <= n; i++) sites.push(await registerSite(deps, inspector, entity.id, `${prefix}${i}.${entity.id.slice(0, 8)}.example.test`));
  return { deps, org, inspector, leader, entity, sites };
}

let agencyCounter = 0;
/** An agency of the actor's unit with one agency account listed as staff (undertaking signed unless told). */
export async function agencyWithStaff(deps: TestDeps, org: TestOrg, inspector: Actor, opts: { signed?: boolean; extraStaff?: number } = {}) {
  agencyCounter++;
  const agency = await createAgency(deps, inspector, {
    name: `测试网络安全技术有限公司${agencyCounter}`, uscc: makeUscc(), contractRef: `HT-2026-${agencyCounter}`,
    contractFrom: '2026-01-01', contractUntil: '2030-12-31', status: 'active',
  });
  const sysadmin = await org.actor('demo-sysadmin');
  const staff = [];
  for (let i = 0; i <= (opts.extraStaff ?? 0); i++) {
    staff.push(await createUser(deps, sysadmin, {
      username: `agency${agencyCounter}-${i}`, displayName: `机构人员${agencyCounter}-${i}`, kind: 'agency', unitId: inspector.unitId,
      password: 'Agency@wangan2026x', agencyId: agency.id,
    }));
  }
  await setAgencyStaff(deps, inspector, {
    agencyId: agency.id,
    staff: staff.map((u) => ({ userId: u.id, undertakingSigned: opts.signed ?? true, undertakingRef: 'BM-001', undertakingOn: '2026-01-05' })),
  });
  return { agency, staff, actors: staff.map((u) => actorFromUser(u, { ip: '127.0.0.1', source: 'web' })) };
}

/** Audit actions recorded for a target, in chain order. */
export async function auditActions(deps: { db: TestDeps['db'] }, targetId: string): Promise<string[]> {
  const r = await sql<{ action: string }>`select action from audit_log where target_id = ${targetId} order by seq`.execute(deps.db);
  return r.rows.map((x) => x.action);
}
