import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { z } from 'zod';

/** An IPv4/IPv6 address or a CIDR range (203.0.113.0/24, 2001:db8::/32). */
export function isIpOrCidr(value: string): boolean {
  const [addr, prefix, extra] = value.split('/');
  if (extra !== undefined || !addr) return false;
  const version = isIP(addr);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

export const ZIpOrCidr = z.string().trim().refine(isIpOrCidr, 'an IP address or CIDR range such as 203.0.113.0/24');

const HOST_PATTERN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Lower-case ASCII (punycode) hostname, or null when it is not one. Accepts 中文.example too. */
export function normaliseHostname(raw: string): string | null {
  const trimmed = raw.trim().replace(/\.$/, '');
  if (!trimmed || /[/:@\s]/.test(trimmed)) return null;
  const ascii = domainToASCII(trimmed.toLowerCase());
  return ascii && HOST_PATTERN.test(ascii) ? ascii : null;
}

export const ZHostname = z.string().transform((raw, ctx) => {
  const h = normaliseHostname(raw);
  if (!h) {
    ctx.addIssue({ code: 'custom', message: 'a hostname such as www.example.cn (no scheme, path or port)' });
    return z.NEVER;
  }
  return h;
});
