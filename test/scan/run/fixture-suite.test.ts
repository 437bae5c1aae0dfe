/**
 * The correctness acceptance of remote-detection.md §7, end to end: the fixture farm's sites are
 * registered for an entity of cityA, authorised, scanned with the `standard` profile through the
 * use case and the jobs, and every site's stored outcomes are checked: each planted defect found,
 * nothing else ≥ low, no finding on the good site, ≤ 2 connections per host, no request to an
 * unregistered host, nothing off loopback, exact totals and no duplicate rows.
 */

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { scanSiteDetail } from '../../../src/domain/scans/read-scans';
import { startScan } from '../../../src/domain/scans/start-scan';
import { SEVERITIES } from '../../../src/scan/checks/define';
import { getOffLoopbackAttempts } from '../../../src/scan/retrieve';
import { readStoredOutcomes, requestLogDigest } from '../../../src/scan/run';
import * as scans from '../../../src/store/scans.store';
import { UNREGISTERED_HOSTS } from '../../support/fixture-farm';
import { activeAuthorisation, scanWorld, waitForScan, type ScanWorld } from '../../domain/scans/support';

type Expect = { results: string[]; grade?: string | null; gradeIgnoringTrust?: string; status?: string; atLeast?: string };

/** The §7 table as stored outcomes ("CHECK:result", optionally "@confidence"). */
const EXPECTED: Record<string, Expect> = {
  'good-site': { results: [], grade: 'A+' },
  'tls13-only': { results: [], grade: 'A+' },
  'http-only': { results: ['TLS-01:no_https', 'HDR-01:not_applicable'], grade: 'C' },
  // The farm's http answer sets the session cookie without Secure (it cannot carry Secure over
  // http), which on an HTTPS site is a real CKE-01; §7 lists TLS-10 only. Reported to the farm's owner.
  'no-https-redirect': { results: ['TLS-10:not_upgraded', 'CKE-01:auth_not_secure'], grade: 'B' },
  'redirect-offsite': { results: ['AVL-06:offsite_redirect'] },
  'no-hsts': { results: ['HDR-01:missing'], grade: 'A' },
  'bare-headers': { results: ['HDR-02:missing', 'HDR-03:missing', 'HDR-04:xcto_missing', 'LEK-01:version_disclosed'], atLeast: 'B' },
  'expired-cert': { results: ['TLS-02:expired'], grade: 'T' },
  'self-signed': { results: ['TLS-05:self_signed'], grade: 'T' },
  'wrong-host-cert': { results: ['TLS-04:name_mismatch'], grade: 'T' },
  'incomplete-chain': { results: ['TLS-05:incomplete_chain'] },
  'tls10-enabled': { results: ['TLS-06:legacy_accepted'], grade: 'B' },
  'cookies-insecure': { results: ['CKE-01:auth_not_secure', 'CKE-02:auth_not_httponly', 'CKE-03:auth_no_samesite'] },
  'cors-reflect': { results: ['HDR-05:reflects_with_credentials'] },
  'soft-404-everything': { results: ['AVL-03:catch_all'] },
  'soft-404-echo': { results: ['AVL-03:catch_all'] },
  'exposed-git': { results: ['EXP-01:exposed'], grade: 'D' },
  'leaky-paths': { results: ['EXP-02:exposed', 'EXP-05:listing', 'EXP-07:info_exposed', 'LEK-02:debug_output'] },
  'backup-archive': { results: ['EXP-04:exposed'], grade: 'D' },
  'mixed-content': { results: ['TLS-12:mixed_active'] },
  'icp-missing': { results: ['FIL-01:missing'] },
  'icp-mismatch': { results: ['FIL-02:main_mismatch'] },
  'icp-fullwidth': { results: ['FIL-01:pass', 'FIL-02:pass', 'FIL-03:pass'], grade: 'A+' },
  'psb-mismatch': { results: ['FIL-05:province_mismatch'] },
  'spa-shell': { results: ['FIL-01:not_determinable'] },
  'default-nginx': { results: ['AVL-04:default_page'] },
  'parked-zombie': { results: ['AVL-05:parked', 'AVL-07:zombie'], status: 'zombie', grade: null },
  // Seeded with two earlier failures ≥ 7 days back: the third makes it a zombie.
  'dead-site': { results: ['AVL-01:no_service', 'AVL-07:zombie'], status: 'zombie', grade: null },
  defaced: { results: ['CNT-01:defaced@firm'], grade: 'F' },
  redesigned: { results: ['CNT-01:changed@firm'], grade: 'A+' },
  'hidden-gambling-links': { results: ['CNT-03:hidden_links@firm'], grade: 'D' },
  'title-hijack': { results: ['CNT-02:hijacked@firm'], grade: 'F' },
  'anti-gambling-news': { results: ['CNT-04:pass', 'CNT-02:pass'], grade: 'A+' },
  'cloaked-spider': { results: ['CNT-05:cloaking@firm'], grade: 'F' },
  'injected-script': { results: ['CNT-06:injected_script@firm'] },
  'slow-5s': { results: [], grade: 'A+' },
  'reset-connection': { results: ['AVL-01:no_service'], status: 'unreachable', grade: null },
};

