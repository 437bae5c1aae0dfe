import { bodyScan, headScan } from '../analyze/content';
import { scanKeywords } from '../analyze/keywords';
import { similarity } from '../analyze/minhash';
import { homeOf, spiderOf } from '../analyze/page';
import { hostOf, isRegisteredHost } from '../analyze/urls';
import { CONTENT } from './cites';
import { defineCheck, PASS } from './define';
import { statusRef } from './refs';

const DIFFERENT_BELOW = 0.5;
const MIN_SCORE = 5;

/** CNT-05: the Baiduspider variant differs from the visitor page and carries prohibited terms. */
export const cloaking = defineCheck({
  id: 'CNT-05', version: 1, category: 'content', must: true,
  title: { zh: '针对搜索引擎的页面劫持', en: 'Search-engine cloaking' },
  probes: [],
  results: { pass: PASS, cloaking: { severity: 'critical', points: -100, cap: 'F', cites: CONTENT } },
  analyze(ev, ctx) {
    if (!ev.spider) return { result: 'skipped', detail: { reason: 'no_spider_variant' } };
    const home = homeOf(ev);
    if (!home) return null;
    const target = ev.spider.stopReason === 'off_host' ? ev.spider.offHostTarget : null;
    const targetHost = target ? hostOf(target) : null;
    if (targetHost && !isRegisteredHost(ev, targetHost)) {
      // The spider alone is sent away; what it lands on was not fetched, so a reviewer decides.
      return { result: 'cloaking', confidence: 'tentative', key: targetHost, detail: { redirect: target }, evidence: [statusRef(ev.spider.final, { walk: 'spider' })] };
    }
    const spider = spiderOf(ev);
    if (!spider) return null;
    // Cheap tests first: most sites send the spider the very same bytes, or nothing prohibited.
    if (spider.capture.body === home.capture.body) return { result: 'pass', detail: { similarity: 1 } };
    const spiderScore = Math.max(scanKeywords(spider.allText, ctx.keywords).score, headScan(spider, ctx.keywords).score);
    const homeScore = Math.max(bodyScan(home, ctx.keywords).score, headScan(home, ctx.keywords).score);
    if (spiderScore < MIN_SCORE || spiderScore <= homeScore) return { result: 'pass', detail: { spiderScore } };
    const sim = similarity(spider.minhash, home.minhash);
    if (sim >= DIFFERENT_BELOW) return { result: 'pass', detail: { similarity: sim, spiderScore } };
    return {
      result: 'cloaking', confidence: 'firm',
      detail: { similarity: sim, spiderScore, homeScore, spiderTitle: spider.page.title.slice(0, 200) },
      evidence: [statusRef(spider.capture, spider.ref)],
    };
  },
});
