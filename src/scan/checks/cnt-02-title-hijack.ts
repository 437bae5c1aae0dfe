import { hijackTerms } from '../analyze/content';
import { homeOf } from '../analyze/page';
import { CONTENT } from './cites';
import { defineCheck, PASS } from './define';
import { bodyRefAt } from './refs';

/** CNT-02: prohibited terms (weight ≥ 5) in the title, meta keywords or description, not in the baseline. */
export const titleHijack = defineCheck({
  id: 'CNT-02', version: 1, category: 'content', must: true,
  title: { zh: '标题或元信息被劫持', en: 'Title or meta hijack' },
  probes: [],
  results: { pass: PASS, hijacked: { severity: 'critical', points: -100, cap: 'F', cites: CONTENT } },
  analyze(ev, ctx) {
    const home = homeOf(ev);
    if (!home || !home.isHtml) return null;
    const terms = hijackTerms(home, ev.baseline, ctx.keywords);
    if (terms.length === 0) return { result: 'pass' };
    // One mid-weight term alone could be a legitimate name; it waits for review.
    const firm = terms.length >= 2 || terms.some((t) => t.weight >= 8);
    return {
      result: 'hijacked', confidence: firm ? 'firm' : 'tentative',
      detail: { terms: terms.map((t) => t.term), title: home.page.title.slice(0, 300) },
      evidence: [bodyRefAt(home, /<title/i)],
    };
  },
});
