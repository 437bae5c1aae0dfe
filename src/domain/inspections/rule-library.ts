import type { LoadedRuleSet } from '../../rules';
import type { Deps } from '../deps';
import { ruleLibrary as storedRuleLibrary, setsOf } from '../rules/library';
import type { DbOrTx } from '../../store/db';

/**
 * The rule-set versions penalty ranges are computed from: every version stored in the database
 * (rules module; evaluators pick the one in force by date). Checklists come from the rules
 * module's `freezeChecklist`. Inspections never re-read either: each freezes its items and the
 * versions it used. Pass the caller's transaction as `db` inside one (PGlite has one connection).
 */
export async function ruleLibrary(deps: Deps, db: DbOrTx = deps.db): Promise<LoadedRuleSet[]> {
  return setsOf(await storedRuleLibrary(deps, db));
}
