/** Public API of the rules module: versioned rule data and the pure evaluators over it. */
export * from './schema';
export * from './facts';
export { mapArticle, ZArticleMapping, type ArticleMapping, type ArticleRef } from './article-mapping';
export {
  checkRuleSetLibrary,
  contentHash,
  loadArticleMapping,
  loadRuleSetsFromDir,
  loadShippedRuleSets,
  parseRuleSetFile,
  prepareRuleSet,
  shippedRuleSetsDir,
} from './load';
export { assertCalendarDay, effectiveRuleSets, isInForce, ruleSetRef, ruleSetWarnings, type EffectiveOptions, type RuleWarning } from './effective';
export { applicableItems, type ApplicableItem, type ApplicableItemsOptions, type ApplicableItemsResult, type MatchedClause } from './applicable-items';
export { focusFlags, type FocusFlag, type FocusTrigger } from './focus-flags';
export { penaltyRange, penaltyTopicAt, type PenaltyRange } from './penalty-range';
export { itemAt } from './resolve';
export { diffRuleSets, type FieldChange, type KeyedDiff, type RuleSetDiff } from './diff';
