import { notHtml, probeHit, startsWithHex, type Signature } from '../analyze/probes';
import { PROBES } from '../evidence';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';
import { statusRef } from './refs';

const SQLITE = '53514c69746520666f726d6174203300'; // "SQLite format 3\0"
const DS_STORE = '0000000142756431'; // "\0\0\0\1Bud1"

const SIGNATURES: Record<string, Signature> = {
  '/.svn/wc.db': (c) => startsWithHex(c, SQLITE),
  '/.svn/entries': (c) => notHtml(c) && (/^\d{1,2}\s*$/.test(c.body) || /^\d{1,2}\n\n?dir\n/.test(c.body) || /<wc-entries/.test(c.body.slice(0, 512))),
  '/.DS_Store': (c) => startsWithHex(c, DS_STORE),
  '/WEB-INF/web.xml': (c) => notHtml(c) && /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<web-app[\s>]/.test(c.body.slice(0, 4096)),
};

/** EXP-03: .svn metadata, .DS_Store or WEB-INF/web.xml served, each by magic bytes or root tag. */
export const exposedMetadata = defineCheck({
  id: 'EXP-03', version: 1, category: 'exposure', must: true,
  title: { zh: '版本控制或配置元数据泄露', en: 'Exposed VCS or deployment metadata' },
  probes: PROBES.vcsMeta,
  results: { pass: PASS, exposed: { severity: 'medium', points: -20, cites: TECH } },
  analyze(ev) {
    const hits = Object.entries(SIGNATURES).flatMap(([path, sig]) => {
      const v = probeHit(ev, path, sig);
      return v ? [{ path, v }] : [];
    });
    if (hits.length === 0) return { result: 'pass' };
    return {
      result: 'exposed', key: hits.map((h) => h.path).join(','), detail: { paths: hits.map((h) => h.path) },
      evidence: hits.map((h) => statusRef(h.v.capture, h.v.ref)),
    };
  },
});
