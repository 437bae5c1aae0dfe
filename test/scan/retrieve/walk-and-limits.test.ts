import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { READ_CAPS } from '../../../src/scan/evidence';
import { createRetriever, getOffLoopbackAttempts, MAX_HOPS, staticNetwork } from '../../../src/scan/retrieve';
import { benchHost, fakeZip, html, rangedFile, redirect, site, type FarmRequest } from '../../support/fixture-farm';
import { FAST_LIMITS, farmFor, retrieve, retrieverFor } from './helpers';

/** Redirect walking, budgets, timeouts, retries and concurrency, on ad-hoc farm hosts. */

const LOOP = 'loop.farm.test';
const CHAIN = 'chain.farm.test';
const TWIN = 'twin.farm.test';
const META = 'meta.farm.test';
const NORANGE = 'norange.farm.test';

const GZIP = 'gzip.farm.test';
const GBK = 'gbk.farm.test';
const GBK_PAGE = Buffer.concat([
  Buffer.from('<html><head><meta charset="gbk"><title>'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('</title></head></html>'),
]); // <title>中文</title> in GBK, charset only in <meta>

const extraHosts = {
  [GZIP]: (req: FarmRequest) => (/gzip/.test(String(req.headers['accept-encoding']))
    ? { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }, body: gzipSync(`<p>${'压缩'.repeat(1000)}</p>`) }
    : html(200, 'uncompressed')),
  [GBK]: () => ({ status: 200, headers: { 'content-type': 'text/html' }, body: GBK_PAGE }),
  [LOOP]: (req: FarmRequest) => redirect(302, req.path === '/' ? '/a' : req.path === '/a' ? '/b' : '/a'),
  [CHAIN]: (req: FarmRequest) => redirect(301, `/${Number(req.path.slice(1) || 0) + 1}`),
  // The apex sends visitors to www; www is registered for one test and not for the other.
  [TWIN]: (req: FarmRequest) => redirect(301, `https://www.${TWIN}${req.path}`),
  [`www.${TWIN}`]: site(),
  [META]: (req: FarmRequest) => (req.path === '/'
    ? html(200, '<html><head><meta http-equiv="refresh" content="0; url=https://elsewhere.example/"></head></html>')
    : html(404, 'no')),
  [NORANGE]: site({ paths: { '/www.zip': (req) => rangedFile(req, fakeZip(200_000), 'application/zip', true) } }),
};

test('redirect loops and chains stop the walk', async (t) => {
  const farm = await farmFor(t, { fixtures: false, extraHosts });
  const r = retrieverFor(t, farm);
  const loop = await retrieve(r, farm, LOOP, 'http');
  assert.equal(loop.evidence.https?.stopReason, 'loop');
  assert.deepEqual(loop.evidence.https?.hops.map((h) => new URL(h.next).pathname), ['/a', '/b']);

  const chain = await retrieve(r, farm, CHAIN, 'http');
  assert.equal(chain.evidence.https?.stopReason, 'max_hops');
  assert.equal(chain.evidence.https?.hops.length, MAX_HOPS);
  assert.equal(chain.evidence.https?.final.status, 301);
  const stats = await farm.stats();
  assert.ok(!stats.log.some((e) => e.host === CHAIN && e.path === `/${MAX_HOPS + 2}`), 'no request beyond the hop limit');
});

test('a www twin is followed only when registered; a meta refresh off-host is recorded', async (t) => {
  const farm = await farmFor(t, { fixtures: false, extraHosts });
  const r = retrieverFor(t, farm);
  const unregistered = await retrieve(r, farm, TWIN, 'http');
  assert.equal(unregistered.evidence.https?.stopReason, 'off_host');
  assert.equal(unregistered.evidence.https?.offHostTarget, `https://www.${TWIN}/`);
  assert.equal((await farm.stats()).requests[`www.${TWIN}`] ?? 0, 0);

  const registered = await retrieve(r, farm, TWIN, 'http', { hostnames: [TWIN, `www.${TWIN}`] });
  assert.equal(registered.evidence.https?.stopReason, null);
  assert.equal(registered.evidence.https?.final.status, 200);
  assert.equal(registered.evidence.https?.final.url, `https://www.${TWIN}/`);
  assert.ok(((await farm.stats()).requests[`www.${TWIN}`] ?? 0) > 0);

  const meta = await retrieve(r, farm, META, 'http');
  assert.equal(meta.evidence.https?.stopReason, 'off_host');
  assert.equal(meta.evidence.https?.offHostTarget, 'https://elsewhere.example/');
  assert.equal(meta.evidence.https?.final.status, 200);
});

test('an archive probe whose server ignores Range is cut at 512 bytes', async (t) => {
  const farm = await farmFor(t, { fixtures: false, extraHosts });
  const r = retrieverFor(t, farm);
  const res = await retrieve(r, farm, NORANGE, 'standard');
  const cap = res.evidence.probes['/www.zip'];
  assert.equal(cap?.status, 200);
  assert.equal(cap?.bodyBytes, READ_CAPS.archive);
  assert.equal(cap?.truncated, true);
  assert.match(cap?.headHex ?? '', /^504b0304/);
});

test('the site budget stops requests and marks the rest', async (t) => {
  const farm = await farmFor(t, { fixtures: ['good-site'] });
  const r = retrieverFor(t, farm);
  const res = await retrieve(r, farm, 'good-site.farm.test', 'standard', { budget: { siteRequests: 6 } });
  assert.equal(res.usage.requests, 6);
  assert.equal(res.log.length, 6);
  assert.equal(res.budgetSpent, true);
  assert.ok(Object.values(res.evidence.probes).some((c) => c.error === 'budget'));
  assert.ok(((await farm.stats()).requests['good-site.farm.test'] ?? 0) <= 6);
});

