/**
 * Evidence bundles for the fixture suite (spec §7): `good-site` plus one planted change each.
 * `npx tsx test/support/scan-evidence.ts` writes them to test/fixtures/scan/<name>.json;
 * tests read the JSON through loadEvidence().
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { siteFingerprint } from '../../src/scan/analyze/site-fingerprint';
import {
  planProbes, type Capture, type CaptureHeaders, type CertFacts, type Evidence, type Exchange, type Hop,
} from '../../src/scan/evidence';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/scan/', import.meta.url));
export const HOST = 'www.good.farm.test';
export const SCANNED_AT = '2026-03-15T02:00:00.000Z';
export const RANDOM_PROBE = '/3f9c2a7b1e6d4058.html';

const daysAgo = (n: number): string => new Date(Date.parse(SCANNED_AT) - n * 86_400_000).toISOString();

export const GOOD_HEADERS: CaptureHeaders = {
  'content-type': 'text/html; charset=utf-8',
  server: 'nginx',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy': "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'self'; base-uri 'self'",
  'x-frame-options': 'SAMEORIGIN',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'set-cookie': [
    'SESSIONID=7c1d0e; Path=/; Secure; HttpOnly; SameSite=Lax',
    'lang=zh-CN; Path=/; Max-Age=31536000; Secure; SameSite=Lax',
  ],
};

const NEWS = [
  '区政府召开第十二次常务会议研究部署春季农业生产和防汛准备工作',
  '关于公开征求《城市社区养老服务设施建设导则》意见的公告',
  '区教育局发布二〇二六年义务教育阶段学校招生入学政策问答',
  '区卫生健康委开展基层医疗机构家庭医生签约服务质量评估',
  '市场监管局提醒广大消费者理性消费注意核对商品标签和票据',
  '区人力资源和社会保障局举办高校毕业生专场招聘会岗位信息',
  '城市更新项目第二批老旧小区改造工程开工建设进展情况通报',
  '生态环境分局公布第一季度重点排污单位监督性监测结果',
  '区图书馆推出周末亲子阅读活动和非遗手工体验课程报名指南',
  '交通支队发布地铁施工期间部分道路临时交通组织调整方案',
  '区统计局发布一月至二月全区规模以上工业增加值运行情况',
  '街道办事处组织开展消防安全隐患排查整治和应急疏散演练',
  '区财政局关于政府采购意向公开工作的补充说明及答疑',
  '科技企业孵化器入驻企业申报创新券补贴的通知及办事流程',
  '区文化和旅游局公布春季赏花线路及景区客流预约须知',
  '区住房保障中心公共租赁住房配租结果公示名单及复核渠道',
];

const INTRO =
  '本网站是区人民政府面向社会公众提供政务信息公开、网上办事和互动交流服务的综合平台。' +
  '我们坚持以人民为中心的发展思想，持续推进政务公开标准化规范化建设，及时发布政策文件、' +
  '政策解读、财政预决算、重大建设项目和公共资源配置等信息，欢迎社会各界监督并提出意见建议。';

export const GOOD_FOOTER =
  '<div class="footer"><p>主办单位：某某区人民政府办公室 地址：某某区政务中心一号楼 邮编：100000</p>' +
  '<p><a href="https://beian.miit.gov.cn/" target="_blank">京ICP备12345678号-1</a> ' +
  '<a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=11010502000001" target="_blank">' +
  '<img src="/static/img/beian.png" alt="">京公网安备11010502000001号</a></p>' +
  '<p>网站标识码：1101050001 版权所有 © 2026 某某区人民政府</p></div>';

export function goodBody(opts: { title?: string; head?: string; main?: string; footer?: string; extra?: string } = {}): string {
  const main =
    opts.main ??
    `<div class="intro"><p>${INTRO}</p></div>` +
      `<ul class="news">${NEWS.map((n, i) => `<li><a href="/xxgk/2026/${i + 1}.html">${n}</a><span>2026-03-${String(14 - (i % 10)).padStart(2, '0')}</span></li>`).join('')}</ul>` +
      '<div class="links"><a href="https://www.gov.cn/">中国政府网</a> <a href="https://www.beijing.gov.cn/">北京市人民政府</a></div>';
  return (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">' +
    `<title>${opts.title ?? '某某区人民政府门户网站'}</title>` +
    '<meta name="keywords" content="某某区,政务公开,网上办事"><meta name="description" content="某某区人民政府门户网站">' +
    '<link rel="stylesheet" href="/static/css/site.css">' +
    (opts.head ?? '') +
    '</head><body><div class="header"><img src="/static/img/logo.png" alt="某某区人民政府"></div>' +
    '<div class="nav"><a href="/">首页</a><a href="/xxgk/">信息公开</a><a href="/bsfw/">办事服务</a><a href="/hdjl/">互动交流</a></div>' +
    main +
    (opts.extra ?? '') +
    (opts.footer ?? GOOD_FOOTER) +
    '<script src="/static/js/site.js"></script></body></html>'
  );
}

/** A capture with sensible defaults. */
export function capture(url: string, status: number | null, body = '', headers: CaptureHeaders = {}, extra: Partial<Capture> = {}): Capture {
  const bytes = Buffer.byteLength(body);
  return {
    url, status, headers, body, bodyBytes: bytes,
    headHex: Buffer.from(body).subarray(0, 64).toString('hex'),
    truncated: false, ip: status === null ? null : '127.0.0.1', timingMs: 12, ...extra,
  };
}

