/**
 * Use cases of the rules module over the database: rule-set versions (sync, import, browse,
 * diff), checklists frozen for inspections, focus flags and lists, penalty ranges.
 * Other modules import from here: `import { freezeChecklist } from '../rules'` (from src/domain/*).
 */
export { freezeChecklist, ZFreezeChecklistInput, type ChecklistItemSnapshot, type FreezeChecklistInput, type FrozenChecklist, type FrozenChecklistItem } from './freeze-checklist';
export {
  focusForEntity,
  listFocusEntities,
  refreshFocusFlags,
  refreshFocusInSubtree,
  ZListFocusQuery,
  ZRefreshFocusBody,
  type EntityFocus,
  type EntityFocusFlag,
  type FocusEntity,
  type FocusList,
  type FocusTriggerRecord,
  type RefreshFocusResult,
} from './focus';
export { importRuleSet, type ImportDiffSummary, type ImportRuleSetResult } from './import-rule-set';
export { loadRuleLibrary, ruleLibrary, syncShippedRuleSets, type LibraryVersion, type SyncResult } from './library';
export {
  diffRuleSetVersions,
  getRuleSetVersion,
  listRuleSets,
  penaltyRangeAt,
  ZPenaltyRangeQuery,
  ZRuleItemFilter,
  ZVersionRef,
} from './read-rule-sets';
export { seedRulesDemo } from './seed-demo';
/** Entity facts for the evaluators: the registry store's mapping (single entity, scoped). */
export { loadEntityFacts } from '../../store/registry.store';
