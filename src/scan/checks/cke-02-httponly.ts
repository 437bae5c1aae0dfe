import { cookiesOf, isAuthCookie } from '../analyze/cookies';
import { TECH } from './cites';
import { defineCheck, PASS } from './define';

/** CKE-02: an auth cookie without HttpOnly. */
export const cookieHttpOnly = defineCheck({
  id: 'CKE-02', version: 1, category: 'cookies', must: true,
  title: { zh: '会话Cookie未设置HttpOnly', en: 'Auth cookie without HttpOnly' },
  probes: [],
  results: { pass: PASS, auth_not_httponly: { severity: 'medium', points: -10, cites: TECH } },
  analyze(ev) {
    const cookies = cookiesOf(ev);
    if (cookies.length === 0) return null;
    const bad = cookies.filter((c) => isAuthCookie(c.name) && !c.httpOnly);
    if (bad.length === 0) return { result: 'pass' };
    return { result: 'auth_not_httponly', key: bad[0]?.name ?? '', detail: { cookies: [...new Set(bad.map((c) => c.name))].slice(0, 20) } };
  },
});
