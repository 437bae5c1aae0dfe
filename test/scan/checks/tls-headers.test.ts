import assert from 'node:assert/strict';
import { test } from 'node:test';
import { certNamesHost } from '../../../src/scan/analyze/certs';
import { parseHsts } from '../../../src/scan/checks/hdr-01-hsts';
import type { Evidence, TlsFacts } from '../../../src/scan/evidence';
import { capture, cert, GOOD_HEADERS, goodBody, goodSite, hop, homeWalks, HOST, walk } from '../../support/scan-evidence';
import { outcomeOf, resultOf } from './helpers';

const withTls = (over: Partial<TlsFacts>): Evidence => {
  const ev = goodSite();
  return { ...ev, tls: ev.tls && { ...ev.tls, ...over } };
};
const withHeaders = (headers: Record<string, string | string[]>): Evidence => ({ ...goodSite(), ...homeWalks(goodBody(), { ...GOOD_HEADERS, ...headers }) });

test('certificate names: wildcard covers one label only; SAN wins over CN; IP hosts need IP SANs', () => {
  const wild = cert({ sanDns: ['*.farm.test'] });
  assert.equal(certNamesHost(wild, 'www.farm.test'), true);
  assert.equal(certNamesHost(wild, 'a.b.farm.test'), false);
  assert.equal(certNamesHost(wild, 'farm.test'), false);
  assert.equal(certNamesHost(cert({ sanDns: ['other.test'], subjectCN: HOST }), HOST), false);
  assert.equal(certNamesHost(cert({ sanDns: [], sanIps: [], subjectCN: HOST }), HOST.toUpperCase()), true);
  assert.equal(certNamesHost(cert({ sanDns: [], sanIps: ['127.0.0.1'] }), '127.0.0.1'), true);
  assert.equal(certNamesHost(cert({ sanDns: ['*.com'] }), 'example.com'), false);
});

test('TLS-03: ≤ 30 days low, ≤ 60 days info, expired is left to TLS-02', () => {
  const in20 = '2026-04-04T00:00:00.000Z';
  const in50 = '2026-05-04T00:00:00.000Z';
  assert.equal(resultOf(withTls({ chain: [cert({ notAfter: in20 })] }), 'TLS-03'), 'expires_30d');
  assert.equal(resultOf(withTls({ chain: [cert({ notAfter: in50 })] }), 'TLS-03'), 'expires_60d');
  assert.equal(resultOf(withTls({ chain: [cert({ notAfter: '2026-03-01T00:00:00.000Z' })] }), 'TLS-03'), 'not_applicable');
  assert.equal(resultOf(withTls({ chain: [cert({ notBefore: '2026-04-01T00:00:00.000Z' })] }), 'TLS-02'), 'not_yet_valid');
});

