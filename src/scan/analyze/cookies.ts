/** Set-Cookie parsing for the CKE checks. */

import { setCookiesOf, type Capture, type Evidence, type Exchange } from '../evidence';

export type CookieFacts = {
  name: string;
  secure: boolean;
  httpOnly: boolean;
  /** SameSite value in lower case, or null when absent. */
  sameSite: string | null;
  /** Which walk set it. */
  walk: 'http' | 'https';
  /** The Set-Cookie line, value masked (evidence must not keep session ids). */
  line: string;
};

/** Auth cookie by name (spec §3.2), except CSRF tokens, which scripts must read. */
export function isAuthCookie(name: string): boolean {
  return /sess|login|auth|token|jwt|sid$/i.test(name) && !/csrf|xsrf/i.test(name);
}

function parseLine(line: string, walk: 'http' | 'https', scannedAt: string): CookieFacts | null {
  const [pair = '', ...attrs] = line.split(';');
  const eq = pair.indexOf('=');
  const name = (eq === -1 ? pair : pair.slice(0, eq)).trim();
  if (!name) return null;
  let secure = false;
  let httpOnly = false;
  let sameSite: string | null = null;
  let deleted = false;
  for (const a of attrs) {
    const [k = '', ...v] = a.split('=');
    const key = k.trim().toLowerCase();
    const value = v.join('=').trim();
    if (key === 'secure') secure = true;
    else if (key === 'httponly') httpOnly = true;
    else if (key === 'samesite') sameSite = value.toLowerCase() || null;
    else if (key === 'max-age' && Number(value) <= 0) deleted = true;
    else if (key === 'expires' && Date.parse(value) < Date.parse(scannedAt)) deleted = true;
  }
  if (deleted) return null;
  const masked = `${name}=…${attrs.length ? `;${attrs.join(';')}` : ''}`;
  return { name, secure, httpOnly, sameSite, walk, line: masked.slice(0, 512) };
}

function capturesOf(ex: Exchange | null): Capture[] {
  return ex ? [...ex.hops, ex.final] : [];
}

const memo = new WeakMap<Evidence, CookieFacts[]>();

/** Every live cookie either home walk set (hops included), in order (memoised). */
export function cookiesOf(ev: Evidence): CookieFacts[] {
  const hit = memo.get(ev);
  if (hit) return hit;
  const out: CookieFacts[] = [];
  memo.set(ev, out);
  for (const walk of ['https', 'http'] as const) {
    for (const cap of capturesOf(ev[walk])) {
      for (const line of setCookiesOf(cap)) {
        const c = parseLine(line, walk, ev.scannedAt);
        if (c) out.push(c);
      }
    }
  }
  return out;
}
