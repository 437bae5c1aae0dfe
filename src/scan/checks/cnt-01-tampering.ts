import { bodyScan, hijackTerms, linkHosts } from '../analyze/content';
import { jaccard, similarity } from '../analyze/minhash';
import { homeOf } from '../analyze/page';
import { homeUnfit } from '../analyze/site-state';
import { TAMPER } from './cites';
import { defineCheck, PASS } from './define';
import { bodyRef } from './refs';

const CHANGED_BELOW = 0.3;
/** Link-host similarity is noise on tiny link sets. */
const MIN_HOSTS = 5;

/** CNT-01: the page moved away from its baseline (changed, review) or was defaced. */
export const tampering = defineCheck({
  id: 'CNT-01', version: 1, category: 'content', must: true,
  title: { zh: '网页篡改', en: 'Page tampering' },
  probes: [],
  results: {
    pass: PASS,
    changed: { severity: 'info', points: 0 },
    defaced: { severity: 'critical', points: -100, cap: 'F', cites: TAMPER },
  },
  analyze(ev, ctx) {
    const home = homeOf(ev);
    const baseline = ev.baseline;
    if (!home || !home.isHtml || !baseline || homeUnfit(ev)) return null;
    const textSimilarity = similarity(home.minhash, baseline.minhash);
    const now = linkHosts(home);
    const before = new Set(baseline.linkHosts);
    const hostSimilarity = new Set([...now, ...before]).size >= MIN_HOSTS ? jaccard(now, before) : null;
    const detail = { textSimilarity, hostSimilarity };
    if (textSimilarity >= CHANGED_BELOW && (hostSimilarity === null || hostSimilarity >= CHANGED_BELOW)) {
      return { result: 'pass', detail };
    }
    const scan = bodyScan(home, ctx.keywords);
    const hijack = hijackTerms(home, baseline, ctx.keywords);
    const evidence = [{ kind: 'baseline' as const }, bodyRef(home, 0, Math.min(1024, home.capture.body.length))];
    if (scan.markers.length || scan.score >= 10 || hijack.length) {
      return {
        result: 'defaced', confidence: 'firm', evidence,
        detail: { ...detail, markers: scan.markers, score: scan.score, terms: scan.terms.slice(0, 20), titleTerms: hijack.map((h) => h.term) },
      };
    }
    return { result: 'changed', confidence: 'firm', detail, evidence };
  },
});
