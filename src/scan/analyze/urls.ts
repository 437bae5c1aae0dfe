/** Host helpers: which hosts belong to the registered site. */

import type { Evidence } from '../evidence';

/** Lower-case hostname of an absolute URL, or null. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

/** Path of a URL (absolute or relative), or '' when unparsable. */
export function pathOf(url: string): string {
  try {
    return new URL(url, 'http://invalid/').pathname;
  } catch {
    return '';
  }
}

/** Scheme of an absolute URL ("http" / "https"), or null. */
export function schemeOf(url: string): string | null {
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return m?.[1]?.toLowerCase() ?? null;
}

/** The scanned host and every registered hostname, lower case. */
export function registeredHosts(ev: Evidence): Set<string> {
  const out = new Set<string>([ev.target.host.toLowerCase()]);
  for (const h of ev.target.registered.hostnames) out.add(h.toLowerCase().replace(/\.$/, ''));
  return out;
}

/** Whether a host is the scanned host or another registered name of the site. */
export function isRegisteredHost(ev: Evidence, host: string): boolean {
  return registeredHosts(ev).has(host.toLowerCase());
}

/** Hosts under public-administration suffixes, linked by many official sites. */
export function isOfficialHost(host: string): boolean {
  return /(^|\.)(gov\.cn|gov|edu\.cn|mil\.cn|org\.cn|12377\.cn|cyberpolice\.cn)$/.test(host);
}
