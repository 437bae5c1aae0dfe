/** Certificate facts for the TLS checks: leaf, name matching (RFC 6125), trust errors. */

import type { CertFacts, Evidence } from '../evidence';

/** The leaf certificate sent on the https walk, or null. */
export function leafOf(ev: Evidence): CertFacts | null {
  return ev.tls?.chain[0] ?? null;
}

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/** One DNS name pattern against a host; a wildcard covers exactly the leftmost label. */
function dnsMatch(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  if (!p.startsWith('*.')) return p === host;
  const rest = p.slice(2);
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot + 1) === rest && rest.includes('.');
}

/**
 * Whether the certificate names the host, as Node's tls.checkServerIdentity decides: SAN DNS
 * names (CN only when the certificate has no SAN at all), SAN IPs for IP hosts.
 */
export function certNamesHost(cert: CertFacts, host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (isIp(h)) return cert.sanIps.includes(h);
  if (cert.sanDns.length > 0) return cert.sanDns.some((p) => dnsMatch(p, h));
  if (cert.sanIps.length > 0) return false;
  return cert.subjectCN !== null && dnsMatch(cert.subjectCN, h);
}

/** Authorization errors that are not about trust: dates (TLS-02) and names (TLS-04). */
const NOT_TRUST = new Set([
  'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'HOSTNAME_MISMATCH',
]);
const ISSUER_MISSING = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

export type TrustProblem = 'self_signed' | 'incomplete_chain' | 'untrusted_root' | 'untrusted';

/** Why the chain is not trusted, or null when it is (or only dates/names fail). */
export function trustProblem(ev: Evidence): TrustProblem | null {
  const tls = ev.tls;
  const leaf = tls?.chain[0];
  if (!tls || !leaf) return null;
  if (leaf.selfSigned || tls.authorizationError === 'DEPTH_ZERO_SELF_SIGNED_CERT') return 'self_signed';
  const err = tls.authorizationError;
  if (tls.authorized || err === null || NOT_TRUST.has(err)) return null;
  const top = tls.chain[tls.chain.length - 1] as CertFacts;
  if (err === 'SELF_SIGNED_CERT_IN_CHAIN') return 'untrusted_root';
  if (ISSUER_MISSING.has(err)) return top.selfSigned ? 'untrusted_root' : 'incomplete_chain';
  return 'untrusted';
}

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (ISO strings); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / DAY_MS);
}
