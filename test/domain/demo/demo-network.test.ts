import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import { buildDeps } from '../../../src/bootstrap';
import { DEMO_LATE_RETRY_MS, demoNetworkRefusal, startDemoNetwork, startDemoScan } from '../../../src/domain/demo/demo-network';
import { DEFECT_CHECK, DEMO_DEFECTS, plantedDefect } from '../../../src/domain/demo/demo-web/defects';
import { seedDemoOrg } from '../../../src/domain/demo/seed-org';
import { seedRegistryDemo } from '../../../src/domain/demo/seed-registry';
import { seedScansDemo } from '../../../src/domain/scans/seed-demo';
import { scanEngineFor } from '../../../src/domain/scans/worker/engine';
import { startJobs } from '../../../src/jobs/queue';
import { jobHandlers } from '../../../src/jobs/registry';
import { getOffLoopbackAttempts, isLoopbackAddress, type RequestLogEntry } from '../../../src/scan/retrieve';
import { testConfig, testDeps } from '../../support/db';
import { waitForScan } from '../scans/support';

/** Severities at or above medium: what a clean demo site must not show beyond the accepted ones. */
const MEDIUM_OR_WORSE = new Set(['medium', 'high', 'critical']);
/**
 * Accepted on clean demo sites: TLS-01, because the demo network serves HTTP only (443 is a
 * closed port), so every demo site is "no HTTPS" (medium, cap C); and HDR-*, header checks of an
 * HTTP-only site. Nothing else of medium or worse may show.
 */
const ACCEPTED_ON_CLEAN = /^(TLS-01|HDR-\d\d)$/;

async function demoWorld(t: Parameters<typeof testDeps>[0]) {
  const deps = await testDeps(t);
  const org = await seedDemoOrg(deps);
  await seedRegistryDemo(deps, org);
  await seedScansDemo(deps, org);
  return { deps, org };
}