test('TLS-05: expiry and name errors are not trust errors; an unknown root is', () => {
  assert.equal(resultOf(withTls({ authorized: false, authorizationError: 'CERT_HAS_EXPIRED' }), 'TLS-05'), 'pass');
  assert.equal(resultOf(withTls({ authorized: false, authorizationError: 'ERR_TLS_CERT_ALTNAME_INVALID' }), 'TLS-05'), 'pass');
  assert.equal(resultOf(withTls({ authorized: false, authorizationError: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'TLS-05'), 'untrusted_root');
  assert.equal(resultOf(withTls({ authorized: false, authorizationError: 'CERT_REVOKED' }), 'TLS-05'), 'untrusted');
});

test('TLS-06/07: pinned probes decide; the http profile without them skips TLS-06', () => {
  assert.equal(resultOf(withTls({ versions: { tls1_0: false, tls1_1: true, tls1_2: true, tls1_3: false }, protocol: 'TLSv1.2' }), 'TLS-06'), 'legacy_accepted');
  const unprobed = outcomeOf(withTls({ versions: { tls1_0: null, tls1_1: null, tls1_2: null, tls1_3: null } }), 'TLS-06');
  assert.equal(unprobed.result, 'skipped');
  const noBonus = outcomeOf(withTls({ protocol: 'TLSv1.2', versions: { tls1_0: false, tls1_1: false, tls1_2: true, tls1_3: false } }), 'TLS-06');
  assert.deepEqual([noBonus.result, noBonus.bonus], ['pass', false]);
  assert.equal(resultOf(withTls({ protocol: 'TLSv1', versions: { tls1_0: true, tls1_1: false, tls1_2: false, tls1_3: false } }), 'TLS-07'), 'no_modern_tls');
});

test('TLS-09: RSA 2048 passes, RSA 1024 is weak, RSA 512 caps F; SHA-1 leaf signature is weak, a SHA-1 root self-signature is not', () => {
  assert.equal(resultOf(withTls({ chain: [cert({ keyType: 'RSA', keyBits: 2048, signatureAlgorithm: 'sha256WithRSAEncryption' })] }), 'TLS-09'), 'pass');
  assert.equal(resultOf(withTls({ chain: [cert({ keyType: 'RSA', keyBits: 1024 })] }), 'TLS-09'), 'weak_key');
  const o = outcomeOf(withTls({ chain: [cert({ keyType: 'RSA', keyBits: 512 })] }), 'TLS-09');
  assert.deepEqual([o.result, o.cap], ['rsa_under_1024', 'F']);
  assert.equal(resultOf(withTls({ chain: [cert({ signatureAlgorithm: 'sha1WithRSAEncryption' })] }), 'TLS-09'), 'weak_signature');
  const root = cert({ selfSigned: true, signatureAlgorithm: 'sha1WithRSAEncryption', keyType: 'RSA', keyBits: 4096 });
  assert.equal(resultOf(withTls({ chain: [cert(), root] }), 'TLS-09'), 'pass');
});

test('TLS-11: first hop to the apex twin instead of https, http→http hops, loops', () => {
  const ev = goodSite();
  const final = capture(`https://${HOST}/`, 200, goodBody(), GOOD_HEADERS);
  const twin = { ...ev, target: { ...ev.target, registered: { ...ev.target.registered, hostnames: [HOST, 'good.farm.test'] } } };
  const viaTwin = walk(final, [hop(capture(`http://${HOST}/`, 301, ''), 'http://good.farm.test/'), hop(capture('http://good.farm.test/', 301, ''), `https://${HOST}/`)]);
  assert.equal(resultOf({ ...twin, http: viaTwin }, 'TLS-11'), 'first_hop_other_host');
  const httpHop = walk(final, [hop(capture(`http://${HOST}/`, 302, ''), `http://${HOST}/index`), hop(capture(`http://${HOST}/index`, 301, ''), `https://${HOST}/`)]);
  assert.equal(resultOf({ ...ev, http: httpHop }, 'TLS-11'), 'http_hop');
  const loop = walk(capture(`https://${HOST}/a`, 302, '', { location: `https://${HOST}/` }), [hop(capture(`https://${HOST}/`, 302, ''), `https://${HOST}/a`)], { stopReason: 'loop', offHostTarget: null });
  assert.equal(resultOf({ ...ev, https: loop }, 'TLS-11'), 'loop');
});

test('TLS-12: http images are passive (low), protocol-relative and https resources are fine', () => {
  const img = { ...goodSite(), ...homeWalks(goodBody({ extra: '<img src="http://img.farm.test/a.png">' })) };
  assert.equal(resultOf(img, 'TLS-12'), 'mixed_passive');
  const fine = { ...goodSite(), ...homeWalks(goodBody({ extra: '<script src="//cdn.farm.test/x.js"></script><link rel="icon" href="http://a.test/f.ico">' })) };
  assert.equal(resultOf(fine, 'TLS-12'), 'pass');
});

test('HSTS parsing: first value, quoted max-age, includeSubDomains; bonus needs a year and subdomains', () => {
  assert.deepEqual(parseHsts('max-age="31536000"; includeSubDomains; preload'), { maxAge: 31536000, includeSubDomains: true });
  assert.equal(parseHsts('includeSubDomains'), null);
  assert.equal(parseHsts('max-age=abc'), null);
  assert.equal(resultOf(withHeaders({ 'strict-transport-security': 'max-age=300' }), 'HDR-01'), 'short_max_age');
  assert.equal(resultOf(withHeaders({ 'strict-transport-security': 'maxage=31536000' }), 'HDR-01'), 'invalid');
  const halfYear = outcomeOf(withHeaders({ 'strict-transport-security': 'max-age=15552000' }), 'HDR-01');
  assert.deepEqual([halfYear.result, halfYear.bonus], ['pass', false]);
});

test('HDR-02: unsafe-inline with a nonce is safe; unsafe-eval, *, missing script policy are not; meta CSP counts', () => {
  assert.equal(resultOf(withHeaders({ 'content-security-policy': "script-src 'self' 'unsafe-inline' 'nonce-abc'" }), 'HDR-02'), 'pass');
  assert.equal(resultOf(withHeaders({ 'content-security-policy': "script-src 'self' 'unsafe-eval'" }), 'HDR-02'), 'unsafe');
  assert.equal(resultOf(withHeaders({ 'content-security-policy': 'img-src *' }), 'HDR-02'), 'unsafe');
  const { 'content-security-policy': _c, ...noCsp } = GOOD_HEADERS;
  const meta = { ...goodSite(), ...homeWalks(goodBody({ head: `<meta http-equiv="Content-Security-Policy" content="default-src 'self'">` }), noCsp) };
  assert.equal(resultOf(meta, 'HDR-02'), 'pass');
  const ro = { ...goodSite(), ...homeWalks(goodBody(), { ...noCsp, 'content-security-policy-report-only': "default-src 'self'" }) };
  assert.equal(resultOf(ro, 'HDR-02'), 'report_only');
});

test('HDR-03/04/05 edge cases', () => {
  const { 'x-frame-options': _x, ...noXfo } = GOOD_HEADERS;
  assert.equal(resultOf({ ...goodSite(), ...homeWalks(goodBody(), noXfo) }, 'HDR-03'), 'pass'); // frame-ancestors
  assert.equal(resultOf(withHeaders({ 'x-frame-options': 'ALLOW-FROM https://a.test', 'content-security-policy': "default-src 'self'" }), 'HDR-03'), 'missing');
  assert.equal(resultOf(withHeaders({ 'referrer-policy': 'no-referrer, unsafe-url' }), 'HDR-04'), 'referrer_unsafe');
  assert.equal(resultOf(withHeaders({ 'referrer-policy': 'unsafe-url, strict-origin' }), 'HDR-04'), 'pass');
  assert.equal(resultOf(withHeaders({ 'access-control-allow-origin': 'https://cors-probe.invalid' }), 'HDR-05'), 'reflects_origin');
  assert.equal(resultOf(withHeaders({ 'access-control-allow-origin': '*' }), 'HDR-05'), 'pass');
  assert.equal(resultOf(withHeaders({ 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true' }), 'HDR-05'), 'wildcard_with_credentials');
});

test('LEK-01: a bare product name is fine, a version in X-Powered-By is not', () => {
  assert.equal(resultOf(withHeaders({ server: 'Apache' }), 'LEK-01'), 'pass');
  assert.equal(resultOf(withHeaders({ 'x-powered-by': 'PHP/7.4.3' }), 'LEK-01'), 'version_disclosed');
});
