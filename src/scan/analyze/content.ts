/** Content facts for the CNT checks, memoised per page and keyword list. */

import type { Baseline, Evidence } from '../evidence';
import { metaContent, type PageLink } from './html';
import { scanKeywords, type CompiledKeywords, type KeywordScan } from './keywords';
import type { PageView } from './page';
import { normaliseForKeywords } from './text';
import { hostOf, isOfficialHost, registeredHosts } from './urls';

const scans = new WeakMap<CompiledKeywords, WeakMap<PageView, { body?: KeywordScan; head?: KeywordScan }>>();

function memo(view: PageView, kw: CompiledKeywords): { body?: KeywordScan; head?: KeywordScan } {
  let byView = scans.get(kw);
  if (!byView) scans.set(kw, (byView = new WeakMap()));
  let entry = byView.get(view);
  if (!entry) byView.set(view, (entry = {}));
  return entry;
}

/** Keyword scan of the text a visitor sees (hidden contexts are CNT-03's). */
export function bodyScan(view: PageView, kw: CompiledKeywords): KeywordScan {
  const m = memo(view, kw);
  return (m.body ??= scanKeywords(view.shownText, kw));
}

/** Title, meta keywords and meta description of a page, joined. */
export function headText(view: PageView): string {
  const p = view.page;
  return [p.title, metaContent(p, 'keywords'), metaContent(p, 'description')].join(' | ');
}

/** Keyword scan of title + meta keywords + description. */
export function headScan(view: PageView, kw: CompiledKeywords): KeywordScan {
  const m = memo(view, kw);
  return (m.head ??= scanKeywords(headText(view), kw));
}

/**
 * CNT-02 terms: non-neutralised terms of weight ≥ 5 in the title or metas that the baseline's
 * title and metas did not already carry.
 */
export function hijackTerms(view: PageView, baseline: Baseline | null, kw: CompiledKeywords): { term: string; weight: number }[] {
  const before = baseline ? normaliseForKeywords(`${baseline.title} ${baseline.meta}`) : '';
  const seen = new Map<string, number>();
  for (const h of headScan(view, kw).hits) {
    if (h.neutralised || h.weight < 5 || before.includes(h.term)) continue;
    seen.set(h.term, h.weight);
  }
  return [...seen].map(([term, weight]) => ({ term, weight }));
}

/** Hidden links (§3.4 hidden contexts) to hosts outside the registered site. */
export function hiddenForeignLinks(ev: Evidence, view: PageView): (PageLink & { host: string })[] {
  const out: (PageLink & { host: string })[] = [];
  const registered = registeredHosts(ev);
  for (const l of view.page.links) {
    const host = l.host;
    if (!l.hidden || !host) continue;
    if (!registered.has(host) && !isOfficialHost(host)) out.push({ ...l, host });
  }
  return out;
}

/** External script hosts of a page (lower case), protocol-relative URLs included. */
export function scriptHosts(view: PageView): Set<string> {
  const out = new Set<string>();
  for (const r of view.page.resources) {
    if (r.tag !== 'script') continue;
    const url = r.url.startsWith('//') ? `https:${r.url}` : r.url;
    const h = /^https?:\/\//i.test(url) ? hostOf(url) : null;
    if (h) out.add(h);
  }
  return out;
}

/** Hosts of absolute links of a page. */
export function linkHosts(view: PageView): Set<string> {
  const out = new Set<string>();
  for (const l of view.page.links) if (l.host) out.add(l.host);
  return out;
}

const SEARCH_ENGINES = /baidu|sogou|\bso\.com|360\.cn|360spider|haosou|sm\.cn|google|bing|yahoo|soso|youdao|toutiao|spider|bot\b|crawl/i;
const LOCATION_CHANGE = /(?:\b(?:window|top|self|parent|document)\s*\.\s*)?location(?:\s*\.\s*href)?\s*=(?!=)|location\s*\.\s*(?:replace|assign)\s*\(/;

const GATE_WINDOW = 300;

export type ScriptSignal = { pattern: string; index: number; script: number };

/** CNT-06 signatures in inline scripts: obfuscated eval/write and search-engine-gated redirects. */
export function injectedScriptSignals(view: PageView): ScriptSignal[] {
  const out: ScriptSignal[] = [];
  view.page.inlineScripts.forEach((js, script) => {
    const checks: [string, RegExp][] = [
      ['eval(atob(', /\beval\s*\(\s*(?:window\s*\.\s*)?atob\s*\(/],
      ['eval(function(p,a,c,k,e,', /\beval\s*\(\s*function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,/],
      ['document.write(unescape(', /document\s*\.\s*write(?:ln)?\s*\(\s*unescape\s*\(/],
      ['eval(unescape(', /\beval\s*\(\s*unescape\s*\(/],
      ['eval(String.fromCharCode(', /\beval\s*\(\s*String\s*\.\s*fromCharCode\s*\(/],
    ];
    for (const [pattern, re] of checks) {
      const m = re.exec(js);
      if (m) out.push({ pattern, index: m.index, script });
    }
    // The gate, a search-engine name and the location change must sit together: one inline
    // block often holds unrelated analytics (baidu) and a mobile redirect (userAgent).
    for (const gate of js.matchAll(/document\s*\.\s*referrer|navigator\s*\.\s*userAgent/gi)) {
      const near = js.slice(gate.index, gate.index + GATE_WINDOW);
      if (SEARCH_ENGINES.test(near) && LOCATION_CHANGE.test(near)) {
        const kind = /referrer/i.test(gate[0]) ? 'referrer-gated redirect' : 'UA-gated redirect';
        out.push({ pattern: kind, index: gate.index, script });
        break;
      }
    }
  });
  return out;
}
