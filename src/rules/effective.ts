import { AppError } from '../domain/errors';
import { ZCalendarDay, type Bilingual, type LoadedRuleSet, type RuleSet, type RuleSetRef } from './schema';

export type RuleWarning =
  | { code: 'possiblySuperseded'; ruleSet: RuleSetRef; successor: string; since: string; message: Bilingual }
  | { code: 'draftRuleSet'; ruleSet: RuleSetRef; message: Bilingual };

export type EffectiveOptions = {
  /** Draft sets (an unofficial or partial encoding) apply only when asked for. */
  includeDraft?: boolean;
};

/** In force on `asOf`: effectiveFrom ≤ asOf ≤ effectiveTo (the last day in force), both calendar days. */
export function isInForce(ruleSet: RuleSet, asOf: string): boolean {
  return ruleSet.effectiveFrom <= asOf && (ruleSet.effectiveTo === null || asOf <= ruleSet.effectiveTo);
}

/**
 * The one version of each rule set that governs `asOf`, sorted by id. Among versions in force,
 * a final beats a draft, then the latest effectiveFrom, then the highest version (a corrected
 * re-encoding of the same text).
 */
export function effectiveRuleSets(sets: readonly LoadedRuleSet[], asOf: string, opts: EffectiveOptions = {}): LoadedRuleSet[] {
  assertCalendarDay(asOf, 'asOf');
  const best = new Map<string, LoadedRuleSet>();
  for (const set of sets) {
    if (!isInForce(set.ruleSet, asOf)) continue;
    if (set.ruleSet.status === 'draft' && !opts.includeDraft) continue;
    const current = best.get(set.ruleSet.id);
    if (!current || compareVersions(set.ruleSet, current.ruleSet) > 0) best.set(set.ruleSet.id, set);
  }
  return [...best.values()].sort((a, b) => a.ruleSet.id.localeCompare(b.ruleSet.id));
}

/** Warnings to show with results computed from these (effective) sets on `asOf`. */
export function ruleSetWarnings(sets: readonly LoadedRuleSet[], asOf: string): RuleWarning[] {
  const warnings: RuleWarning[] = [];
  for (const set of sets) {
    const next = set.ruleSet.supersededBy;
    if (next && !next.confirmed && asOf >= next.effectiveFrom) {
      warnings.push({ code: 'possiblySuperseded', ruleSet: ruleSetRef(set), successor: next.ruleSetId, since: next.effectiveFrom, message: next.note });
    }
    if (set.ruleSet.status === 'draft') {
      warnings.push({
        code: 'draftRuleSet',
        ruleSet: ruleSetRef(set),
        message: {
          zh: `${set.ruleSet.id}（${set.ruleSet.version}）为草案或未经核实的编码`,
          en: `${set.ruleSet.id} (${set.ruleSet.version}) is a draft or unconfirmed encoding`,
        },
      });
    }
  }
  return warnings;
}

export function ruleSetRef(set: LoadedRuleSet): RuleSetRef {
  return { id: set.ruleSet.id, version: set.ruleSet.version, contentHash: set.contentHash };
}

/** Evaluators take dates as strings; a malformed one is the caller's input error, not a 500. */
export function assertCalendarDay(value: string, name: string): void {
  if (!ZCalendarDay.safeParse(value).success) {
    throw new AppError('VALIDATION_FAILED', `${name} must be a calendar day YYYY-MM-DD`, { [name]: value });
  }
}

function compareVersions(a: RuleSet, b: RuleSet): number {
  if (a.status !== b.status) return a.status === 'final' ? 1 : -1;
  if (a.effectiveFrom !== b.effectiveFrom) return a.effectiveFrom < b.effectiveFrom ? -1 : 1;
  return a.version.localeCompare(b.version, 'en', { numeric: true });
}
