import { notHtml, probeHit } from '../analyze/probes';
import { PROBES, type Capture } from '../evidence';
import { defineCheck, PASS } from './define';
import { bodyRefAt } from './refs';

const ROBOTS_LINE = /^\s*(user-agent|disallow|allow|sitemap)\s*:/im;
const SENSITIVE = /(^|[/_.-])(admin\w*|manage\w*|backups?|bak|old|tests?)([/_.-]|$)|后台/i;

const isRobots = (c: Capture): boolean => notHtml(c) && ROBOTS_LINE.test(c.body);

/** LEK-03: robots.txt Disallow lines naming admin, manage, backup, bak, old, test or 后台 (info). */
export const robotsPaths = defineCheck({
  id: 'LEK-03', version: 1, category: 'leakage', must: true,
  title: { zh: 'robots.txt 暴露敏感路径', en: 'Sensitive paths in robots.txt' },
  probes: PROBES.robots,
  results: { pass: PASS, sensitive_paths: { severity: 'info', points: 0 } },
  analyze(ev) {
    const hit = probeHit(ev, '/robots.txt', isRobots);
    if (!hit) return null;
    const body = hit.capture.body;
    const disallowed = [...body.matchAll(/^\s*disallow\s*:\s*(\S+)/gim)].map((m) => m[1] ?? '');
    const sensitive = disallowed.filter((p) => SENSITIVE.test(p));
    const sitemap = /^\s*sitemap\s*:/im.test(body);
    if (sensitive.length === 0) return { result: 'pass', detail: { sitemap } };
    return { result: 'sensitive_paths', detail: { paths: sensitive.slice(0, 20), sitemap }, evidence: [bodyRefAt(hit, sensitive[0] ?? '')] };
  },
});
