/** The check registry: every v1 check, in catalogue order. Ids are checked unique at load. */

import { unreachable } from './avl-01-unreachable';
import { brokenHomePage } from './avl-02-broken-home';
import { catchAll } from './avl-03-catch-all';
import { defaultPage } from './avl-04-default-page';
import { parked } from './avl-05-parked';
import { offsiteRedirect } from './avl-06-offsite-redirect';
import { zombie } from './avl-07-zombie';
import { cookieSecure } from './cke-01-secure';
import { cookieHttpOnly } from './cke-02-httponly';
import { cookieSameSite } from './cke-03-samesite';
import { tampering } from './cnt-01-tampering';
import { titleHijack } from './cnt-02-title-hijack';
import { hiddenLinks } from './cnt-03-hidden-links';
import { prohibitedContent } from './cnt-04-prohibited-content';
import { cloaking } from './cnt-05-cloaking';
import { injectedScript } from './cnt-06-injected-script';
import type { CheckDef } from './define';
import { unregisteredIps } from './dns-01-unregistered-ips';
import { exposedGit } from './exp-01-git';
import { exposedEnv } from './exp-02-env';
import { exposedMetadata } from './exp-03-vcs-metadata';
import { exposedBackups } from './exp-04-backups';
import { directoryListing } from './exp-05-directory-listing';
import { exposedConsoles } from './exp-06-consoles';
import { serverInfo } from './exp-07-server-info';
import { icpMissing } from './fil-01-icp-missing';
import { icpMismatch } from './fil-02-icp-mismatch';
import { icpLink } from './fil-03-icp-link';
import { psbMissing } from './fil-04-psb-missing';
import { psbMismatch } from './fil-05-psb-mismatch';
import { hsts } from './hdr-01-hsts';
import { csp } from './hdr-02-csp';
import { clickjacking } from './hdr-03-clickjacking';
import { nosniffReferrer } from './hdr-04-nosniff-referrer';
import { cors } from './hdr-05-cors';
import { versionHeaders } from './lek-01-version-headers';
import { debugOutput } from './lek-02-debug-output';
import { robotsPaths } from './lek-03-robots';
import { noHttps } from './tls-01-no-https';
import { certValidity } from './tls-02-validity';
import { certExpiring } from './tls-03-expiring';
import { certNameMismatch } from './tls-04-name-mismatch';
import { untrustedChain } from './tls-05-untrusted';
import { legacyTls } from './tls-06-legacy-versions';
import { noModernTls } from './tls-07-no-modern';
import { weakKeys } from './tls-09-weak-keys';
import { noHttpsUpgrade } from './tls-10-no-upgrade';
import { redirectChain } from './tls-11-redirects';
import { mixedContent } from './tls-12-mixed-content';

/** Throws on a duplicate id: two checks with one id would merge their findings. */
export function assertUniqueIds(checks: readonly CheckDef[]): void {
  const seen = new Set<string>();
  for (const c of checks) {
    if (seen.has(c.id)) throw new Error(`duplicate check id ${c.id}`);
    seen.add(c.id);
  }
}

export const CHECKS: readonly CheckDef[] = [
  unreachable, brokenHomePage, catchAll, defaultPage, parked, offsiteRedirect, zombie,
  noHttps, certValidity, certExpiring, certNameMismatch, untrustedChain, legacyTls, noModernTls, weakKeys,
  noHttpsUpgrade, redirectChain, mixedContent,
  hsts, csp, clickjacking, nosniffReferrer, cors,
  cookieSecure, cookieHttpOnly, cookieSameSite,
  tampering, titleHijack, hiddenLinks, prohibitedContent, cloaking, injectedScript,
  icpMissing, icpMismatch, icpLink, psbMissing, psbMismatch,
  exposedGit, exposedEnv, exposedMetadata, exposedBackups, directoryListing, exposedConsoles, serverInfo,
  versionHeaders, debugOutput, robotsPaths,
  unregisteredIps,
];
assertUniqueIds(CHECKS);

/** A check by id. */
export function checkById(id: string): CheckDef | undefined {
  return CHECKS.find((c) => c.id === id);
}
