import { captureHit, probeHit, type Signature } from '../analyze/probes';
import { homeOf } from '../analyze/page';
import { PROBES } from '../evidence';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';
import { bodyRefAt } from './refs';

const LISTING: Signature = (c) =>
  /<title>\s*(Index of \/|Directory Listing For \/)/i.test(c.body) ||
  /<h1>\s*Index of \//i.test(c.body) ||
  /\[To Parent Directory\]/.test(c.body);

/** EXP-05: a directory listing at `/`, /upload(s)/, /backup/ or /files/. */
export const directoryListing = defineCheck({
  id: 'EXP-05', version: 1, category: 'exposure', must: true,
  title: { zh: '目录浏览', en: 'Directory listing' },
  probes: PROBES.listings,
  results: { pass: PASS, listing: { severity: 'medium', points: -20, cites: TECH } },
  analyze(ev) {
    const home = homeOf(ev);
    const hits = PROBES.listings.flatMap((p) => {
      const v = probeHit(ev, p.path, LISTING);
      return v ? [{ path: p.path, v }] : [];
    });
    if (home && captureHit(ev, home, LISTING)) hits.unshift({ path: '/', v: home });
    if (hits.length === 0) return { result: 'pass' };
    return {
      result: 'listing', key: hits.map((h) => h.path).join(','), detail: { paths: hits.map((h) => h.path) },
      evidence: hits.map((h) => bodyRefAt(h.v, /Index of|Directory Listing|To Parent Directory/i)),
    };
  },
});
