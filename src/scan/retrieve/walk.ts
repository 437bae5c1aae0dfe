import type { Capture, Exchange, Hop } from '../evidence';

/**
 * The redirect walker (spec §1.2, §2.1): a GET that follows redirects only while they stay on
 * a registered hostname on a default port; an off-host target is recorded, never requested.
 */

export const MAX_HOPS = 10;

export type RedirectSignal = { next: string; via: Hop['via'] };

const META_REFRESH = /<meta[^>]+http-equiv\s*=\s*["']?refresh["']?[^>]*>/i;
const META_URL = /content\s*=\s*["']?\s*\d*\s*[;,]?\s*url\s*=\s*['"]?([^"'>\s]+)/i;
const SCRIPT_LOCATION = [
  /(?:window\.|document\.|top\.|self\.|parent\.)?location(?:\.href)?\s*=\s*["']([^"']+)["']/i,
  /location\.(?:replace|assign)\(\s*["']([^"']+)["']\s*\)/i,
];
/** Only a near-empty page is taken as a script redirect; larger pages are analysed, not walked. */
const SCRIPT_REDIRECT_MAX_BYTES = 2048;

/** Where a response redirects to (header, meta refresh, or a tiny script page), if anywhere. */
export function redirectOf(cap: Capture): RedirectSignal | null {
  if (cap.status === null) return null;
  const loc = cap.headers.location;
  const location = Array.isArray(loc) ? loc[0] : loc;
  if (cap.status >= 300 && cap.status < 400 && location) return { next: location.trim(), via: 'header' };
  if (cap.status < 200 || cap.status >= 300) return null;
  const type = String(cap.headers['content-type'] ?? '');
  if (type && !/html/i.test(type)) return null;
  const meta = META_REFRESH.exec(cap.body.slice(0, 8192))?.[0];
  const metaUrl = meta ? META_URL.exec(meta)?.[1] : undefined;
  if (metaUrl) return { next: metaUrl, via: 'meta' };
  if (cap.bodyBytes <= SCRIPT_REDIRECT_MAX_BYTES) {
    for (const re of SCRIPT_LOCATION) {
      const m = re.exec(cap.body)?.[1];
      if (m) return { next: m, via: 'script' };
    }
  }
  return null;
}

/** The target resolved against the page, or null when it is not a usable URL. */
export function resolveTarget(next: string, base: string): URL | null {
  try {
    return new URL(next, base);
  } catch {
    return null;
  }
}

/** Same-host rule: a registered hostname, http(s), default port. */
export function isFollowable(target: URL, allowedHosts: ReadonlySet<string>): boolean {
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return false;
  if (target.port !== '') return false; // URL drops default ports, so any port left is non-default
  return allowedHosts.has(target.hostname.toLowerCase());
}

/**
 * Walks from `start`: `fetch` makes one request (with retries) and returns its capture.
 * Stops at the first non-redirect, an off-host target, a loop, or after MAX_HOPS hops.
 */
export async function walk(
  start: URL,
  allowedHosts: ReadonlySet<string>,
  fetch: (url: URL) => Promise<Capture>,
): Promise<Exchange> {
  const hops: Hop[] = [];
  const visited = new Set<string>([start.href]);
  let url = start;
  for (;;) {
    const cap = await fetch(url);
    const sig = redirectOf(cap);
    if (!sig) return { hops, final: cap, stopReason: null, offHostTarget: null };
    const target = resolveTarget(sig.next, url.href);
    if (!target) return { hops, final: cap, stopReason: null, offHostTarget: null };
    target.hash = '';
    if (!isFollowable(target, allowedHosts)) {
      return { hops, final: cap, stopReason: 'off_host', offHostTarget: target.href };
    }
    if (visited.has(target.href)) return { hops, final: cap, stopReason: 'loop', offHostTarget: null };
    if (hops.length >= MAX_HOPS) return { hops, final: cap, stopReason: 'max_hops', offHostTarget: null };
    hops.push({ ...cap, next: target.href, via: sig.via });
    visited.add(target.href);
    url = target;
  }
}
