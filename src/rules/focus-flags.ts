import { addYears } from '../lib/dates';
import type { EntityFacts } from './facts';
import { effectiveRuleSets, ruleSetRef, type EffectiveOptions } from './effective';
import type { Bilingual, Citation, Confidence, FocusCriterion, LoadedRuleSet, RuleSetRef } from './schema';

/**
 * Focus inspection (重点监督检查, Order 151 Art 9 ¶2), computed on a calendar day `asOf`.
 *
 * A record counts while `date ≤ asOf < date + windowYears` (the anniversary, 29 Feb → 28 Feb):
 * a service started 2025-11-24 flags F1 up to 2026-11-23 and no longer on 2026-11-24. Records
 * dated after `asOf` never count, so a frozen evaluation gives the same answer later. With
 * `windowYears: null` (F3 by default) a record counts from its date on.
 *
 * Note for legal review: Civil Code Art 201 would count a one-year period from the next day and
 * end it on the anniversary itself, one day later than this reading; the window is data.
 */

export type FocusTrigger = {
  kind: 'service' | 'incident' | 'case' | 'penalty';
  id: string;
  date: string;
  /** First day this record no longer triggers the flag; null without a window. */
  until: string | null;
};

export type FocusFlag = {
  criterionId: string;
  kind: FocusCriterion['kind'];
  ruleSet: RuleSetRef;
  citation: Citation;
  text: Bilingual;
  confidence: Confidence;
  windowYears: number | null;
  /** Every record that triggers the flag, newest first. */
  triggers: FocusTrigger[];
  /** First day the flag lapses if no new record arrives; null if a trigger never lapses. */
  until: string | null;
};

/** Focus flags of an entity on `asOf`, from the criteria of the rule sets in force that day. */
export function focusFlags(
  facts: EntityFacts,
  ruleSets: readonly LoadedRuleSet[],
  asOf: string,
  opts: EffectiveOptions = {},
): FocusFlag[] {
  const flags: FocusFlag[] = [];
  for (const set of effectiveRuleSets(ruleSets, asOf, opts)) {
    for (const criterion of set.focusCriteria ?? []) {
      const triggers = triggersOf(criterion, facts, asOf).sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : a.date < b.date ? 1 : -1));
      if (triggers.length === 0) continue;
      flags.push({
        criterionId: criterion.id,
        kind: criterion.kind,
        ruleSet: ruleSetRef(set),
        citation: criterion.citation,
        text: criterion.text,
        confidence: criterion.confidence,
        windowYears: criterion.windowYears,
        triggers,
        until: lastUntil(triggers),
      });
    }
  }
  return flags;
}

function triggersOf(criterion: FocusCriterion, facts: EntityFacts, asOf: string): FocusTrigger[] {
  const window = criterion.windowYears;
  const within = (kind: FocusTrigger['kind'], id: string, date: string): FocusTrigger[] => {
    if (date > asOf) return [];
    const until = window === null ? null : addYears(date, window);
    return until === null || asOf < until ? [{ kind, id, date, until }] : [];
  };
  switch (criterion.kind) {
    case 'newService':
      return facts.services.flatMap((s) => within('service', s.id, s.startDate));
    case 'incidentOrCase':
      return [
        ...facts.incidents.filter((i) => criterion.incidentStatuses.includes(i.status)).flatMap((i) => within('incident', i.id, i.date)),
        ...facts.cases.flatMap((c) => within('case', c.id, c.date)),
      ];
    case 'policePenalty':
      return facts.penalties
        .filter((p) => criterion.authorities.includes(p.authority) && criterion.penaltyCategories.includes(p.category))
        .flatMap((p) => within('penalty', p.id, p.date));
  }
}

function lastUntil(triggers: readonly FocusTrigger[]): string | null {
  let last = '';
  for (const t of triggers) {
    if (t.until === null) return null;
    if (t.until > last) last = t.until;
  }
  return last;
}
