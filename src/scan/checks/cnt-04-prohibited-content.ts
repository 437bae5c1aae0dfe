import { bodyScan } from '../analyze/content';
import { homeOf } from '../analyze/page';
import { CONTENT } from './cites';
import { defineCheck, PASS } from './define';
import { bodyRefAt } from './refs';

const MIN_SCORE = 10;
const MIN_TERMS = 3;

/** CNT-04: prohibited content in the visible body; always tentative until an inspector confirms. */
export const prohibitedContent = defineCheck({
  id: 'CNT-04', version: 1, category: 'content', must: true,
  title: { zh: '违法有害信息', en: 'Prohibited content' },
  probes: [],
  results: { pass: PASS, prohibited_content: { severity: 'critical', points: -100, cap: 'F', cites: CONTENT } },
  analyze(ev, ctx) {
    const home = homeOf(ev);
    if (!home || !home.isHtml) return null;
    const scan = bodyScan(home, ctx.keywords);
    if (scan.score < MIN_SCORE || scan.terms.length < MIN_TERMS) return { result: 'pass', detail: { score: scan.score } };
    const categories = [...new Set(scan.hits.filter((h) => !h.neutralised).map((h) => h.category))];
    return {
      result: 'prohibited_content', confidence: 'tentative',
      detail: { score: scan.score, terms: scan.terms.slice(0, 30), categories },
      evidence: [bodyRefAt(home, scan.terms[0] ?? '')],
    };
  },
});
