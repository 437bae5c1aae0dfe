import { AppError } from '../domain/errors';
import { effectiveRuleSets, ruleSetRef } from './effective';
import type { LoadedRuleSet, RuleItem, RuleSetRef } from './schema';

/**
 * Resolves a rule key (an item id such as CSL-TECH or O82-A7-1) to the item in force on
 * `date`, so a scan finding dated 2026 cites CSL Art 23(2), one dated 2025 Art 21(2).
 */
export function itemAt(ruleSets: readonly LoadedRuleSet[], key: string, date: string): { item: RuleItem; ruleSet: RuleSetRef } {
  for (const set of effectiveRuleSets(ruleSets, date)) {
    const item = set.items.find((i) => i.id === key);
    if (item) return { item, ruleSet: ruleSetRef(set) };
  }
  throw new AppError('NOT_FOUND', `no rule item ${key} in force on ${date}`, { key, date });
}
