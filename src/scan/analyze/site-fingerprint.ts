/** What run/ stores for baselines and history: the home page's fingerprint material. */

import type { Baseline, Evidence } from '../evidence';
import { linkHosts, scriptHosts } from './content';
import { homeOf } from './page';
import { metaContent } from './html';

export type SiteFingerprint = Omit<Baseline, 'capturedAt'>;

/** The fingerprint of the current home page (null when there is none), shaped as a Baseline. */
export function siteFingerprint(ev: Evidence): SiteFingerprint | null {
  const home = homeOf(ev);
  if (!home || !home.isHtml) return null;
  return {
    minhash: home.minhash,
    title: home.page.title.slice(0, 500),
    meta: `${metaContent(home.page, 'keywords')} ${metaContent(home.page, 'description')}`.trim().slice(0, 2000),
    linkHosts: [...linkHosts(home)].sort(),
    scriptHosts: [...scriptHosts(home)].sort(),
    excerpt: home.shownText.slice(0, 2048),
  };
}
