import { notHtml, probeHit, type Signature } from '../analyze/probes';
import { PROBES, type Capture } from '../evidence';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';
import { bodyRef } from './refs';

const SIGNATURES: Record<string, Signature> = {
  '/.git/HEAD': (c: Capture) => notHtml(c) && /^(ref: refs\/\S+|[0-9a-f]{40})\s*$/.test(c.body.slice(0, 256)),
  '/.git/config': (c: Capture) => notHtml(c) && /^\s*\[core\]\s*$/m.test(c.body) && /^\s*(repositoryformatversion|filemode|bare)\s*=/m.test(c.body),
};

/** EXP-01: an exposed .git repository (HEAD or config, content-verified). */
export const exposedGit = defineCheck({
  id: 'EXP-01', version: 1, category: 'exposure', must: true,
  title: { zh: '.git 目录泄露', en: 'Exposed .git repository' },
  probes: PROBES.git,
  results: { pass: PASS, exposed: { severity: 'high', points: -40, cap: 'D', cites: TECH } },
  analyze(ev) {
    const hits = Object.entries(SIGNATURES).flatMap(([path, sig]) => {
      const v = probeHit(ev, path, sig);
      return v ? [{ path, v }] : [];
    });
    if (hits.length === 0) return { result: 'pass' };
    return {
      result: 'exposed', key: '/.git/', detail: { paths: hits.map((h) => h.path) },
      evidence: hits.map((h) => bodyRef(h.v, 0, Math.min(200, h.v.capture.body.length))),
    };
  },
});
