import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Capture, CaptureHeaders, Evidence } from '../../../src/scan/evidence';
import { capture, goodSite, HOST, RANDOM_PROBE } from '../../support/scan-evidence';
import { outcomeOf, resultOf } from './helpers';

const at = (path: string, status: number, body: string, headers: CaptureHeaders = { 'content-type': 'text/plain' }, extra: Partial<Capture> = {}): Record<string, Capture> =>
  ({ [path]: capture(`https://${HOST}${path}`, status, body, headers, extra) });
const withProbes = (probes: Record<string, Capture>, ev: Evidence = goodSite()): Evidence => ({ ...ev, probes: { ...ev.probes, ...probes } });
const loginPage = '<html><head><title>后台管理系统登录</title></head><body><form><input name="u"><input type="password" name="p"></form></body></html>';
const html = { 'content-type': 'text/html' };

test('soft-404 guard: a login page served for every path (random probe too) is not an exposed console', () => {
  const ev = withProbes({ ...at('/admin/', 200, loginPage, html), ...at(RANDOM_PROBE, 200, loginPage, html) });
  assert.equal(resultOf(ev, 'EXP-06'), 'pass');
  const real = withProbes(at('/admin/', 200, loginPage, html));
  assert.equal(resultOf(real, 'EXP-06'), 'console_exposed');
});

test('soft-404 guard keeps a hit whose signature the random page lacks', () => {
  const catchAll = '<html><body>not here</body></html>';
  const ev = withProbes({ ...at(RANDOM_PROBE, 200, catchAll, html), ...at('/.git/HEAD', 200, 'ref: refs/heads/main\n') });
  assert.equal(resultOf(ev, 'EXP-01'), 'exposed');
});

test('status alone never fires; HTML never passes a raw-file signature', () => {
  const ev = withProbes({
    ...at('/.git/HEAD', 200, ''),
    ...at('/.env', 200, '<!DOCTYPE html><html><body>APP_KEY=x\nDB_PASSWORD=y\n</body></html>', html),
    ...at('/.git/config', 200, '[core]\nrepositoryformatversion = 0\n', html),
  });
  assert.equal(resultOf(ev, 'EXP-01'), 'pass');
  assert.equal(resultOf(ev, 'EXP-02'), 'pass');
});

test('EXP-02: names only reach the evidence, never the secret values', () => {
  const o = outcomeOf(withProbes(at('/.env', 200, 'APP_KEY=supersecretvalue\nDB_PASSWORD=hunter2\n')), 'EXP-02');
  assert.equal(o.result, 'exposed');
  const text = JSON.stringify(o);
  assert.ok(!text.includes('supersecretvalue') && !text.includes('hunter2'));
  assert.ok(text.includes('DB_PASSWORD'));
});

test('EXP-03: magic bytes and root tags', () => {
  const sqlite = { headHex: '53514c69746520666f726d6174203300' + '00'.repeat(8) };
  assert.equal(resultOf(withProbes(at('/.svn/wc.db', 206, 'SQLite format 3\u0000', { 'content-type': 'application/octet-stream' }, sqlite)), 'EXP-03'), 'exposed');
  assert.equal(resultOf(withProbes(at('/.DS_Store', 200, 'x', {}, { headHex: '0000000142756431' })), 'EXP-03'), 'exposed');
  assert.equal(resultOf(withProbes(at('/WEB-INF/web.xml', 200, '<?xml version="1.0"?>\n<!-- app -->\n<web-app version="3.1"></web-app>', { 'content-type': 'application/xml' })), 'EXP-03'), 'exposed');
  assert.equal(resultOf(withProbes(at('/.svn/entries', 200, '12\n')), 'EXP-03'), 'exposed');
  assert.equal(resultOf(withProbes(at('/.DS_Store', 200, 'Bud1 but not at the start')), 'EXP-03'), 'pass');
});

test('EXP-04: a SQL dump is a backup; an HTML page named www.zip is not', () => {
  assert.equal(resultOf(withProbes(at('/db.sql', 200, '-- MySQL dump 10.13  Distrib 5.7.40\n--\n')), 'EXP-04'), 'exposed');
  assert.equal(resultOf(withProbes(at(`/${HOST}.rar`, 206, 'Rar!', {}, { headHex: '526172211a0700' })), 'EXP-04'), 'exposed');
  assert.equal(resultOf(withProbes(at('/www.zip', 200, '<html><body>下载</body></html>', html)), 'EXP-04'), 'pass');
});

test('EXP-05/06/07 and LEK-03 content signatures', () => {
  assert.equal(resultOf(withProbes(at('/files/', 200, '<html><head><title>Directory Listing For /files/</title></head></html>', html)), 'EXP-05'), 'listing');
  const tomcat = at('/manager/html', 401, '', { 'www-authenticate': 'Basic realm="Tomcat Manager Application"' });
  assert.equal(resultOf(withProbes(tomcat), 'EXP-06'), 'console_exposed');
  assert.equal(resultOf(withProbes(at('/manager/html', 401, '', { 'www-authenticate': 'Basic realm="intranet"' })), 'EXP-06'), 'pass');
  assert.equal(resultOf(withProbes(at('/nginx_status', 200, 'Active connections: 3 \nserver accepts handled requests\n 10 10 20 \n')), 'EXP-07'), 'info_exposed');
  assert.equal(resultOf(withProbes(at('/server-status', 200, '<html><body>status page</body></html>', html)), 'EXP-07'), 'pass');
  const robots = at('/robots.txt', 200, 'User-agent: *\nDisallow: /admin/\nDisallow: /old_site/\nDisallow: /folder/\n');
  const o = outcomeOf(withProbes(robots), 'LEK-03');
  assert.equal(o.result, 'sensitive_paths');
  assert.deepEqual(o.detail?.paths, ['/admin/', '/old_site/']);
});

test('probes the profile did not capture leave the check skipped, not passed', () => {
  const ev: Evidence = { ...goodSite(), probes: {} };
  for (const id of ['EXP-01', 'EXP-02', 'EXP-03', 'EXP-04', 'EXP-05', 'EXP-06', 'EXP-07', 'LEK-03']) assert.equal(resultOf(ev, id), 'skipped', id);
});
