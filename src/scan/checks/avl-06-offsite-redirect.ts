import { resolveUrl } from '../analyze/html';
import { homeOf, type PageView } from '../analyze/page';
import { hostOf, isRegisteredHost } from '../analyze/urls';
import type { Evidence } from '../evidence';
import { defineCheck, PASS, type EvidenceRef } from './define';
import { bodyRefAt, headerRef } from './refs';

const SCRIPT_REDIRECT =
  /(?:\b(?:window|top|self|document)\s*\.\s*)?location(?:\s*\.\s*href)?\s*=\s*["']([^"']+)["']|location\s*\.\s*(?:replace|assign)\s*\(\s*["']([^"']+)["']/;

/** A meta refresh or (on an almost empty page) a script redirect in the home page. */
function pageRedirect(view: PageView): { url: string; via: 'meta' | 'script' } | null {
  for (const m of view.page.metas) {
    if (m.httpEquiv !== 'refresh') continue;
    const target = /url\s*=\s*['"]?([^'";]+)/i.exec(m.content)?.[1];
    const url = target ? resolveUrl(target, view.capture.url) : null;
    if (url) return { url, via: 'meta' };
  }
  if (view.visibleChars >= 200) return null; // on a real page a location change may be conditional
  for (const js of view.page.inlineScripts) {
    const m = SCRIPT_REDIRECT.exec(js);
    const url = m ? resolveUrl(m[1] ?? m[2] ?? '', view.capture.url) : null;
    if (url) return { url, via: 'script' };
  }
  return null;
}

function offSite(ev: Evidence, url: string): string | null {
  const host = hostOf(url);
  return host && !isRegisteredHost(ev, host) ? host : null;
}

/** AVL-06: the home walk redirects (hop, meta refresh, script) to an unregistered host. */
export const offsiteRedirect = defineCheck({
  id: 'AVL-06', version: 1, category: 'availability', must: true,
  title: { zh: '首页跳转至未备案域名', en: 'Home redirects to an unregistered host' },
  probes: [],
  results: { pass: PASS, offsite_redirect: { severity: 'high', points: -30 } },
  analyze(ev) {
    for (const walk of ['https', 'http'] as const) {
      const ex = ev[walk];
      const host = ex?.stopReason === 'off_host' && ex.offHostTarget ? offSite(ev, ex.offHostTarget) : null;
      if (ex && host) {
        const evidence: EvidenceRef[] = [headerRef(ex.final, { walk }, 'location')];
        return { result: 'offsite_redirect', key: host, detail: { walk, target: ex.offHostTarget }, evidence };
      }
    }
    const home = homeOf(ev);
    if (!home) return null;
    const redirect = home.isHtml ? pageRedirect(home) : null;
    const host = redirect ? offSite(ev, redirect.url) : null;
    if (redirect && host) {
      const needle = redirect.via === 'meta' ? /http-equiv\s*=\s*["']?refresh/i : /location/;
      return { result: 'offsite_redirect', key: host, detail: { via: redirect.via, target: redirect.url }, evidence: [bodyRefAt(home, needle)] };
    }
    return { result: 'pass' };
  },
});
