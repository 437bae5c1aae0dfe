/**
 * Home-page states shared by AVL-02/04/05 and by the checks that are not applicable on such
 * pages (FIL, CNT-01): broken, server/panel default, parked or suspended.
 */

import type { Evidence } from '../evidence';
import { homeOf, type PageView } from './page';
import { normaliseForKeywords } from './text';
import { hostOf, pathOf } from './urls';

export type Broken = { reason: 'status'; status: number } | { reason: 'empty'; visibleChars: number };

/** AVL-02: 5xx, 4xx other than 401/403, or an empty page a visitor cannot go anywhere from. */
export function brokenHome(home: PageView | null): Broken | null {
  const status = home?.capture.status;
  if (!home || status === null || status === undefined) return null;
  if (status >= 500 || (status >= 400 && status !== 401 && status !== 403)) return { reason: 'status', status };
  if (status < 200 || status >= 300) return null;
  const p = home.page;
  const navigable =
    p.scriptCount > 0 || p.links.length > 0 || p.resources.some((r) => r.tag === 'iframe' || r.tag === 'frame') ||
    p.metas.some((m) => m.httpEquiv === 'refresh') || /<frameset/i.test(home.capture.body);
  if (home.visibleChars < 64 && !navigable) return { reason: 'empty', visibleChars: home.visibleChars };
  return null;
}

const DEFAULT_PAGES: readonly [string, RegExp][] = [
  ['nginx', /welcome to nginx!/],
  ['openresty', /welcome to openresty!/],
  ['tengine', /welcome to tengine!/],
  ['apache', /^it works!?$|apache2 (ubuntu|debian) default page|test page for the apache http server|apache http server test page/],
  ['distro', /welcome to centos|test page for the (nginx )?http server on (fedora|rocky linux|almalinux|red hat)/],
  ['iis', /^iis windows( server)?$|^iis\d+$|^(microsoft )?internet information services( \d+)?$/],
  ['tomcat', /^apache tomcat\/\d|if you're seeing this, you've successfully installed tomcat/],
  ['caddy', /caddy works!/],
  ['bt-panel', /恭喜[,，]?\s*站点创建成功|没有找到站点|您的请求在web服务器中没有找到对应的站点/],
  ['phpstudy', /phpstudy.{0,20}(站点创建成功|探针)|站点创建成功/],
  ['lnmp', /lnmp一键安装包/],
  ['cpanel', /default web site page|future home of something quite cool/],
  ['plesk', /domain default page|web server's default page/],
  ['hws', /护卫神.{0,10}(主机大师|默认页)/],
];

/** Default and parked pages are short: phrases in the text of a real page are prose, not a state. */
const SHORT_PAGE = 800;

/** AVL-04: which server or panel default page this is (by title, or by text on a short page), or null. */
export function defaultPageOf(home: PageView | null): string | null {
  if (!home || !home.isHtml) return null;
  const title = normaliseForKeywords(home.page.title);
  const short = home.visibleChars < SHORT_PAGE;
  const text = short ? normaliseForKeywords(home.shownText) : '';
  for (const [name, re] of DEFAULT_PAGES) {
    if (re.test(title) || (short && name !== 'iis' && re.test(text))) return name;
  }
  return short && /<h1[^>]*>\s*it works!?\s*<\/h1>/i.test(home.capture.body) ? 'apache' : null;
}

const PARKED_PHRASES = [
  'domain is for sale', 'domain may be for sale', 'buy this domain', 'domain for sale', 'this domain is parked',
  'domain has expired', 'this account has been suspended', 'account has been suspended', 'website is suspended',
  '域名出售', '域名正在出售', '域名转让', '此域名可出售', '网站已暂停', '网站暂停访问', '网站已过期', '域名已过期',
  '站点已暂停', '网站已停止', '网站已关闭', '该网站暂停服务',
];
const PARKING_HOSTS = [
  'sedoparking.com', 'sedo.com', 'bodis.com', 'parkingcrew.net', 'above.com', 'dan.com', 'afternic.com',
  'hugedomains.com', 'parklogic.com', 'domainmarket.com', 'undeveloped.com', 'juming.com', '4.cn',
];

function isParkingHost(host: string | null): boolean {
  return host !== null && PARKING_HOSTS.some((p) => host === p || host.endsWith(`.${p}`));
}

/** AVL-05: why the site looks parked, expired, for sale or suspended; null if it does not. */
export function parkedReason(ev: Evidence, home: PageView | null): string | null {
  for (const ex of [ev.https, ev.http]) {
    if (ex?.offHostTarget && isParkingHost(hostOf(ex.offHostTarget))) return `redirect:${hostOf(ex.offHostTarget)}`;
    for (const hop of ex?.hops ?? []) {
      if (/^\/lander\b/.test(pathOf(hop.next))) return 'path:/lander';
    }
  }
  if (!home || !home.isHtml) return null;
  if (/^\/lander\b/.test(pathOf(home.capture.url))) return 'path:/lander';
  for (const r of home.page.resources) {
    if (r.tag !== 'script' && r.tag !== 'iframe') continue;
    const abs = r.url.startsWith('//') ? `http:${r.url}` : r.url;
    const h = /^https?:\/\//i.test(abs) ? hostOf(abs) : null;
    if (isParkingHost(h)) return `resource:${h}`;
  }
  // Registrars sell domains on long pages; a parked page says little else.
  if (home.visibleChars >= SHORT_PAGE) return null;
  const text = normaliseForKeywords(`${home.page.title} ${home.shownText}`);
  return PARKED_PHRASES.find((p) => text.includes(p)) ?? null;
}

const unfit = new WeakMap<Evidence, boolean>();

/** Whether FIL and CNT-01 are not applicable: the home page is broken, a default or parked (memoised). */
export function homeUnfit(ev: Evidence): boolean {
  let v = unfit.get(ev);
  if (v === undefined) {
    const home = homeOf(ev);
    v = !home || brokenHome(home) !== null || defaultPageOf(home) !== null || parkedReason(ev, home) !== null;
    unfit.set(ev, v);
  }
  return v;
}
