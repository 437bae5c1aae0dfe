/** The versions every scan is stamped with (spec §4.2): what produced its outcomes and grades. */

import { loadKeywordList } from '../../rules/keywords';
import { CHECKS } from '../checks';
import { SCORING_VERSION, catalogueHash } from '../grade';

export type ScanStamp = {
  scoringVersion: string;
  /** sha256 over the enabled checks' "id@version". */
  catalogueHash: string;
  keywordsVersion: string;
  /** Rule-set id → version in force on the scan date (cites resolve against these). */
  ruleSetVersions: Record<string, string>;
};

const catalogue = catalogueHash(CHECKS);

export function scanStamp(asOf: Date, ruleSetVersions: Record<string, string>): ScanStamp {
  return {
    scoringVersion: SCORING_VERSION,
    catalogueHash: catalogue,
    keywordsVersion: loadKeywordList(asOf.toISOString()).version,
    ruleSetVersions,
  };
}
