import { headerOf, PROBES, type Capture } from '../evidence';
import { probeHit, type Signature } from '../analyze/probes';
import { viewOf } from '../analyze/page';
import { pathOf } from '../analyze/urls';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';
import { statusRef } from './refs';

const loginPage = (c: Capture, title: RegExp): boolean => {
  const v = viewOf(c, { probe: pathOf(c.url) });
  return v.isHtml && v.page.passwordInputs > 0 && title.test(v.page.title);
};

const CONSOLES: [string, Signature, (s: number | null) => boolean][] = [
  ['/admin/', (c) => loginPage(c, /admin|login|log in|sign in|管理|登录|登陆|后台/i), (s) => s === 200],
  ['/manager/html', (c) => /realm="?Tomcat Manager Application/i.test(headerOf(c, 'www-authenticate') ?? ''), (s) => s === 401],
  ['/phpmyadmin/', (c) => /phpMyAdmin/i.test(viewOf(c, { probe: pathOf(c.url) }).page.title) && /pma_username|pma_password|name="server"/i.test(c.body), (s) => s === 200],
  ['/wp-login.php', (c) => /id=["']loginform["']/i.test(c.body) && /wp-submit/i.test(c.body), (s) => s === 200],
];

/** EXP-06: an administration console reachable from the Internet (title/form verified). */
export const exposedConsoles = defineCheck({
  id: 'EXP-06', version: 1, category: 'exposure', must: true,
  title: { zh: '管理后台暴露', en: 'Exposed administration console' },
  probes: PROBES.consoles,
  results: { pass: PASS, console_exposed: { severity: 'low', points: -5, cites: TECH } },
  analyze(ev) {
    const hits = CONSOLES.flatMap(([path, sig, status]) => {
      const v = probeHit(ev, path, sig, status);
      return v ? [{ path, v }] : [];
    });
    if (hits.length === 0) return { result: 'pass' };
    return {
      result: 'console_exposed', key: hits.map((h) => h.path).join(','), detail: { paths: hits.map((h) => h.path) },
      evidence: hits.map((h) => statusRef(h.v.capture, h.v.ref)),
    };
  },
});