test('the demo network serves each demo website by Host on loopback, with real 404s and planted defects', async (t) => {
  const { deps } = await demoWorld(t);
  const net = await startDemoNetwork(deps);
  assert.ok(net, 'demo network started');
  t.after(() => net.close());
  const hosts = Object.entries(net.web.hosts);
  assert.equal(hosts.length, net.sites);
  assert.ok(hosts.every(([, h]) => h.ip === '127.0.0.1' && h.httpPort === net.web.httpPort), 'every demo hostname maps to 127.0.0.1');
  assert.equal(net.environment.options.network, 'loopback');
  assert.equal(net.environment.lateRetryMs, DEMO_LATE_RETRY_MS);

  const site = await deps.db.selectFrom('entitySites').innerJoin('entities', 'entities.id', 'entitySites.entityId')
    .select(['entitySites.hostname', 'entities.name', 'entitySites.icpFilingNumber', 'entitySites.psbFilingNumber'])
    .where('entities.isDemo', '=', true).where('entitySites.icpFilingNumber', 'is not', null).where('entitySites.psbFilingNumber', 'is not', null)
    .orderBy('entitySites.hostname').execute()
    .then((rows) => rows.find((r) => plantedDefect(r.hostname ?? '') === null));
  assert.ok(site?.hostname);
  const get = (host: string, path: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
    // node:http, not fetch: fetch does not let a caller set Host.
    http.get({ host: '127.0.0.1', port: net.web.httpPort, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
  const home = await get(site.hostname, '/');
  assert.equal(home.status, 200);
  const body = home.body;
  assert.ok(body.includes(site.name), 'the page names the entity');
  assert.ok(body.includes(`>${site.icpFilingNumber}</a>`), 'the footer shows the registered ICP number, linked');
  assert.ok(body.includes(site.psbFilingNumber ?? '-'), 'and the public-security filing number');
  assert.equal((await get(site.hostname, '/robots.txt')).status, 200);
  assert.equal((await get(site.hostname, '/0123456789abcdef.html')).status, 404, 'unknown paths are real 404s');
  assert.equal((await get(site.hostname, '/.git/HEAD')).status, 404, 'a clean site has no .git');
  assert.equal((await get('www.not-a-demo-site.example', '/')).status, 421);
});

test('the demo scan completes on loopback only and finds the planted defects, and nothing serious on clean sites', async (t) => {
  const { deps } = await demoWorld(t);
  const net = await startDemoNetwork(deps);
  assert.ok(net);
  t.after(() => net.close());
  const runner = await startJobs(deps.handle, deps.log);
  deps.jobs = runner;
  const engine = scanEngineFor(deps, { retrieval: net.environment });
  await runner.work(jobHandlers(deps), { pollingIntervalSeconds: 0.5 });
  t.after(async () => {
    await engine.stop();
    await runner.stop().catch(() => undefined);
  });
  const offLoopbackBefore = getOffLoopbackAttempts();

  const started = await startDemoScan(deps);
  assert.ok(started, 'the demo-network authorisations cover sites to scan');
  const scan = await waitForScan(deps, started.id, { timeoutMs: 90_000 });
  assert.equal(scan.status, 'completed');
  assert.equal(scan.doneTasks, scan.totalTasks);

  const tasks = await deps.db.selectFrom('scanTasks').select(['id', 'hostname', 'siteStatus', 'requestLog', 'registered'])
    .where('scanId', '=', scan.id).orderBy('hostname').execute();
  const findings = await deps.db.selectFrom('scanFindings').select(['taskId', 'checkId', 'severity', 'confidence'])
    .where('scanId', '=', scan.id).execute();
  assert.ok(tasks.length >= 6, `a handful of sites, got ${tasks.length}`);

  // Every request went to 127.0.0.1, and the guard never had to refuse one.
  assert.equal(getOffLoopbackAttempts() - offLoopbackBefore, 0);
  const log = tasks.flatMap((task) => (task.requestLog ?? []) as RequestLogEntry[]);
  assert.ok(log.length > tasks.length * 10);
  assert.deepEqual(log.filter((e) => e.ip !== null && !isLoopbackAddress(e.ip)), []);
  const served = Object.keys(net.web.requests());
  assert.ok(served.every((h) => net.web.hosts[h]), `only demo hostnames were asked for: ${served.join(', ')}`);

  const checksOf = (taskId: string) => findings.filter((f) => f.taskId === taskId);
  const withNumbers = (task: (typeof tasks)[number]) => {
    const r = task.registered as { icpNumber?: string | null; psbNumber?: string | null };
    return Boolean(r.icpNumber && r.psbNumber);
  };
  const planted = new Set<string>();
  let clean = 0;
  for (const task of tasks) {
    assert.equal(task.siteStatus, 'active', `${task.hostname} answered`);
    const ids = new Set(checksOf(task.id).map((f) => f.checkId));
    assert.ok(!ids.has('AVL-03'), `${task.hostname}: no catch-all (unknown paths are 404)`);
    const defect = plantedDefect(task.hostname);
    if (defect) {
      assert.ok(ids.has(DEFECT_CHECK[defect]), `${task.hostname}: planted ${defect} → ${DEFECT_CHECK[defect]} (got ${[...ids].join(',')})`);
      if (withNumbers(task)) planted.add(defect);
    } else if (withNumbers(task)) {
      clean++;
      const serious = checksOf(task.id).filter((f) => MEDIUM_OR_WORSE.has(f.severity) && !ACCEPTED_ON_CLEAN.test(f.checkId));
      assert.deepEqual(serious, [], `${task.hostname}: a clean site shows nothing of medium or worse but TLS-01/HDR-*`);
      assert.ok(ids.has('TLS-01'), 'HTTP only: TLS-01, as accepted above');
    }
  }
  assert.deepEqual([...planted].sort(), [...DEMO_DEFECTS].sort(), 'the demo scan shows every planted defect');
  assert.ok(clean >= 1, 'and at least one clean site');
  const hidden = findings.find((f) => f.checkId === 'CNT-03');
  assert.equal(hidden?.confidence, 'firm', '暗链 with listed gambling terms is firm');
});

test('the demo network is not started on the production network or with a hosts file', async (t) => {
  const { deps } = await demoWorld(t);
  const production = buildDeps(testConfig({ scanNetwork: 'production' }), deps.handle, { secret: 'test-secret-0123456789abcdef' });
  assert.equal(demoNetworkRefusal(production.config), 'the scan network is production');
  assert.equal(await startDemoNetwork(production), null);
  const hostsFile = buildDeps(testConfig({ scanHostsFile: '/tmp/hosts.json' }), deps.handle, { secret: 'test-secret-0123456789abcdef' });
  assert.equal(await startDemoNetwork(hostsFile), null);
  assert.equal(demoNetworkRefusal(deps.config), null, 'the default loopback config allows it');
});
