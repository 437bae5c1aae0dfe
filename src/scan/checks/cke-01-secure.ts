import { cookiesOf, isAuthCookie } from '../analyze/cookies';
import { httpsWorks } from '../analyze/page';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';

/** CKE-01: on an HTTPS site an auth cookie without Secure (other cookies: info). */
export const cookieSecure = defineCheck({
  id: 'CKE-01', version: 1, category: 'cookies', must: true,
  title: { zh: 'Cookie未设置Secure', en: 'Cookie without Secure' },
  probes: [],
  results: {
    pass: PASS,
    auth_not_secure: { severity: 'medium', points: -10, cites: TECH },
    not_secure: { severity: 'info', points: 0 },
  },
  analyze(ev) {
    const cookies = cookiesOf(ev);
    if (cookies.length === 0) return null;
    const insecure = cookies.filter((c) => !c.secure);
    if (insecure.length === 0) return { result: 'pass' };
    const https = httpsWorks(ev);
    const auth = insecure.filter((c) => isAuthCookie(c.name));
    const detail = { cookies: [...new Set(insecure.map((c) => c.name))].slice(0, 20), httpsSite: https };
    if (https && auth.length) return { result: 'auth_not_secure', detail, key: auth[0]?.name ?? '' };
    return { result: 'not_secure', detail };
  },
});