export function hop(from: Capture, next: string): Hop {
  return { ...from, next, via: 'header' };
}

export function walk(final: Capture, hops: Hop[] = [], stop: Pick<Exchange, 'stopReason' | 'offHostTarget'> = { stopReason: null, offHostTarget: null }): Exchange {
  return { hops, final, ...stop };
}

export function cert(over: Partial<CertFacts> = {}): CertFacts {
  return {
    subject: `CN=${HOST}`, subjectCN: HOST, issuer: 'CN=Farm Test Intermediate CA', issuerCN: 'Farm Test Intermediate CA',
    sanDns: [HOST], sanIps: [], notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2026-12-31T23:59:59.000Z',
    keyType: 'EC', keyBits: 256, signatureAlgorithm: 'ecdsa-with-SHA256', selfSigned: false,
    fingerprint256: 'AA:BB:CC:DD:01', pem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n', ...over,
  };
}

const INTERMEDIATE = cert({
  subject: 'CN=Farm Test Intermediate CA', subjectCN: 'Farm Test Intermediate CA', issuer: 'CN=Farm Test Root CA',
  issuerCN: 'Farm Test Root CA', sanDns: [], keyBits: 384, signatureAlgorithm: 'ecdsa-with-SHA384', fingerprint256: 'AA:BB:CC:DD:02',
});

const NOT_FOUND = '<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>';
const ROBOTS = 'User-agent: *\nDisallow: /search\nDisallow: /cgi-bin/\nSitemap: https://www.good.farm.test/sitemap.xml\n';

/** Home page exchanges: http 301 → https, https 200, spider 200. */
export function homeWalks(body: string, headers: CaptureHeaders = GOOD_HEADERS): Pick<Evidence, 'http' | 'https' | 'spider'> {
  const https = (): Capture => capture(`https://${HOST}/`, 200, body, headers);
  const redirect = capture(`http://${HOST}/`, 301, '', { location: `https://${HOST}/`, server: String(headers.server ?? 'nginx') });
  return {
    http: walk(https(), [hop(redirect, `https://${HOST}/`)]),
    https: walk(https()),
    spider: walk(https()),
  };
}

/** Every planned probe answered 404, the random probe too, robots.txt served. */
export function notFoundProbes(): Record<string, Capture> {
  const probes: Record<string, Capture> = {};
  for (const p of planProbes('standard', HOST)) {
    probes[p.path] = capture(`https://${HOST}${p.path}`, 404, NOT_FOUND, { 'content-type': 'text/html', server: 'nginx' });
  }
  probes['/robots.txt'] = capture(`https://${HOST}/robots.txt`, 200, ROBOTS, { 'content-type': 'text/plain' });
  probes[RANDOM_PROBE] = capture(`https://${HOST}${RANDOM_PROBE}`, 404, NOT_FOUND, { 'content-type': 'text/html', server: 'nginx' });
  return probes;
}

