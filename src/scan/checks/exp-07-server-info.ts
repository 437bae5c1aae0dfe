import { notHtml, probeHit, type Signature } from '../analyze/probes';
import { PROBES } from '../evidence';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';
import { statusRef } from './refs';

const PHPINFO: Signature = (c) => /<title>\s*(phpinfo\(\)|PHP \d[\d.]* - phpinfo\(\))\s*<\/title>/i.test(c.body) || (/PHP Version \d/.test(c.body) && /Zend Engine|PHP License/.test(c.body));

const PAGES: [string, Signature][] = [
  ['/phpinfo.php', PHPINFO],
  ['/info.php', PHPINFO],
  ['/server-status', (c) => /Apache Server Status for/i.test(c.body)],
  ['/nginx_status', (c) => notHtml(c) && /^Active connections:\s*\d+/.test(c.body) && /server accepts handled requests/.test(c.body)],
  ['/actuator/env', (c) => notHtml(c) && /"activeProfiles"\s*:/.test(c.body) && /"propertySources"\s*:/.test(c.body)],
];

/** EXP-07: phpinfo, server-status, nginx_status or Spring actuator env pages, each content-verified. */
export const serverInfo = defineCheck({
  id: 'EXP-07', version: 1, category: 'exposure', must: true,
  title: { zh: '服务器信息页面泄露', en: 'Exposed server information page' },
  probes: PROBES.info,
  results: { pass: PASS, info_exposed: { severity: 'medium', points: -20, cites: TECH } },
  analyze(ev) {
    const hits = PAGES.flatMap(([path, sig]) => {
      const v = probeHit(ev, path, sig);
      return v ? [{ path, v }] : [];
    });
    if (hits.length === 0) return { result: 'pass' };
    return {
      result: 'info_exposed', key: hits.map((h) => h.path).join(','), detail: { paths: hits.map((h) => h.path) },
      evidence: hits.map((h) => statusRef(h.v.capture, h.v.ref)),
    };
  },
});