test('a response slower than the hard timeout is a timeout, retried then given up', async (t) => {
  const farm = await farmFor(t, { fixtures: ['slow-5s'], fixtureOptions: { slowMs: 400 } });
  const r = retrieverFor(t, farm, { hardTimeoutMs: 100 });
  const res = await retrieve(r, farm, 'slow-5s.farm.test', 'http');
  assert.equal(res.evidence.https?.final.error, 'timeout');
  const walks = res.log.filter((e) => e.purpose === 'https_walk');
  assert.deepEqual(walks.map((e) => e.attempt), [1, 2, 3]);
  assert.ok(walks.every((e) => e.error === 'timeout'));
});

test('retry delays follow the configured schedule with jitter', async (t) => {
  const farm = await farmFor(t, { fixtures: ['dead-site'] });
  const waits: number[] = [];
  const r = retrieverFor(t, farm);
  const r2 = {
    ...r,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
    random: () => 1 - 1e-9, // the top of the jitter range
  };
  await retrieve(r2, farm, 'dead-site.farm.test', 'http');
  assert.deepEqual(waits.sort((a, b) => a - b), [13, 13, 52, 52]); // FAST_LIMITS 10/40 ms, +30 %
});

test('cancelling the task aborts retrieval', async (t) => {
  const farm = await farmFor(t, { fixtures: ['slow-5s'], fixtureOptions: { slowMs: 2000 } });
  const r = retrieverFor(t, farm);
  const ac = new AbortController();
  setTimeout(() => ac.abort(new Error('scan cancelled')), 100);
  const t0 = performance.now();
  await assert.rejects(retrieve(r, farm, 'slow-5s.farm.test', 'standard', { signal: ac.signal }), /scan cancelled/);
  assert.ok(performance.now() - t0 < 1500);
});

test('per-host concurrency: slow bench sites never see more than 2 requests or connections at once', async (t) => {
  const farm = await farmFor(t, { fixtures: false, bench: { sites: 41 } });
  const r = retrieverFor(t, farm);
  const slow = [1, 41].map(benchHost); // index % 20 === 1: every path delayed (87 and 214 ms here)
  const results = await Promise.all(slow.map((h) => retrieve(r, farm, h, 'standard')));
  assert.ok(results.every((res) => res.evidence.http?.final.status === 200));
  const stats = await farm.stats();
  for (const h of slow) {
    assert.equal(stats.maxInFlight[h], 2, `${h} should be probed 2 at a time`);
    assert.ok((stats.maxOpenConnections[h] ?? 0) <= 2, `${h}: ${stats.maxOpenConnections[h]} connections`);
  }
  assert.equal(getOffLoopbackAttempts(), 0);
});

test('per-host rate limit spaces requests (5 req/s)', async (t) => {
  const farm = await farmFor(t, { fixtures: ['good-site'] });
  const r = retrieverFor(t, farm, { perHostRatePerSec: 5 });
  const t0 = performance.now();
  // http profile: 3 walk requests + random probe + robots = 5 requests per retrieval
  const first = await retrieve(r, farm, 'good-site.farm.test', 'http');
  const second = await retrieve(r, farm, 'good-site.farm.test', 'http');
  const elapsed = performance.now() - t0;
  assert.equal(first.usage.requests + second.usage.requests, 10);
  // A bucket of 5 refilled at 5/s gives at most 5 + 5·t requests by time t: 10 need ≥ 1 s.
  assert.ok(elapsed >= 950, `10 requests in ${Math.round(elapsed)} ms`);
});

test('bodies are decompressed and decoded by their charset (header, else <meta>)', async (t) => {
  const farm = await farmFor(t, { fixtures: false, extraHosts });
  const r = retrieverFor(t, farm);
  const gz = (await retrieve(r, farm, GZIP, 'http')).evidence.https?.final;
  assert.equal(gz?.body, `<p>${'压缩'.repeat(1000)}</p>`);
  assert.equal(gz?.bodyBytes, Buffer.byteLength(gz?.body ?? ''));
  const gbk = (await retrieve(r, farm, GBK, 'http')).evidence.https?.final;
  assert.match(gbk?.body ?? '', /<title>中文<\/title>/);
});

test('a handshake failure is a TLS error: recorded once, not retried, no TLS facts', async (t) => {
  const farm = await farmFor(t, { fixtures: ['good-site'] });
  const good = farm.hosts['good-site.farm.test'];
  assert.ok(good);
  // 443 of this host is really the plain-HTTP listener: the ClientHello gets an HTTP answer.
  const r = createRetriever({
    network: 'loopback',
    ...staticNetwork({ 'good-site.farm.test': { ...good, httpsPort: good.httpPort } }),
    limits: FAST_LIMITS,
  });
  t.after(() => r.close());
  const res = await retrieve(r, farm, 'good-site.farm.test', 'http');
  assert.equal(res.evidence.https?.final.error, 'tls');
  assert.equal(res.evidence.tls, null);
  assert.equal(res.log.filter((e) => e.purpose === 'https_walk').length, 1);
  assert.ok(res.log.filter((e) => e.error === 'tls').every((e) => e.attempt === 1));
  assert.equal(res.hostDropped, false);
});
