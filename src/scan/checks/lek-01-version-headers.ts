import { headerOf } from '../evidence';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';
import { headerRef } from './refs';

const HEADERS = ['server', 'x-powered-by', 'x-aspnet-version', 'x-aspnetmvc-version', 'x-generator'];
const VERSION = /\d+(\.\d+)+/;

/** LEK-01: a version number in Server, X-Powered-By, X-AspNet(Mvc)-Version or X-Generator; one per site. */
export const versionHeaders = defineCheck({
  id: 'LEK-01', version: 1, category: 'leakage', must: true,
  title: { zh: '响应头泄露软件版本', en: 'Software version in headers' },
  probes: [],
  results: { pass: PASS, version_disclosed: { severity: 'low', points: -5, cites: TECH } },
  analyze(ev) {
    let seen = false;
    for (const walk of ['https', 'http'] as const) {
      const cap = ev[walk]?.final;
      if (!cap || cap.status === null) continue;
      seen = true;
      for (const name of HEADERS) {
        const value = headerOf(cap, name);
        if (value && VERSION.test(value)) {
          return { result: 'version_disclosed', detail: { header: name, value: value.slice(0, 200) }, evidence: [headerRef(cap, { walk }, name)] };
        }
      }
    }
    return seen ? { result: 'pass' } : null;
  },
});
