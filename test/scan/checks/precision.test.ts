/** Pages that look suspicious to naive scanners but are fine: none may fire (spec: precision first). */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Evidence } from '../../../src/scan/evidence';
import { GOOD_FOOTER, GOOD_HEADERS, goodBody, goodSite, homeWalks, capture, walk, HOST, baselineOf } from '../../support/scan-evidence';
import { outcomeOf, resultOf } from './helpers';

const withBody = (body: string, ev: Evidence = goodSite()): Evidence => ({ ...ev, ...homeWalks(body) });

test('CNT-06: a mobile redirect next to Baidu analytics in one script is not a gated redirect', () => {
  const js = `<script>var _hmt = _hmt || []; (function(){ var hm = document.createElement("script"); hm.src = "https://hm.baidu.com/hm.js?abc";
    var s = document.getElementsByTagName("script")[0]; s.parentNode.insertBefore(hm, s); })();
    if (/Android|iPhone|iPad/i.test(navigator.userAgent)) { window.location.href = "https://m.good.farm.test/"; }</script>`;
  assert.equal(resultOf(withBody(goodBody({ extra: js })), 'CNT-06'), 'pass');
});

test('CNT-06: a referrer-gated redirect for search visitors fires firm', () => {
  const js = '<script>var r = document.referrer; if (r.indexOf("baidu") > -1 || r.indexOf("sogou") > -1) { top.location.href = "https://xpj.example/"; }</script>';
  const o = outcomeOf(withBody(goodBody({ extra: js })), 'CNT-06');
  assert.equal(o.result, 'injected_script');
  assert.equal(o.confidence, 'firm');
});

test('CNT-03: a hidden drop-down menu with two external links, or links to government sites, is not 暗链', () => {
  const menu = '<div class="sub" style="display:none"><a href="https://weibo.com/goodgov">微博</a><a href="https://mp.weixin.qq.com/x">微信</a></div>' +
    '<select style="display:none"></select><div style="display:none">' +
    Array.from({ length: 12 }, (_, i) => `<a href="https://www.dept${i}.gov.cn/">部门${i}</a>`).join('') + '</div>';
  assert.equal(resultOf(withBody(goodBody({ extra: menu })), 'CNT-03'), 'pass');
});

test('CNT-03: three hidden unlisted foreign links without a baseline wait for review (tentative, no points)', () => {
  const div = '<div style="display:none">' + ['a', 'b', 'c'].map((h) => `<a href="https://${h}.example/">友情链接${h}</a>`).join('') + '</div>';
  const o = outcomeOf(withBody(goodBody({ extra: div })), 'CNT-03');
  assert.equal(o.result, 'hidden_links');
  assert.equal(o.confidence, 'tentative');
});

test('CNT-03: a rule inside @media does not hide, so a responsive menu is not 暗链', () => {
  const html = '<style>@media (max-width: 768px) { .nav-ext { display: none } }</style><div class="nav-ext">' +
    Array.from({ length: 12 }, (_, i) => `<a href="https://partner${i}.example/">百家乐${i}</a>`).join('') + '</div>';
  assert.equal(resultOf(withBody(goodBody({ extra: html })), 'CNT-03'), 'pass');
});

test('CNT-02: a single mid-weight term in the title is tentative; the baseline title does not fire', () => {
  const o = outcomeOf(withBody(goodBody({ title: '六合彩开奖公告-某某区人民政府门户网站' })), 'CNT-02');
  assert.equal(o.confidence, 'tentative');
  const ev = withBody(goodBody({ title: '澳门赌场百家乐-某某区人民政府门户网站' }));
  assert.equal(resultOf({ ...ev, baseline: baselineOf(ev) }, 'CNT-02'), 'pass');
});

test('CNT-04: one repeated term, or terms next to neutralisers, is not prohibited content', () => {
  const repeated = `<p>${'百家乐 '.repeat(30)}</p>`;
  assert.equal(resultOf(withBody(goodBody({ extra: repeated })), 'CNT-04'), 'pass');
  const news = '<p>公安机关依法打击澳门赌场、百家乐、真人娱乐等网络赌博犯罪，严禁参与六合彩、时时彩。</p>';
  assert.equal(resultOf(withBody(goodBody({ extra: news })), 'CNT-04'), 'pass');
});

test('CKE: csrftoken readable by scripts is not an auth cookie', () => {
  const ev = { ...goodSite(), ...homeWalks(goodBody(), { ...GOOD_HEADERS, 'set-cookie': ['csrftoken=abc; Path=/; Secure; SameSite=Lax'] }) };
  assert.equal(resultOf(ev, 'CKE-02'), 'pass');
  assert.equal(resultOf(ev, 'CKE-01'), 'pass');
});

test('CKE: a deleted cookie (Max-Age=0) is not judged', () => {
  const ev = { ...goodSite(), ...homeWalks(goodBody(), { ...GOOD_HEADERS, 'set-cookie': ['PHPSESSID=; Max-Age=0; Path=/'] }) };
  assert.equal(resultOf(ev, 'CKE-02'), 'not_applicable');
});

