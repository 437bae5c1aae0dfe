import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getOffLoopbackAttempts } from '../../../src/scan/retrieve';
import { benchKind, FIXTURE_SITES, startFarmProcess, type BenchKind } from '../../support/fixture-farm';
import { retrieve, retrieverFor } from './helpers';

/** The fixture farm itself: the §7 registry, and bench mode in a child process. */

test('the §7 fixture registry: 38 sites with registry facts and unique farm hostnames', () => {
  assert.equal(FIXTURE_SITES.length, 38);
  assert.equal(new Set(FIXTURE_SITES.map((s) => s.host)).size, 38);
  for (const s of FIXTURE_SITES) {
    assert.match(s.host, /^[a-z0-9-]+\.farm\.test$/);
    assert.deepEqual(s.registered.hostnames, [s.host]);
    assert.equal(s.registered.icpNumber, '京ICP备12345678号-1');
  }
  const byName = new Map(FIXTURE_SITES.map((s) => [s.name, s]));
  assert.equal(byName.get('reset-connection')?.transport, 'reset');
  assert.equal(byName.get('dead-site')?.transport, 'refused');
  assert.equal(byName.get('parked-zombie')?.needs?.priorTasks?.[0]?.daysAgo, 8);
  assert.match(byName.get('defaced')?.needs?.baselineHtml ?? '', /京ICP备12345678号-1/);
});

test('bench mix: 85 % http, 5 % TLS, 5 % slow, 5 % failing', () => {
  const counts: Record<BenchKind, number> = { plain: 0, tls: 0, slow: 0, 'fail-500': 0, 'fail-reset': 0 };
  for (let i = 1; i <= 10_000; i++) counts[benchKind(i)]++;
  assert.deepEqual(counts, { plain: 8500, tls: 500, slow: 500, 'fail-500': 250, 'fail-reset': 250 });
});

test('bench farm in a child process: sites over several loopback IPs, retrievable, stats over IPC', async (t) => {
  const farm = await startFarmProcess({ fixtures: false, bench: { sites: 60, ips: 4 }, log: false });
  t.after(() => farm.stop());
  assert.equal(farm.benchSites.length, 60);
  const ips = new Set(Object.values(farm.hosts).map((a) => a.ip));
  assert.ok(ips.size >= 1 && [...ips].every((ip) => /^127\.0\.0\.\d+$/.test(ip)));
  const r = retrieverFor(t, farm);
  const pick = (kind: BenchKind) => farm.benchSites.find((s) => s.kind === kind)?.host ?? '';

  const plain = await retrieve(r, farm, pick('plain'), 'http');
  assert.equal(plain.evidence.http?.final.status, 200);
  assert.equal(plain.evidence.https?.final.error, 'refused');
  const tls = await retrieve(r, farm, pick('tls'), 'http');
  assert.equal(tls.evidence.https?.final.status, 200);
  assert.equal(tls.evidence.tls?.authorized, true);
  assert.equal((await retrieve(r, farm, pick('fail-500'), 'http')).evidence.http?.final.status, 500);
  assert.equal((await retrieve(r, farm, pick('fail-reset'), 'http')).evidence.http?.final.error, 'reset');

  const stats = await farm.stats();
  assert.ok((stats.requests[pick('plain')] ?? 0) >= 3);
  assert.deepEqual(stats.log, [], 'logging off in bench mode');
  assert.equal(getOffLoopbackAttempts(), 0);
});