/** Fixtures whose planted change is about retrieval, not findings: only "no check errored" and their own test. */
const RETRIEVAL_ONLY = ['huge-body'];

const LETTERS = ['A+', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-', 'F'];
const LOW = SEVERITIES.indexOf('low');

describe('fixture suite through startScan and the scan jobs (standard profile)', () => {
  let w: ScanWorld;
  let scanId: string;
  let finalStatus: string;
  const ctx = { after: (fn: () => unknown) => cleanups.push(fn) };
  const cleanups: (() => unknown)[] = [];

  before(async () => {
    w = await scanWorld(ctx, { farm: { fixtureOptions: { slowMs: 1500, hugeBodyBytes: 8 * 1024 * 1024 } } });
    await activeAuthorisation(w.deps, w.inspector, w.leader, { entityId: w.entity.id, siteIds: [...w.siteIds.values()], profile: 'standard' });
    await w.farm.resetStats();
    const scan = await startScan(w.deps, w.inspector, { target: { kind: 'entity', entityId: w.entity.id }, profile: 'standard' });
    scanId = scan.id;
    finalStatus = (await waitForScan(w.deps, scanId, { timeoutMs: 120_000 })).status;
  });
  after(async () => {
    for (const fn of cleanups.reverse()) await fn();
  });

  test('the scan completes with exact totals and one task and no duplicate rows per site', async () => {
    assert.equal(finalStatus, 'completed');
    assert.equal(Object.keys(EXPECTED).length + RETRIEVAL_ONLY.length, w.farm.sites.length, 'every fixture is checked');
    const scan = await scans.scanById(w.deps.db, scanId);
    assert.equal(scan?.totalTasks, w.farm.sites.length);
    assert.equal(scan?.doneTasks, w.farm.sites.length);
    assert.equal(scan?.failedTasks, 0);
    const dup = await sql<{ n: number }>`select count(*)::int as n from (select site_id from scan_tasks where scan_id = ${scanId} group by site_id having count(*) > 1) d`.execute(w.deps.db);
    assert.equal(dup.rows[0]?.n, 0);
    const dupFindings = await sql<{ n: number }>`select count(*)::int as n from (select task_id, fingerprint from scan_findings where scan_id = ${scanId} group by 1, 2 having count(*) > 1) d`.execute(w.deps.db);
    assert.equal(dupFindings.rows[0]?.n, 0);
    assert.match(scan?.digest ?? '', /^[0-9a-f]{64}$/);
    assert.equal((scan?.stamp as { scoringVersion: string }).scoringVersion.length > 0, true);
  });

  for (const [name, exp] of Object.entries(EXPECTED)) {
    test(`fixture ${name}: ${exp.results.join(', ') || 'no finding ≥ low'}`, async () => {
      const siteId = w.siteIds.get(name);
      assert.ok(siteId, `${name} registered`);
      const task = await scans.findTask(w.deps.db, scanId, siteId);
      assert.equal(task?.status, 'done', `${name}: ${task?.error ?? ''}`);
      const outcomes = readStoredOutcomes(task?.outcomes);
      assert.deepEqual(outcomes.filter((o) => o.r === 'error').map((o) => o.id), [], 'no check errored');
      const wanted = new Set<string>();
      for (const spec of exp.results) {
        const [key = '', confidence] = spec.split('@');
        const [id] = key.split(':');
        const o = outcomes.find((x) => x.id === id);
        assert.ok(o, `${id} ran`);
        assert.equal(`${id}:${o.r}`, key);
        if (confidence) assert.equal(o.c, confidence, `${id} confidence`);
        wanted.add(key);
      }
      const extra = outcomes.filter((o) => SEVERITIES.indexOf(o.s ?? 'none') >= LOW && !wanted.has(`${o.id}:${o.r}`)).map((o) => `${o.id}:${o.r}`);
      assert.deepEqual(extra, [], 'nothing else ≥ low');
      assert.equal(task?.siteStatus, exp.status ?? 'active');
      if (exp.grade !== undefined) assert.equal(task?.grade, exp.grade);
      if (exp.atLeast) assert.ok(LETTERS.indexOf(task?.grade ?? 'F') <= LETTERS.indexOf(exp.atLeast), `${task?.grade} ≥ ${exp.atLeast}`);
      // Stored findings match the outcomes ≥ info, with their evidence stored.
      const findings = await scans.findingsOfTask(w.deps.db, task?.id ?? '');
      assert.equal(findings.length, outcomes.filter((o) => o.s !== undefined).length);
      const keys = [...new Set(findings.flatMap((f) => f.evidence))];
      assert.equal((await scans.evidenceByKeys(w.deps.db, scanId, keys)).length, keys.length, 'every evidence key stored');
    });
  }

  test('a content finding keeps the page as gzip evidence; a request log with its digest is stored', async () => {
    const detail = await scanSiteDetail(w.deps, w.inspector, scanId, w.siteIds.get('defaced') ?? '');
    const cnt = detail.findings.find((f) => f.checkId === 'CNT-01');
    assert.ok(cnt);
    assert.ok(detail.evidence.some((e) => e.kind === 'body' && e.hasBody && cnt.evidence.includes(e.sha256)));
    // The stored log is exactly what was digested, and it holds the whole probe run — unless the
    // host stopped answering (a loaded CI machine can time probes out, which drops the origin).
    assert.equal(detail.task.logSha256, requestLogDigest(detail.requestLog as Parameters<typeof requestLogDigest>[0]));
    const log = detail.requestLog as { url: string; error: string | null }[];
    assert.ok(log.some((e) => new URL(e.url).pathname === '/' && e.error === null), 'the home page is logged');
    if (log.every((e) => e.error === null)) assert.ok(log.length >= 30, `${log.length} requests logged`);
  });

  test('politeness and scope: ≤ 2 connections per host, no request to an unregistered host, nothing off loopback', async () => {
    const stats = await w.farm.stats();
    for (const [host, n] of Object.entries(stats.maxInFlight)) assert.ok(n <= 2, `${host}: ${n} in flight`);
    for (const [host, n] of Object.entries(stats.maxOpenConnections)) assert.ok(n <= 2, `${host}: ${n} open`);
    for (const h of UNREGISTERED_HOSTS) assert.equal(stats.requests[h] ?? 0, 0, `${h} was requested`);
    assert.equal(getOffLoopbackAttempts(), 0);
  });

  test('the huge body was cut at the 512 KB home read cap', async () => {
    assert.deepEqual(RETRIEVAL_ONLY, ['huge-body']);
    const task = await scans.findTask(w.deps.db, scanId, w.siteIds.get('huge-body') ?? '');
    assert.equal(task?.status, 'done');
    assert.deepEqual(readStoredOutcomes(task?.outcomes).filter((o) => o.r === 'error'), []);
    const log = (task?.requestLog ?? []) as { purpose: string; bytes: number }[];
    const home = log.filter((e) => e.purpose === 'https_walk' || e.purpose === 'http_walk');
    assert.ok(home.length > 0 && home.every((e) => e.bytes <= 512 * 1024));
  });
});
