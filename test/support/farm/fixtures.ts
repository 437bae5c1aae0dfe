import { randomBytes } from 'node:crypto';
import type { HistoryTask, RegisteredFacts } from '../../../src/scan/evidence';
import {
  html, rangedFile, redirect, streamFiller, text,
  type FarmHandler, type FarmHeaders, type FarmReply, type FarmRequest,
} from './http-kit';
import * as P from './pages';

/**
 * The correctness fixtures of spec §7: each is the good site plus one planted change, served
 * as `<name>.farm.test`. The registry facts are exported so the caller can register the sites.
 */

export const FIXTURE_DOMAIN = 'farm.test';

/** How the fixture's 443 behaves. */
export type FixtureTls =
  | 'standard' // farm intermediate-signed leaf + chain, TLS 1.2–1.3
  | 'none' // 443 refused
  | 'tls13-only'
  | 'tls10' // TLS 1.0–1.3 with DEFAULT@SECLEVEL=0
  | 'expired'
  | 'self-signed'
  | 'wrong-host'
  | 'incomplete-chain';

/** Whether the host answers at all: `reset` resets every TCP connection, `refused` listens nowhere. */
export type FixtureTransport = 'serve' | 'reset' | 'refused';

/** What the caller must seed besides the registry row (analysis inputs retrieval does not produce). */
export type FixtureNeeds = {
  /** HTML whose fingerprint is the site's approved baseline. */
  baselineHtml?: string;
  /** Earlier tasks to seed, newest first, with their age in days before the scan. */
  priorTasks?: (Omit<HistoryTask, 'scannedAt'> & { daysAgo: number })[];
  /** The previous task's text equals this page (for "unchanged since"). */
  unchangedSinceDaysAgo?: number;
};

export type FixtureSite = {
  name: string;
  host: string;
  /** What was planted (spec §7). */
  planted: string;
  /** Expected outcome (spec §7), for reports. */
  expected: string;
  registered: RegisteredFacts;
  tls: FixtureTls;
  transport: FixtureTransport;
  needs?: FixtureNeeds;
};

export type FixtureDef = FixtureSite & { handle: FarmHandler };

export type FixtureOptions = {
  /** Delay of the slow-5s home page, ms. */
  slowMs: number;
  /** Size of the huge-body home page, bytes. */
  hugeBodyBytes: number;
};

export const DEFAULT_FIXTURE_OPTIONS: FixtureOptions = { slowMs: 5000, hugeBodyBytes: 50 * 1024 * 1024 };

export function fixtureHost(name: string): string {
  return `${name}.${FIXTURE_DOMAIN}`;
}

/** Hosts the farm serves that are NOT registered: they exist only so a stray request is counted. */
export const UNREGISTERED_HOSTS = [`evil.${FIXTURE_DOMAIN}`, `cdn.${FIXTURE_DOMAIN}`] as const;

export function registeredFacts(host: string, over: Partial<RegisteredFacts> = {}): RegisteredFacts {
  return {
    icpNumber: P.ICP_NUMBER,
    psbNumber: P.PSB_NUMBER,
    ips: ['127.0.0.1'],
    hostnames: [host],
    serviceTypes: ['门户'],
    regionCode: '110105',
    mlpsLevel: null,
    ...over,
  };
}

// ---- the good site, parameterised -----------------------------------------------------

const STRICT_HEADERS: Record<string, string> = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy': "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  server: 'nginx',
};

export type SiteOptions = {
  /** Content served over https (http 301s to it); false = http serves it and 443 is not used. */
  https?: boolean;
  /** http answers with the page instead of redirecting (no-https-redirect). */
  httpServes?: boolean;
  /** Header overrides; null removes a default. */
  headers?: Record<string, string | null>;
  /** Set-Cookie lines of the home page. */
  cookies?: (req: FarmRequest) => string[];
  page?: Partial<P.PageParts>;
  /** Replaces the home page answer entirely. */
  home?: (req: FarmRequest, base: FarmHeaders) => FarmReply;
  /** Extra paths (exact match, query ignored). */
  paths?: Record<string, (req: FarmRequest) => FarmReply>;
  /** Answer for unknown paths (default: a real 404). */
  notFound?: (req: FarmRequest) => FarmReply;
  /** Headers added to every answer (e.g. CORS). */
  extra?: (req: FarmRequest) => FarmHeaders;
};

const sid = () => randomBytes(12).toString('hex');

