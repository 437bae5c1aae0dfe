import { cookiesOf, isAuthCookie } from '../analyze/cookies';
import { httpsWorks } from '../analyze/page';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';

/**
 * CKE-03: SameSite=None without Secure, or an auth cookie without SameSite. On pass, an HTTPS
 * site whose cookies are all Secure + SameSite with auth cookies HttpOnly earns the bonus.
 */
export const cookieSameSite = defineCheck({
  id: 'CKE-03', version: 1, category: 'cookies', must: true,
  title: { zh: 'Cookie SameSite属性不当', en: 'Cookie SameSite problems' },
  probes: [],
  results: {
    pass: PASS,
    samesite_none_insecure: { severity: 'low', points: -5, cites: TECH },
    auth_no_samesite: { severity: 'low', points: -5, cites: TECH },
  },
  analyze(ev) {
    const cookies = cookiesOf(ev);
    if (cookies.length === 0) return null;
    const noneInsecure = cookies.filter((c) => c.sameSite === 'none' && !c.secure);
    if (noneInsecure.length) {
      return { result: 'samesite_none_insecure', key: noneInsecure[0]?.name ?? '', detail: { cookies: noneInsecure.map((c) => c.name).slice(0, 20) } };
    }
    const authNoSameSite = cookies.filter((c) => isAuthCookie(c.name) && c.sameSite === null);
    if (authNoSameSite.length) {
      return { result: 'auth_no_samesite', key: authNoSameSite[0]?.name ?? '', detail: { cookies: authNoSameSite.map((c) => c.name).slice(0, 20) } };
    }
    const bonus = httpsWorks(ev) && cookies.every((c) => c.secure && c.sameSite !== null && (!isAuthCookie(c.name) || c.httpOnly));
    return { result: 'pass', bonus };
  },
});