/** The clean site every fixture starts from. */
export function goodSite(): Evidence {
  return {
    scannedAt: SCANNED_AT,
    target: {
      siteId: '00000000-0000-4000-8000-000000000001',
      host: HOST,
      registered: {
        icpNumber: '京ICP备12345678号-1', psbNumber: '京公网安备11010502000001号', ips: ['127.0.0.1'],
        hostnames: [HOST], serviceTypes: ['政务'], regionCode: '110105', mlpsLevel: 2,
      },
    },
    dns: { a: ['127.0.0.1'], aaaa: [], cname: [] },
    ...homeWalks(goodBody()),
    tls: {
      protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', authorized: true, authorizationError: null,
      chain: [cert(), INTERMEDIATE], versions: { tls1_0: false, tls1_1: false, tls1_2: true, tls1_3: true },
    },
    probes: notFoundProbes(),
    randomProbe: RANDOM_PROBE,
    baseline: null,
    history: { tasks: [{ scannedAt: daysAgo(30), siteStatus: 'active', signals: [] }], lastMinhash: null, unchangedSince: null },
  };
}

/** A baseline taken from a bundle's current home page. */
export function baselineOf(ev: Evidence, capturedAt = daysAgo(60)): NonNullable<Evidence['baseline']> {
  const fp = siteFingerprint(ev);
  if (!fp) throw new Error('no home page to take a baseline from');
  return { capturedAt, ...fp };
}

function withHome(ev: Evidence, body: string, headers: CaptureHeaders = GOOD_HEADERS): Evidence {
  return { ...ev, ...homeWalks(body, headers) };
}

function withProbes(ev: Evidence, probes: Record<string, Capture>): Evidence {
  return { ...ev, probes: { ...ev.probes, ...probes } };
}

const probe = (path: string, status: number, body: string, headers: CaptureHeaders, extra: Partial<Capture> = {}): Record<string, Capture> =>
  ({ [path]: capture(`https://${HOST}${path}`, status, body, headers, extra) });

const TEXT = { 'content-type': 'text/plain' };
const HTML = { 'content-type': 'text/html; charset=utf-8' };

const GAMBLING_PAGE = goodBody({
  title: '澳门新葡京娱乐场-百家乐真人娱乐-在线投注平台',
  main:
    '<div class="main"><h1>澳门赌场官方网站</h1><p>百家乐、真人娱乐、六合彩、时时彩、体育投注，注册送彩金，首存即送，每日返水。</p>' +
    '<p>网上赌场信誉第一，老虎机、电子游艺、捕鱼达人，皇冠体育足球投注，提款秒到账。</p></div>',
});

const GAMBLING_HOSTS = ['amxpj01.example', 'bjl88.example', 'hg6668.example', 'xpj9.example'];
const GAMBLING_TEXTS = ['澳门赌场', '百家乐', '真人娱乐', '六合彩', '时时彩', '博彩公司', '网上赌场', '皇冠体育', '娱乐城', '老虎机', '体育投注', '注册送彩金'];

const ANTI_GAMBLING = goodBody({
  title: '区公安分局严厉打击网络赌博违法犯罪活动-某某区人民政府门户网站',
  main:
    '<div class="article"><h1>区公安分局严厉打击网络赌博违法犯罪活动</h1>' +
    '<p>近日，区公安分局依法打击一个以“澳门赌场”为名的网络赌博平台，抓获犯罪嫌疑人十二名。</p>' +
    '<p>警方提醒：所谓“百家乐”“真人娱乐”等网上赌场均属违法，切勿参与，谨防上当受骗。</p>' +
    '<p>据介绍，该团伙通过社交软件招揽人员，警方依法查处相关博彩公司账户，冻结涉案资金四百余万元。</p>' +
    '<p>群众如发现六合彩、时时彩等赌博线索，可拨打110或通过本网站举报，公安机关将依法严厉打击。</p>' +
    `<p>${INTRO}</p></div>`,
});

