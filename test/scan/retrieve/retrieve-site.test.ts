import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CORS_PROBE_ORIGIN, READ_CAPS } from '../../../src/scan/evidence';
import {
  createRetriever, getOffLoopbackAttempts, hashRequestLog, staticNetwork, type Retriever, type SiteRetrieval,
} from '../../../src/scan/retrieve';
import { startFarm, type Farm } from '../../support/fixture-farm';
import { FAST_LIMITS, fx, retrieve } from './helpers';

/** Evidence facts of §7 fixtures, retrieved from the farm with the standard profile. */

const NAMES = [
  'good-site', 'expired-cert', 'self-signed', 'wrong-host-cert', 'incomplete-chain', 'tls10-enabled', 'tls13-only',
  'http-only', 'redirect-offsite', 'mixed-content', 'backup-archive', 'huge-body', 'cloaked-spider', 'cors-reflect',
  'reset-connection', 'dead-site', 'slow-5s',
];

describe('retrieveSite over the fixture farm', () => {
  let farm: Farm;
  let r: Retriever;
  const results = new Map<string, SiteRetrieval>();
  const get = (name: string): SiteRetrieval => {
    const res = results.get(name);
    assert.ok(res, `no retrieval for ${name}`);
    return res;
  };

  before(async () => {
    farm = await startFarm({ fixtures: NAMES, fixtureOptions: { slowMs: 300 } });
    r = createRetriever({ network: 'loopback', ...staticNetwork(farm.hosts), extraCaPem: [farm.rootCaPem], limits: FAST_LIMITS });
    // All at once, as a worker would: limits are per host, so sites do not slow each other.
    await Promise.all(NAMES.map(async (n) => results.set(n, await retrieve(r, farm, fx(n)))));
  });

  after(async () => {
    await r?.close();
    await farm?.stop();
  });

  test('good-site: http 301 to https, TLS facts trusted, probes and spider captured', () => {
    const { evidence: ev, log, logSha256, usage } = get('good-site');
    assert.deepEqual(ev.dns, { a: ['127.0.0.1'], aaaa: [], cname: [] });
    assert.equal(ev.http?.hops.length, 1);
    assert.equal(ev.http?.hops[0]?.status, 301);
    assert.equal(ev.http?.hops[0]?.next, `https://${fx('good-site')}/`);
    assert.equal(ev.http?.final.status, 200);
    assert.equal(ev.https?.final.status, 200);
    assert.equal(ev.https?.final.ip, '127.0.0.1');
    assert.match(String(ev.https?.final.headers['strict-transport-security']), /max-age=31536000/);
    assert.ok(Array.isArray(ev.https?.final.headers['set-cookie']));
    assert.match(ev.https?.final.body ?? '', /京ICP备12345678号-1/); // decoded as UTF-8
    assert.equal(ev.tls?.authorized, true);
    assert.equal(ev.tls?.authorizationError, null);
    assert.equal(ev.tls?.protocol, 'TLSv1.3');
    assert.deepEqual(ev.tls?.versions, { tls1_0: false, tls1_1: false, tls1_2: null, tls1_3: true });
    assert.equal(ev.tls?.chain.length, 2, 'leaf + intermediate as sent, the root not appended');
    assert.equal(ev.tls?.chain[0]?.subjectCN, fx('good-site'));
    assert.deepEqual(ev.tls?.chain[0]?.sanDns, [fx('good-site')]);
    assert.equal(ev.tls?.chain[0]?.keyType, 'EC');
    assert.equal(ev.tls?.chain[0]?.keyBits, 256);
    assert.equal(ev.tls?.chain[0]?.signatureAlgorithm, 'ecdsa-with-SHA256');
    assert.match(ev.tls?.chain[0]?.pem ?? '', /^-----BEGIN CERTIFICATE-----/);
    assert.match(ev.randomProbe ?? '', /^\/[0-9a-f]{16}\.html$/);
    assert.equal(ev.probes[ev.randomProbe ?? '']?.status, 404);
    assert.equal(ev.probes['/robots.txt']?.status, 200);
    assert.equal(ev.probes['/.git/HEAD']?.status, 404);
    assert.ok(Object.keys(ev.probes).length >= 30, 'standard profile probes the exposure paths');
    assert.equal(ev.spider?.final.status, 200);
    assert.equal(log.length, usage.requests);
    assert.equal(logSha256, hashRequestLog(log));
    assert.equal(log.filter((e) => e.purpose === 'tls_pin').length, 2);
    assert.ok(log.every((e) => e.method === 'GET' || e.method === 'HANDSHAKE'));
  });

  test('the farm saw our user agent, the CORS Origin on the https walk only, and the Baidu spider', async () => {
    const stats = await farm.stats();
    const seen = stats.log.filter((e) => e.host === fx('good-site'));
    assert.ok(seen.length > 30);
    assert.ok(seen.every((e) => e.userAgent?.endsWith(' wangan-scanner/1.0')));
    const home = seen.filter((e) => e.path === '/' && e.scheme === 'https');
    assert.equal(home.filter((e) => e.origin === CORS_PROBE_ORIGIN).length, 1);
    assert.ok(seen.filter((e) => e.path !== '/').every((e) => e.origin === null));
    assert.equal(seen.filter((e) => e.userAgent?.includes('Baiduspider')).length, 1);
  });

  test('certificate defects come through as TLS facts, the page still fetched', () => {
    const expired = get('expired-cert').evidence;
    assert.equal(expired.tls?.authorizationError, 'CERT_HAS_EXPIRED');
    assert.ok((expired.tls?.chain[0]?.notAfter ?? '') < expired.scannedAt);
    assert.equal(expired.https?.final.status, 200);

    const selfSigned = get('self-signed').evidence;
    assert.equal(selfSigned.tls?.authorizationError, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.equal(selfSigned.tls?.chain.length, 1);
    assert.equal(selfSigned.tls?.chain[0]?.selfSigned, true);

    const wrongHost = get('wrong-host-cert').evidence;
    assert.equal(wrongHost.tls?.authorizationError, 'ERR_TLS_CERT_ALTNAME_INVALID');
    assert.deepEqual(wrongHost.tls?.chain[0]?.sanDns, ['www.other-company.example']);

    const incomplete = get('incomplete-chain').evidence;
    assert.equal(incomplete.tls?.authorizationError, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    assert.equal(incomplete.tls?.chain.length, 1, 'the intermediate was not sent');
    assert.equal(incomplete.tls?.chain[0]?.selfSigned, false);
  });

  test('pinned handshakes tell TLS 1.0/1.1 acceptance apart', () => {
    assert.deepEqual(get('tls10-enabled').evidence.tls?.versions, { tls1_0: true, tls1_1: true, tls1_2: null, tls1_3: true });
    assert.deepEqual(get('tls13-only').evidence.tls?.versions, { tls1_0: false, tls1_1: false, tls1_2: null, tls1_3: true });
    const pins = get('tls10-enabled').log.filter((e) => e.method === 'HANDSHAKE');
    assert.deepEqual(pins.map((e) => e.tlsVersion).sort(), ['TLSv1', 'TLSv1.1']);
  });

  test('http-only: 443 refused is recorded without dropping the host; probes go over http', () => {
    const res = get('http-only');
    assert.equal(res.evidence.https?.final.error, 'refused');
    assert.equal(res.evidence.https?.final.status, null);
    assert.equal(res.evidence.tls, null);
    assert.equal(res.evidence.http?.final.status, 200);
    assert.equal(res.hostDropped, false);
    assert.match(res.evidence.probes['/robots.txt']?.url ?? '', /^http:\/\//);
  });

  test('redirect-offsite: the off-host target is recorded, never requested', async () => {
    const ev = get('redirect-offsite').evidence;
    assert.equal(ev.https?.stopReason, 'off_host');
    assert.equal(ev.https?.offHostTarget, `https://evil.farm.test/landing`);
    assert.equal(ev.https?.final.status, 302);
    assert.equal(ev.http?.stopReason, 'off_host');
    const stats = await farm.stats();
    assert.equal(stats.requests['evil.farm.test'] ?? 0, 0);
    assert.ok(get('redirect-offsite').log.every((e) => new URL(e.url).hostname === fx('redirect-offsite')));
  });

  test('mixed-content: the http:// script is not fetched', async () => {
    assert.match(get('mixed-content').evidence.https?.final.body ?? '', /http:\/\/cdn\.farm\.test\/x\.js/);
    assert.equal((await farm.stats()).requests['cdn.farm.test'] ?? 0, 0);
  });

  test('backup-archive: Range honoured, 512 bytes read with the zip magic', async () => {
    const cap = get('backup-archive').evidence.probes['/www.zip'];
    assert.equal(cap?.status, 206);
    assert.equal(cap?.bodyBytes, READ_CAPS.archive);
    assert.equal(cap?.truncated, false);
    assert.match(cap?.headHex ?? '', /^504b0304/);
    const served = (await farm.stats()).log.find((e) => e.host === fx('backup-archive') && e.path === '/www.zip');
    assert.equal(served?.range, 'bytes=0-511');
    assert.equal(served?.bodyBytes, 512);
  });

  test('huge-body: the home read stops at 512 KB and the stream is cut', async () => {
    const fin = get('huge-body').evidence.https?.final;
    assert.equal(fin?.status, 200);
    assert.equal(fin?.bodyBytes, READ_CAPS.home);
    assert.equal(fin?.truncated, true);
    const written = (await farm.stats()).bodyBytes[fx('huge-body')] ?? 0;
    assert.ok(written < 16 * 1024 * 1024, `farm wrote ${written} bytes of 50 MB bodies: the connection was not cut`);
  });

  test('cloaked-spider: the spider walk sees what Baiduspider gets', () => {
    const ev = get('cloaked-spider').evidence;
    assert.match(ev.spider?.final.body ?? '', /澳门新葡京/);
    assert.doesNotMatch(ev.https?.final.body ?? '', /澳门新葡京/);
  });

  test('cors-reflect: the echoed Origin and credentials are captured', () => {
    const h = get('cors-reflect').evidence.https?.final.headers ?? {};
    assert.equal(h['access-control-allow-origin'], CORS_PROBE_ORIGIN);
    assert.equal(h['access-control-allow-credentials'], 'true');
  });

  test('reset-connection: network error after retries, every origin dropped, no probes', async () => {
    const res = get('reset-connection');
    assert.equal(res.evidence.http?.final.error, 'reset');
    assert.equal(res.evidence.https?.final.error, 'reset');
    assert.equal(res.hostDropped, true);
    assert.deepEqual(res.evidence.probes, {});
    assert.equal(res.evidence.spider, null);
    const walks = res.log.filter((e) => e.purpose === 'http_walk');
    assert.deepEqual(walks.map((e) => e.attempt), [1, 2, 3]);
    assert.ok(walks.every((e) => e.error === 'reset' && e.ip === '127.0.0.1'));
    assert.equal((await farm.stats()).resets[fx('reset-connection')], 6);
  });

  test('dead-site: refused on both ports, host dropped', () => {
    const res = get('dead-site');
    assert.equal(res.evidence.http?.final.error, 'refused');
    assert.equal(res.evidence.https?.final.error, 'refused');
    assert.equal(res.hostDropped, true);
    assert.equal(res.log.length, 6);
  });

  test('slow-5s: a slow home page is waited for (delay shortened for the test)', () => {
    const fin = get('slow-5s').evidence.https?.final;
    assert.equal(fin?.status, 200);
    assert.ok((fin?.timingMs ?? 0) >= 290);
  });

  test('no host got more than 2 concurrent requests or connections, and nothing left loopback', async () => {
    const stats = await farm.stats();
    for (const [host, n] of Object.entries(stats.maxInFlight)) assert.ok(n <= 2, `${host}: ${n} in flight`);
    for (const [host, n] of Object.entries(stats.maxOpenConnections)) assert.ok(n <= 2, `${host}: ${n} open`);
    assert.equal(getOffLoopbackAttempts(), 0);
  });
});
