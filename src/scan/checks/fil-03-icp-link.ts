import { segmentAt } from '../analyze/filing-view';
import { resolveUrl } from '../analyze/html';
import { hostOf } from '../analyze/urls';
import { MIIT_DISPLAY } from './cites';
import { defineCheck, PASS } from './define';
import { filingPage, filingRef } from './fil-support';

const MIIT_HOSTS = /(^|\.)(beian\.miit\.gov\.cn|miitbeian\.gov\.cn)$/;

/** FIL-03: the ICP number is not inside a link to beian.miit.gov.cn. */
export const icpLink = defineCheck({
  id: 'FIL-03', version: 1, category: 'filing', must: true,
  title: { zh: 'ICP备案号未链接至工信部', en: 'ICP number not linked to MIIT' },
  probes: [],
  results: { pass: PASS, not_linked: { severity: 'low', points: -5, cites: MIIT_DISPLAY } },
  analyze(ev) {
    const fp = filingPage(ev);
    if (!fp || fp.icp.length === 0) return null;
    const linked = fp.icp.some((n) => {
      const href = segmentAt(fp.ft, n.index)?.href;
      const url = href ? resolveUrl(href, fp.home.capture.url) : null;
      const host = url ? hostOf(url) : null;
      return host !== null && MIIT_HOSTS.test(host);
    });
    if (linked) return { result: 'pass' };
    const first = fp.icp[0];
    return { result: 'not_linked', detail: { numbers: fp.icp.map((n) => n.text) }, evidence: first ? [filingRef(fp.home, first.digits)] : [] };
  },
});