const REDESIGNED = goodBody({
  title: '某某区人民政府',
  main:
    '<main class="portal"><section class="hero"><h2>智慧政务 一网通办</h2><p>企业开办全程网办，最快半天领取营业执照和印章。</p></section>' +
    '<section class="services"><h3>热门服务</h3><ol><li>社保卡申领与补换</li><li>居住证办理进度查询</li><li>不动产登记预约</li>' +
    '<li>新生儿出生一件事联办</li><li>退休人员待遇资格认证</li><li>公积金提取线上申请</li><li>中小学入学材料预审</li></ol></section>' +
    '<section class="topics"><h3>专题专栏</h3><p>优化营商环境三年行动；乡村振兴示范片区建设；无障碍环境建设宣传周；' +
    '垃圾分类新时尚；数字经济产业园招商推介；青年人才驿站免费住宿申请说明。</p></section>' +
    '<section class="voice"><h3>政民互动</h3><p>区长信箱本月收到来信三百余件，办结率百分之九十八，满意率持续提升。</p></section></main>',
});

const DEFACED = goodBody({
  title: 'Hacked by XwX Team',
  main: '<div style="text-align:center"><h1>Hacked by XwX Team</h1><p>Your security is low. We were here.</p><p>greetz: all members</p></div>',
});

