import { z } from 'zod';
import type { Actor } from '../access';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { shanghaiDate } from '../../lib/dates';
import {
  assertCalendarDay,
  diffRuleSets,
  effectiveRuleSets,
  isInForce,
  penaltyRange,
  ruleSetWarnings,
  ZCalendarDay,
  ZInspectionType,
  ZItemKind,
  ZPenaltySubject,
  ZPenaltyTierName,
  ZRuleKey,
  ZServiceType,
  ZSeverity,
  type PenaltyRange,
  type RuleItem,
  type RuleSetDiff,
  type RuleWarning,
} from '../../rules';
import type * as rulesStore from '../../store/rules.store';
import { requireRulesPermission, ruleLibrary, setsOf, type LibraryVersion } from './library';

export const ZRuleSetId = z.string().regex(/^[A-Z][A-Z0-9]*$/, 'a rule set id such as O151 or CSL');
export const ZRuleSetVersionName = z.string().regex(/^\d{4}\.\d+(-[a-z0-9]+)?$/, 'a version such as 2018.1');

export type RuleSetVersionSummary = rulesStore.RuleSetVersionHead & {
  confidence: string;
  itemCount: number;
  focusCriteriaCount: number;
  topicCount: number;
  /** This version governs `asOf`: the one evaluators use (drafts only when asked for). */
  governing: boolean;
  inForce: boolean;
};

export type RuleSetSummary = {
  id: string;
  document: { zh: string; en: string };
  number: string | null;
  issuer: { zh: string; en: string };
  /** The governing version on `asOf`, or null when none is in force. */
  governingVersion: string | null;
  versions: RuleSetVersionSummary[];
};

/** Every rule set with its stored versions, and which version governs `asOf` (default today). */
export async function listRuleSets(deps: Deps, actor: Actor, input: { asOf?: string; includeDraft?: boolean } = {}) {
  requireRulesPermission(actor, 'rules.read');
  const asOf = input.asOf ?? shanghaiDate(deps.now());
  assertCalendarDay(asOf, 'asOf');
  const library = await ruleLibrary(deps);
  const governing = new Set(effectiveRuleSets(setsOf(library), asOf, { includeDraft: input.includeDraft }).map((s) => s.contentHash));
  const bySet = new Map<string, LibraryVersion[]>();
  for (const v of library) bySet.set(v.head.ruleSetId, [...(bySet.get(v.head.ruleSetId) ?? []), v]);
  const sets: RuleSetSummary[] = [];
  for (const [id, versions] of [...bySet].sort(([a], [b]) => a.localeCompare(b))) {
    const latest = versions.at(-1)!.set.ruleSet;
    const summaries = versions.map((v): RuleSetVersionSummary => ({
      ...v.head,
      confidence: v.set.ruleSet.confidence,
      itemCount: v.set.items.length,
      focusCriteriaCount: v.set.focusCriteria?.length ?? 0,
      topicCount: Object.keys(v.set.topics ?? {}).length,
      governing: governing.has(v.set.contentHash),
      inForce: isInForce(v.set.ruleSet, asOf),
    }));
    sets.push({
      id,
      document: latest.document,
      number: latest.number,
      issuer: latest.issuer,
      governingVersion: summaries.find((s) => s.governing)?.version ?? null,
      versions: summaries,
    });
  }
  return { asOf, sets, warnings: ruleSetWarnings(effectiveRuleSets(setsOf(library), asOf), asOf) };
}

export const ZRuleItemFilter = z.object({
  q: z.string().trim().max(100).optional(),
  kind: ZItemKind.optional(),
  severity: ZSeverity.optional(),
  inspectionType: ZInspectionType.optional(),
  serviceType: ZServiceType.optional(),
});
export type RuleItemFilter = z.infer<typeof ZRuleItemFilter>;

/** One stored version with its items (filtered), focus criteria and penalty topics. */
export async function getRuleSetVersion(deps: Deps, actor: Actor, input: { setId: string; version: string; filter?: RuleItemFilter }) {
  requireRulesPermission(actor, 'rules.read');
  const v = await findLibraryVersion(deps, input.setId, input.version);
  const items = filterItems(v.set.items, input.filter ?? {});
  return { head: v.head, file: v.set, items };
}

/** Items matching a search text (id, zh, en, citation) and the filters. */
export function filterItems(items: readonly RuleItem[], filter: RuleItemFilter): RuleItem[] {
  const q = filter.q?.toLowerCase();
  return items.filter((item) => {
    if (filter.kind && item.kind !== filter.kind) return false;
    if (filter.severity && item.severity !== filter.severity) return false;
    if (filter.inspectionType && !item.inspectionTypes.includes(filter.inspectionType)) return false;
    if (filter.serviceType) {
      const clauses = 'anyOf' in item.appliesTo ? item.appliesTo.anyOf : [item.appliesTo];
      if (!clauses.some((c) => !c.serviceTypes || c.serviceTypes.includes(filter.serviceType!))) return false;
    }
    if (q) {
      const hay = [item.id, item.text.zh, item.text.en, item.evidenceExpected.zh, item.evidenceExpected.en, item.penaltyTopic ?? ''].join('\n').toLowerCase();
      if (!hay.includes(q)) return false;
    }
    return true;
  });
}

/** `SET@version`, e.g. O151@2018.1: how the API and CLI name one version. */
export const ZVersionRef = z
  .string()
  .regex(/^[A-Z][A-Z0-9]*@\d{4}\.\d+(-[a-z0-9]+)?$/, 'a version reference such as O151@2018.1')
  .transform((s) => {
    const [setId, version] = s.split('@') as [string, string];
    return { setId, version };
  });

/** What changed between two stored versions (usually of one set): added, removed, changed items with field diffs. */
export async function diffRuleSetVersions(
  deps: Deps,
  actor: Actor,
  input: { a: { setId: string; version: string }; b: { setId: string; version: string } },
): Promise<RuleSetDiff & { fromHash: string; toHash: string }> {
  requireRulesPermission(actor, 'rules.read');
  const a = await findLibraryVersion(deps, input.a.setId, input.a.version);
  const b = await findLibraryVersion(deps, input.b.setId, input.b.version);
  return { ...diffRuleSets(a.set, b.set), fromHash: a.set.contentHash, toHash: b.set.contentHash };
}

export const ZPenaltyRangeQuery = z.object({
  topic: ZRuleKey,
  date: ZCalendarDay,
  tier: ZPenaltyTierName.default('first'),
  subject: ZPenaltySubject.default('operator'),
});
export type PenaltyRangeQuery = z.infer<typeof ZPenaltyRangeQuery>;

/** Article and fine range of a penalty topic in the law version in force on the violation date. */
export async function penaltyRangeAt(deps: Deps, actor: Actor, input: PenaltyRangeQuery): Promise<PenaltyRange & { warnings: RuleWarning[] }> {
  requireRulesPermission(actor, 'rules.read');
  const sets = setsOf(await ruleLibrary(deps));
  const range = penaltyRange(sets, input.topic, input.date, input.tier, { subject: input.subject });
  const used = sets.filter((s) => s.contentHash === range.ruleSet.contentHash);
  return { ...range, warnings: ruleSetWarnings(used, input.date) };
}

async function findLibraryVersion(deps: Deps, setId: string, version: string): Promise<LibraryVersion> {
  const library = await ruleLibrary(deps);
  const v = library.find((x) => x.head.ruleSetId === setId && x.head.version === version);
  if (!v) throw new AppError('NOT_FOUND', `rule set ${setId} version ${version} not found`, { setId, version });
  return v;
}