export function site(o: SiteOptions = {}): FarmHandler {
  const https = o.https ?? true;
  const headersFor = (req: FarmRequest): FarmHeaders => {
    const h: FarmHeaders = {};
    for (const [k, v] of Object.entries({ ...STRICT_HEADERS, ...o.headers })) {
      if (v === null || v === undefined) continue;
      if (k === 'strict-transport-security' && req.scheme !== 'https') continue;
      h[k] = v;
    }
    return { ...h, ...o.extra?.(req) };
  };
  const cookies = o.cookies ?? ((req: FarmRequest) =>
    [`sessionid=${sid()}; Path=/; ${req.scheme === 'https' ? 'Secure; ' : ''}HttpOnly; SameSite=Lax`, 'lang=zh-CN; Path=/; Secure; SameSite=Lax']
      .filter((c) => req.scheme === 'https' || !c.includes('Secure')));
  const page = P.renderPage({ ...P.goodParts(), ...o.page });

  return (req) => {
    if (req.scheme === 'http' && https && !o.httpServes) {
      return redirect(301, `https://${req.host}${req.path}${req.query}`, o.extra?.(req) ?? {});
    }
    const base = headersFor(req);
    if (req.path === '/') {
      if (o.home) return o.home(req, base);
      return html(200, page, { ...base, 'set-cookie': cookies(req) });
    }
    const extra = o.paths?.[req.path];
    if (extra) return extra(req);
    if (req.path === '/robots.txt') return text(200, 'User-agent: *\nDisallow: /search\n', base);
    if (o.notFound) return o.notFound(req);
    return html(404, P.NOT_FOUND_HTML, base);
  };
}

// ---- the fixtures --------------------------------------------------------------------

type Def = Omit<FixtureDef, 'host' | 'registered' | 'tls' | 'transport'> & {
  registered?: Partial<RegisteredFacts>;
  tls?: FixtureTls;
  transport?: FixtureTransport;
};

function catchAllEcho(req: FarmRequest): FarmReply {
  const token = randomBytes(8).toString('hex');
  const body = P.renderPage({ ...P.goodParts(), main: `<main><p>抱歉，页面 ${req.path.replace(/[<>&"]/g, '')} 暂时无法访问，请返回首页。</p><p>请求编号：${token}</p></main>` });
  return html(200, body);
}

