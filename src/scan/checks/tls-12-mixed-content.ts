import { homeOf } from '../analyze/page';
import { schemeOf } from '../analyze/urls';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';
import { bodyRefAt } from './refs';

const PASSIVE = new Set(['img', 'audio', 'video', 'source', 'track', 'input']);

/** TLS-12: http:// scripts, frames, stylesheets (or, lighter, images/media) on an HTTPS page; parsed, never fetched. */
export const mixedContent = defineCheck({
  id: 'TLS-12', version: 1, category: 'tls', must: true,
  title: { zh: '混合内容', en: 'Mixed content' },
  probes: [],
  results: {
    pass: PASS,
    mixed_active: { severity: 'medium', points: -20, cites: TECH },
    mixed_passive: { severity: 'low', points: -5, cites: TECH },
  },
  analyze(ev) {
    const home = homeOf(ev);
    if (!home || !home.isHtml || schemeOf(home.capture.url) !== 'https') return null;
    const insecure = home.page.resources.filter((r) => /^http:\/\//i.test(r.url));
    const isActive = (r: { tag: string; rel: string | null }): boolean =>
      r.tag === 'link' ? /stylesheet/.test(r.rel ?? '') : !PASSIVE.has(r.tag);
    const active = insecure.filter(isActive);
    const passive = insecure.filter((r) => PASSIVE.has(r.tag));
    const found = active[0] ?? passive[0];
    if (!found) return { result: 'pass' };
    const urls = (active.length ? active : passive).map((r) => `${r.tag} ${r.url}`).slice(0, 20);
    return { result: active.length ? 'mixed_active' : 'mixed_passive', detail: { urls }, evidence: [bodyRefAt(home, found.url)] };
  },
});