/** Fixture name → bundle. */
export const FIXTURES: Record<string, () => Evidence> = {
  'good-site': goodSite,
  'tls13-only': () => {
    const ev = goodSite();
    return { ...ev, tls: ev.tls && { ...ev.tls, versions: { tls1_0: false, tls1_1: false, tls1_2: false, tls1_3: true } } };
  },
  'http-only': () => {
    const ev = goodSite();
    const { 'strict-transport-security': _hsts, ...headers } = GOOD_HEADERS;
    const page = capture(`http://${HOST}/`, 200, goodBody(), { ...headers, 'set-cookie': ['SESSIONID=7c1d0e; Path=/; HttpOnly; SameSite=Lax'] });
    return {
      ...ev, http: walk(page), https: walk(capture(`https://${HOST}/`, null, '', {}, { error: 'refused' })), tls: null,
      spider: walk({ ...page }),
    };
  },
  'no-https-redirect': () => {
    const ev = goodSite();
    return { ...ev, http: walk(capture(`http://${HOST}/`, 200, goodBody(), GOOD_HEADERS)) };
  },
  'redirect-offsite': () => {
    const ev = goodSite();
    const away = (u: string): Capture => capture(u, 302, '', { location: 'https://evil.farm.test/', server: 'nginx' });
    const off = { stopReason: 'off_host' as const, offHostTarget: 'https://evil.farm.test/' };
    const redirect = capture(`http://${HOST}/`, 301, '', { location: `https://${HOST}/`, server: 'nginx' });
    return {
      ...ev,
      http: walk(away(`https://${HOST}/`), [hop(redirect, `https://${HOST}/`)], off),
      https: walk(away(`https://${HOST}/`), [], off),
      spider: walk(away(`https://${HOST}/`), [], off),
    };
  },
  'no-hsts': () => {
    const { 'strict-transport-security': _hsts, ...headers } = GOOD_HEADERS;
    return withHome(goodSite(), goodBody(), headers);
  },
  'bare-headers': () => {
    const { 'content-security-policy': _c, 'x-frame-options': _x, 'x-content-type-options': _n, ...rest } = GOOD_HEADERS;
    return withHome(goodSite(), goodBody(), { ...rest, server: 'nginx/1.14.0' });
  },
  'expired-cert': () => {
    const ev = goodSite();
    const leaf = cert({ notBefore: daysAgo(366), notAfter: daysAgo(1) });
    return { ...ev, tls: ev.tls && { ...ev.tls, authorized: false, authorizationError: 'CERT_HAS_EXPIRED', chain: [leaf, INTERMEDIATE] } };
  },
  'self-signed': () => {
    const ev = goodSite();
    const leaf = cert({ issuer: `CN=${HOST}`, issuerCN: HOST, selfSigned: true });
    return { ...ev, tls: ev.tls && { ...ev.tls, authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT', chain: [leaf] } };
  },
  'wrong-host-cert': () => {
    const ev = goodSite();
    const leaf = cert({ subject: 'CN=other.farm.test', subjectCN: 'other.farm.test', sanDns: ['other.farm.test'] });
    return { ...ev, tls: ev.tls && { ...ev.tls, authorized: false, authorizationError: 'ERR_TLS_CERT_ALTNAME_INVALID', chain: [leaf, INTERMEDIATE] } };
  },
  'incomplete-chain': () => {
    const ev = goodSite();
    return { ...ev, tls: ev.tls && { ...ev.tls, authorized: false, authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', chain: [cert()] } };
  },
  'tls10-enabled': () => {
    const ev = goodSite();
    return { ...ev, tls: ev.tls && { ...ev.tls, versions: { ...ev.tls.versions, tls1_0: true } } };
  },
  'cookies-insecure': () => withHome(goodSite(), goodBody(), { ...GOOD_HEADERS, 'set-cookie': ['PHPSESSID=9a8b7c6d; path=/'] }),
  'cors-reflect': () => withHome(goodSite(), goodBody(), {
    ...GOOD_HEADERS, 'access-control-allow-origin': 'https://cors-probe.invalid', 'access-control-allow-credentials': 'true', vary: 'Origin',
  }),
  'soft-404-everything': () => {
    const ev = goodSite();
    const probes: Record<string, Capture> = {};
    for (const path of Object.keys(ev.probes)) probes[path] = capture(`https://${HOST}${path}`, 200, goodBody(), GOOD_HEADERS);
    return { ...ev, probes };
  },
  'soft-404-echo': () => {
    const ev = goodSite();
    const probes: Record<string, Capture> = {};
    Object.keys(ev.probes).forEach((path, i) => {
      const token = (0x5f3a91 * (i + 7)).toString(16);
      const body = `<html><head><title>页面未找到</title></head><body><h1>页面未找到</h1><p>您访问的页面 ${path} 不存在（请求编号 ${token}）。</p><p><a href="/">返回首页</a></p></body></html>`;
      probes[path] = capture(`https://${HOST}${path}`, 200, body, HTML);
    });
    return { ...ev, probes };
  },
  'exposed-git': () => withProbes(goodSite(), {
    ...probe('/.git/HEAD', 200, 'ref: refs/heads/master\n', TEXT),
    ...probe('/.git/config', 200, '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n', TEXT),
  }),
  'leaky-paths': () => withProbes(goodSite(), {
    ...probe('/.env', 200, 'APP_NAME=portal\nAPP_ENV=production\nAPP_KEY=base64:Zm9vYmFyYmF6\nDB_HOST=127.0.0.1\nDB_PASSWORD=s3cret\n', TEXT),
    ...probe('/upload/', 200, '<html><head><title>Index of /upload/</title></head><body><h1>Index of /upload/</h1><hr><pre><a href="../">../</a>\n<a href="notice.doc">notice.doc</a>  12-Mar-2026 10:01  48128\n</pre><hr></body></html>', HTML),
    ...probe('/phpinfo.php', 200, '<!DOCTYPE html><html><head><title>PHP 7.4.3 - phpinfo()</title></head><body><div class="center"><h1 class="p">PHP Version 7.4.3</h1><p>This program makes use of the Zend Scripting Language Engine: Zend Engine v3.4.0</p></div></body></html>', HTML),
    ...probe(RANDOM_PROBE, 404, '<br />\n<b>Fatal error</b>:  Uncaught Exception: page not found in <b>/var/www/html/core/router.php</b> on line <b>87</b><br />\n', HTML),
  }),
  'backup-archive': () => {
    const zip = Buffer.concat([Buffer.from('504b0304140000000800', 'hex'), Buffer.alloc(502, 7)]);
    return withProbes(goodSite(), probe('/www.zip', 206, zip.toString('latin1'), { 'content-type': 'application/zip', 'content-range': 'bytes 0-511/7340032' }, { bodyBytes: 512, headHex: zip.subarray(0, 64).toString('hex') }));
  },
  'mixed-content': () => withHome(goodSite(), goodBody({ extra: '<script src="http://cdn.farm.test/x.js"></script>' })),
  'icp-missing': () => withHome(goodSite(), goodBody({ footer: GOOD_FOOTER.replace('京ICP备12345678号-1', '') })),
  'icp-mismatch': () => withHome(goodSite(), goodBody({ footer: GOOD_FOOTER.replace('京ICP备12345678号-1', '京ICP备87654321号-1') })),
  'icp-fullwidth': () => withHome(goodSite(), goodBody({ footer: GOOD_FOOTER.replace('京ICP备12345678号-1', '京ＩＣＰ备１２３４\u200b５６７８号－１') })),
  'psb-mismatch': () => withHome(goodSite(), goodBody({ footer: GOOD_FOOTER.replace('京公网安备11010502000001号', '沪公网安备11010502000001号') })),
  'spa-shell': () => withHome(goodSite(),
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>某某区政务服务</title><script src="/static/js/chunk-vendors.js"></script>' +
    '<script src="/static/js/app.js"></script></head><body><noscript>请启用JavaScript后访问本站。</noscript><div id="app"></div></body></html>'),
  'default-nginx': () => withHome(goodSite(),
    '<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1>' +
    '<p>If you see this page, the nginx web server is successfully installed and working. Further configuration is required.</p>' +
    '<p>For online documentation and support please refer to <a href="http://nginx.org/">nginx.org</a>.</p>' +
    '<p><em>Thank you for using nginx.</em></p></body></html>'),
  'parked-zombie': () => {
    const ev = withHome(goodSite(),
      '<!DOCTYPE html><html><head><title>good.farm.test 域名出售</title></head><body><h1>This domain is for sale!</h1>' +
      '<p>本域名出售，有意者请联系 domains@example.invalid</p><a href="mailto:domains@example.invalid">联系我们</a></body></html>');
    return { ...ev, history: { ...ev.history, tasks: [{ scannedAt: daysAgo(8), siteStatus: 'active', signals: ['P'] }] } };
  },
  'dead-site': () => deadSite([]),
  'dead-site-zombie': () => deadSite([
    { scannedAt: daysAgo(4), siteStatus: 'unreachable', signals: ['U'] },
    { scannedAt: daysAgo(8), siteStatus: 'unreachable', signals: ['U'] },
  ]),
  defaced: () => {
    const ev = goodSite();
    return { ...withHome(ev, DEFACED), baseline: baselineOf(ev) };
  },
  redesigned: () => {
    const ev = goodSite();
    return { ...withHome(ev, REDESIGNED), baseline: baselineOf(ev) };
  },
  'hidden-gambling-links': () => {
    const ev = goodSite();
    const links = GAMBLING_TEXTS.map((t, i) => `<a href="https://${GAMBLING_HOSTS[i % GAMBLING_HOSTS.length]}/?r=${i}">${t}</a>`).join(' ');
    return { ...withHome(ev, goodBody({ extra: `<div style="position:absolute;left:-9999px;top:-9999px">${links}</div>` })), baseline: baselineOf(ev) };
  },
  'title-hijack': () => withHome(goodSite(), goodBody({
    title: '澳门新葡京娱乐场-百家乐-真人娱乐在线投注平台-某某区人民政府门户网站',
  })),
  'anti-gambling-news': () => withHome(goodSite(), ANTI_GAMBLING),
  'cloaked-spider': () => {
    const ev = goodSite();
    return { ...ev, spider: walk(capture(`https://${HOST}/`, 200, GAMBLING_PAGE, GOOD_HEADERS)) };
  },
  'injected-script': () => withHome(goodSite(), goodBody({
    extra: '<script>eval(atob("ZG9jdW1lbnQud3JpdGUoJzxzY3JpcHQgc3JjPSJodHRwczovL2V2aWwuZXhhbXBsZS9qcyI+PC9zY3JpcHQ+Jyk="))</script>',
  })),
};

function deadSite(tasks: Evidence['history']['tasks']): Evidence {
  const ev = goodSite();
  const refused = (u: string): Capture => capture(u, null, '', {}, { error: 'refused', timingMs: 3 });
  return {
    ...ev, http: walk(refused(`http://${HOST}/`)), https: walk(refused(`https://${HOST}/`)), tls: null, spider: null,
    probes: {}, randomProbe: null, history: { tasks, lastMinhash: null, unchangedSince: null },
  };
}

/** Reads a stored fixture bundle. */
export function loadEvidence(name: string): Evidence {
  return JSON.parse(readFileSync(`${FIXTURE_DIR}${name}.json`, 'utf8')) as Evidence;
}

/** Writes every fixture bundle as JSON. */
export function writeFixtures(): string[] {
  return Object.entries(FIXTURES).map(([name, build]) => {
    writeFileSync(`${FIXTURE_DIR}${name}.json`, `${JSON.stringify(build(), null, 1)}\n`);
    return name;
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`wrote ${writeFixtures().length} fixtures to ${FIXTURE_DIR}`);
}
