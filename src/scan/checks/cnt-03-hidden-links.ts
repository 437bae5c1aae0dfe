import { hiddenForeignLinks } from '../analyze/content';
import { scanKeywords } from '../analyze/keywords';
import { homeOf } from '../analyze/page';
import { PROHIBITED, TAMPER } from './cites';
import { defineCheck, PASS } from './define';
import { bodyRefAt } from './refs';

const MANY_LINKS = 10;
const MANY_HOSTS = 3;
/** Fewer hidden foreign links than this (none listed, none script-written) are menus, not 暗链. */
const REVIEW_MIN = 3;

/** CNT-03: hidden links (暗链) to other hosts. */
export const hiddenLinks = defineCheck({
  id: 'CNT-03', version: 1, category: 'content', must: true,
  title: { zh: '暗链', en: 'Hidden links' },
  probes: [],
  results: { pass: PASS, hidden_links: { severity: 'high', points: -40, cap: 'D', cites: [...TAMPER, ...PROHIBITED] } },
  analyze(ev, ctx) {
    const home = homeOf(ev);
    if (!home || !home.isHtml) return null;
    const links = hiddenForeignLinks(ev, home);
    if (links.length === 0) return { result: 'pass' };
    const listed = links.filter((l) => scanKeywords(l.text, ctx.keywords).terms.length > 0);
    const known = new Set(ev.baseline?.linkHosts ?? []);
    const fresh = ev.baseline ? links.filter((l) => !known.has(l.host)) : [];
    const freshHosts = new Set(fresh.map((l) => l.host));
    const firm = listed.length > 0 || (fresh.length >= MANY_LINKS && freshHosts.size >= MANY_HOSTS);
    if (!firm && links.length < REVIEW_MIN && !links.some((l) => l.viaScript)) return { result: 'pass' };
    const hosts = [...new Set(links.map((l) => l.host))];
    const first = listed[0] ?? links[0];
    return {
      result: 'hidden_links', confidence: firm ? 'firm' : 'tentative',
      detail: {
        count: links.length, hosts: hosts.slice(0, 20), listed: listed.length, newHosts: freshHosts.size,
        samples: links.slice(0, 10).map((l) => `${l.text.trim().slice(0, 40)} → ${l.url ?? l.href}`),
      },
      evidence: first ? [bodyRefAt(home, first.href)] : [],
    };
  },
});