function defs(o: FixtureOptions): Def[] {
  const gamblingPage = (req: FarmRequest) => /baiduspider/i.test(String(req.headers['user-agent'] ?? ''));
  return [
    { name: 'good-site', planted: 'HTTPS, 301 to it, HSTS 1 y, strict CSP, XFO, nosniff, safe cookies, linked matching ICP + PSB in footer, real 404s', expected: 'all pass, A+', handle: site() },
    { name: 'tls13-only', planted: 'only TLS 1.3', expected: 'no TLS finding', tls: 'tls13-only', handle: site() },
    { name: 'http-only', planted: 'no 443', expected: 'TLS-01, HDR-01 n/a, cap C', tls: 'none', handle: site({ https: false }) },
    { name: 'no-https-redirect', planted: 'http serves 200', expected: 'TLS-10, cap B', handle: site({ httpServes: true }) },
    {
      name: 'redirect-offsite', planted: 'home 302 → evil.farm.test', expected: 'AVL-06; no request to it',
      handle: site({ home: () => redirect(302, `https://evil.${FIXTURE_DOMAIN}/landing`) }),
    },
    { name: 'no-hsts', planted: 'no HSTS', expected: 'HDR-01, grade A', handle: site({ headers: { 'strict-transport-security': null } }) },
    {
      name: 'bare-headers', planted: 'no CSP/XFO/XCTO; Server: nginx/1.14.0', expected: 'HDR-02/03/04, LEK-01; ≥ B',
      handle: site({ headers: { 'content-security-policy': null, 'x-frame-options': null, 'x-content-type-options': null, server: 'nginx/1.14.0' } }),
    },
    { name: 'expired-cert', planted: 'expired yesterday', expected: 'TLS-02, T', tls: 'expired', handle: site() },
    { name: 'self-signed', planted: 'self-signed leaf', expected: 'TLS-05, T', tls: 'self-signed', handle: site() },
    { name: 'wrong-host-cert', planted: 'other name', expected: 'TLS-04, T', tls: 'wrong-host', handle: site() },
    { name: 'incomplete-chain', planted: 'intermediate not sent', expected: 'TLS-05', tls: 'incomplete-chain', handle: site() },
    { name: 'tls10-enabled', planted: 'TLS 1.0 accepted', expected: 'TLS-06, cap B', tls: 'tls10', handle: site() },
    {
      name: 'cookies-insecure', planted: '`PHPSESSID` without flags', expected: 'CKE-01/02/03',
      handle: site({ cookies: () => [`PHPSESSID=${sid()}; path=/`] }),
    },
    {
      name: 'cors-reflect', planted: 'echoes Origin, credentials', expected: 'HDR-05',
      handle: site({
        extra: (req): FarmHeaders => typeof req.headers.origin === 'string'
          ? { 'access-control-allow-origin': req.headers.origin, 'access-control-allow-credentials': 'true', vary: 'Origin' }
          : {},
      }),
    },
    {
      name: 'soft-404-everything', planted: 'home page with 200 for every path', expected: 'AVL-03 only',
      handle: site({ notFound: () => html(200, P.goodPageHtml()) }),
    },
    { name: 'soft-404-echo', planted: 'catch-all echoing path + random token', expected: 'AVL-03 only', handle: site({ notFound: catchAllEcho }) },
    {
      name: 'exposed-git', planted: '`/.git/HEAD`, `/.git/config`', expected: 'EXP-01, cap D',
      handle: site({ paths: { '/.git/HEAD': () => text(200, P.GIT_HEAD), '/.git/config': () => text(200, P.GIT_CONFIG) } }),
    },
    {
      name: 'leaky-paths', planted: '`/.env`, `/upload/` listing, `/phpinfo.php`, 404 stack trace', expected: 'EXP-02/05/07, LEK-02',
      handle: site({
        paths: {
          '/.env': () => ({ status: 200, headers: { 'content-type': 'application/octet-stream' }, body: P.DOT_ENV }),
          '/upload/': () => html(200, P.UPLOAD_LISTING),
          '/phpinfo.php': () => html(200, P.PHPINFO_HTML, { 'x-powered-by': 'PHP' }),
        },
        notFound: (req) => html(404, P.stackTrace404(req.path)),
      }),
    },
    {
      name: 'backup-archive', planted: '`/www.zip`, honours Range', expected: 'EXP-04; ≤ 512 B read',
      handle: (() => {
        const zip = P.fakeZip(256 * 1024);
        return site({ paths: { '/www.zip': (req) => rangedFile(req, zip, 'application/zip') } });
      })(),
    },
    {
      name: 'mixed-content', planted: '`<script src="http://cdn.farm.test/x.js">`', expected: 'TLS-12; no request to cdn',
      handle: site({ page: { bodyEnd: `<script src="http://cdn.${FIXTURE_DOMAIN}/x.js"></script>` } }),
    },
    { name: 'icp-missing', planted: 'no ICP', expected: 'FIL-01', handle: site({ page: { footer: P.footer('') } }) },
    {
      name: 'icp-mismatch', planted: '京ICP备87654321号-1, registered 12345678', expected: 'FIL-02',
      handle: site({ page: { footer: P.footer(P.icpLink('京ICP备87654321号-1')) } }),
    },
    {
      name: 'icp-fullwidth', planted: 'matching number, full-width', expected: 'none',
      handle: site({ page: { footer: P.footer(P.icpLink(`京${P.toFullWidth('ICP')}备${P.toFullWidth('12345678')}号${'\uff0d'}${P.toFullWidth('1')}`)) } }),
    },
    {
      name: 'psb-mismatch', planted: '沪公网安备11010502000001号', expected: 'FIL-05',
      handle: site({ page: { footer: P.footer(P.icpLink(), P.psbLink('沪公网安备11010502000001号')) } }),
    },
    {
      name: 'spa-shell', planted: 'footer built by script', expected: 'FIL-01 `not_determinable` only',
      handle: site({
        home: (_req, base) => html(200, P.SPA_SHELL_HTML, base),
        paths: { '/assets/app.js': () => ({ status: 200, headers: { 'content-type': 'text/javascript' }, body: P.SPA_APP_JS }) },
      }),
    },
    { name: 'default-nginx', planted: '"Welcome to nginx!"', expected: 'AVL-04', handle: site({ home: (_req, base) => html(200, P.NGINX_DEFAULT_HTML, base) }) },
    {
      name: 'parked-zombie', planted: 'for-sale page; same 8 days ago', expected: 'AVL-05, AVL-07 zombie, no grade',
      handle: site({ home: (_req, base) => html(200, P.PARKED_HTML, base) }),
      needs: { priorTasks: [{ daysAgo: 8, siteStatus: 'active', signals: ['P'] }] },
    },
    {
      name: 'dead-site', planted: 'refused; alone / with 2 earlier failures from ≥ 7 days back', expected: '`unreachable` / zombie',
      transport: 'refused', tls: 'none', handle: site(),
      needs: { priorTasks: [{ daysAgo: 4, siteStatus: 'unreachable', signals: ['U'] }, { daysAgo: 9, siteStatus: 'unreachable', signals: ['U'] }] },
    },
    {
      name: 'defaced', planted: 'baseline good; body now "hacked by", footer kept', expected: 'CNT-01 defaced, F',
      handle: site({ page: { main: P.DEFACED_MAIN } }), needs: { baselineHtml: P.goodPageHtml() },
    },
    {
      name: 'redesigned', planted: 'new legitimate design', expected: 'CNT-01 `changed` (info) only',
      handle: site({ page: { title: `${P.COMPANY} - 数字化转型服务商`, main: P.REDESIGNED_MAIN } }), needs: { baselineHtml: P.goodPageHtml() },
    },
    {
      name: 'hidden-gambling-links', planted: 'off-screen div, 12 keyword links', expected: 'CNT-03 firm, cap D',
      handle: site({ page: { main: P.GOOD_MAIN + P.HIDDEN_LINKS_HTML } }), needs: { baselineHtml: P.goodPageHtml() },
    },
    {
      name: 'title-hijack', planted: 'gambling terms before the title', expected: 'CNT-02, F',
      handle: site({ page: { title: P.HIJACKED_TITLE, head: P.HIJACKED_META } }), needs: { baselineHtml: P.goodPageHtml() },
    },
    {
      name: 'anti-gambling-news', planted: 'police article on fighting gambling', expected: 'none',
      handle: site({ page: { main: P.GOOD_MAIN.replace('</main>', `${P.ANTI_GAMBLING_ARTICLE}</main>`) } }),
    },
    {
      name: 'cloaked-spider', planted: 'gambling page only for Baiduspider', expected: 'CNT-05',
      handle: (() => {
        const normal = site();
        const cloaked = site({ home: (_req, base) => html(200, P.SPIDER_GAMBLING_HTML, base) });
        return (req: FarmRequest) => (gamblingPage(req) ? cloaked(req) : normal(req));
      })(),
    },
    {
      name: 'injected-script', planted: 'inline `eval(atob(…))`', expected: 'CNT-06',
      handle: site({ page: { bodyEnd: `${P.goodParts().bodyEnd}${P.INJECTED_SCRIPT}` } }),
    },
    {
      name: 'slow-5s', planted: `answers after ${o.slowMs} ms (home page, both schemes)`, expected: 'full results',
      handle: (() => {
        const inner = site();
        return (req: FarmRequest) => (req.path === '/' ? { ...inner(req), delayMs: o.slowMs } : inner(req));
      })(),
    },
    { name: 'reset-connection', planted: 'resets every connection', expected: 'AVL-01 after retries; host dropped', transport: 'reset', handle: site() },
    {
      name: 'huge-body', planted: `${o.hugeBodyBytes} B home page`, expected: 'read stops at 512 KB; RSS flat',
      handle: site({ home: () => streamFiller(o.hugeBodyBytes) }),
    },
  ];
}

/** The §7 fixtures with their handlers. */
export function fixtureDefs(options: Partial<FixtureOptions> = {}): FixtureDef[] {
  const o = { ...DEFAULT_FIXTURE_OPTIONS, ...options };
  return defs(o).map((d) => {
    const host = fixtureHost(d.name);
    return { ...d, host, tls: d.tls ?? 'standard', transport: d.transport ?? 'serve', registered: registeredFacts(host, d.registered) };
  });
}

/** The §7 fixtures' registry facts (no handlers), for registering them as sites. */
export const FIXTURE_SITES: readonly FixtureSite[] = fixtureDefs().map(({ handle: _h, ...site }) => site);

/** Handler of the unregistered hosts: answers anything, so a stray request is visible in the stats. */
export const strayHandler: FarmHandler = (req) => html(200, `<!doctype html><title>${req.host}</title><p>not a registered site</p>`);