test('AVL-02: a frameset, a same-host meta refresh or an image-link splash page is not broken', () => {
  const frameset = '<html><head><title>x</title></head><frameset rows="*"><frame src="/main.html"></frameset></html>';
  const refresh = '<html><head><meta http-equiv="refresh" content="0;url=/portal/index.html"></head><body></body></html>';
  const splash = '<html><body><a href="/index2.html"><img src="/enter.jpg"></a></body></html>';
  for (const body of [frameset, refresh, splash]) assert.equal(resultOf(withBody(body), 'AVL-02'), 'pass', body);
  assert.equal(resultOf(withBody('<html><body>建设中</body></html>'), 'AVL-02'), 'broken');
});

test('AVL-04/05: long pages merely mentioning a default page or a domain sale are not default or parked', () => {
  const article = `<p>运维笔记：安装完成后浏览器会显示 Welcome to nginx! 页面。另外 domain is for sale 是常见的停放页面提示。</p>`;
  const ev = withBody(goodBody({ extra: article }));
  assert.equal(resultOf(ev, 'AVL-04'), 'pass');
  assert.equal(resultOf(ev, 'AVL-05'), 'pass');
});

test('AVL-06: a meta refresh to an unregistered host fires; to the site itself it does not', () => {
  const away = '<html><head><meta http-equiv="refresh" content="0; URL=\'https://evil.farm.test/\'"></head><body></body></html>';
  assert.equal(resultOf(withBody(away), 'AVL-06'), 'offsite_redirect');
  const home = '<html><head><meta http-equiv="refresh" content="0;url=/portal/"></head><body></body></html>';
  assert.equal(resultOf(withBody(home), 'AVL-06'), 'pass');
});

test('FIL: number without suffix, 证 plus 备, number in an image alt inside the MIIT link all pass', () => {
  const noSuffix = withBody(goodBody({ footer: GOOD_FOOTER.replace('京ICP备12345678号-1', '京ICP备12345678号') }));
  assert.equal(resultOf(noSuffix, 'FIL-02'), 'pass');
  const both = withBody(goodBody({ footer: GOOD_FOOTER.replace('京ICP备12345678号-1', '京ICP证030173号 京ICP备12345678号-1') }));
  assert.equal(resultOf(both, 'FIL-02'), 'pass');
  const img = withBody(goodBody({ footer: GOOD_FOOTER.replace('京ICP备12345678号-1', '<img src="/icp.png" alt="京ICP备12345678号-1">') }));
  assert.equal(resultOf(img, 'FIL-01'), 'pass');
  assert.equal(resultOf(img, 'FIL-03'), 'pass');
});

test('FIL: a different site suffix costs 5; an unlinked number fires FIL-03; a number at the top is not_at_bottom', () => {
  const suffix = withBody(goodBody({ footer: GOOD_FOOTER.replace('京ICP备12345678号-1', '京ICP备12345678号-2') }));
  assert.equal(resultOf(suffix, 'FIL-02'), 'suffix_mismatch');
  const unlinked = withBody(goodBody({ footer: GOOD_FOOTER.replace('<a href="https://beian.miit.gov.cn/" target="_blank">京ICP备12345678号-1</a>', '京ICP备12345678号-1') }));
  assert.equal(resultOf(unlinked, 'FIL-03'), 'not_linked');
  const top = withBody(goodBody({ main: '<p>京ICP备12345678号-1</p>' + '<p>正文内容很多。</p>'.repeat(80), footer: '<div class="bar">联系我们</div>' }));
  assert.equal(resultOf(top, 'FIL-01'), 'not_at_bottom');
});

test('FIL: a truncated body without a number is not_determinable, never missing', () => {
  const ev = goodSite();
  const cap = capture(`https://${HOST}/`, 200, goodBody({ footer: '' }), GOOD_HEADERS, { truncated: true });
  const tr = { ...ev, https: walk(cap), http: walk({ ...cap }) };
  assert.equal(resultOf(tr, 'FIL-01'), 'not_determinable');
  assert.equal(resultOf(tr, 'FIL-04'), 'not_determinable');
});

test('FIL and CNT-01 are not applicable on a broken home page', () => {
  const ev = goodSite();
  const cap = capture(`https://${HOST}/`, 503, '<html><body>Service Unavailable</body></html>', GOOD_HEADERS);
  const broken = { ...ev, https: walk(cap), http: walk({ ...cap }), baseline: baselineOf(ev) };
  assert.equal(resultOf(broken, 'AVL-02'), 'broken');
  for (const id of ['FIL-01', 'FIL-02', 'FIL-03', 'FIL-04', 'FIL-05', 'CNT-01']) assert.equal(resultOf(broken, id), 'not_applicable', id);
});
