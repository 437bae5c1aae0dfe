import { activeServices, type EntityFacts, type ServiceFact } from './facts';
import { effectiveRuleSets, ruleSetRef, ruleSetWarnings, type RuleWarning } from './effective';
import {
  parseCondition,
  type Applicability,
  type EntityKind,
  type InspectionMode,
  type InspectionType,
  type ItemKind,
  type LoadedRuleSet,
  type ParsedCondition,
  type RuleItem,
  type RuleSetRef,
  type ServiceType,
} from './schema';

export type ApplicableItemsOptions = {
  inspectionType: InspectionType;
  mode: InspectionMode;
  /** The inspection runs within a national major cybersecurity protection task (Order 151 Art 12). */
  majorSecurityTask?: boolean;
  includeDraft?: boolean;
  /** Item kinds to return; checklist lines only unless asked. */
  kinds?: readonly ItemKind[];
};

/** The clause that matched, for the UI to explain it in either language. */
export type MatchedClause = {
  entityKinds: 'all' | EntityKind[];
  serviceTypes: ServiceType[];
  conditions: string[];
};

export type ApplicableItem = {
  item: RuleItem;
  ruleSet: RuleSetRef;
  /** Why it applies, e.g. 'all entities', 'service type idc', 'service type access; uses NAT'. */
  reason: string;
  matched: MatchedClause;
};

export type ApplicableItemsResult = {
  asOf: string;
  items: ApplicableItem[];
  /** The versions used, to freeze on the inspection. */
  ruleSets: RuleSetRef[];
  warnings: RuleWarning[];
};

/**
 * The items that apply to an entity on `asOf` for an inspection of this type and mode, each
 * with the reason, taken only from the rule-set versions in force on `asOf`.
 */
export function applicableItems(
  facts: EntityFacts,
  ruleSets: readonly LoadedRuleSet[],
  asOf: string,
  opts: ApplicableItemsOptions,
): ApplicableItemsResult {
  const sets = effectiveRuleSets(ruleSets, asOf, { includeDraft: opts.includeDraft });
  const kinds = opts.kinds ?? ['check'];
  const ctx: MatchContext = { facts, services: activeServices(facts, asOf), majorSecurityTask: opts.majorSecurityTask === true };
  const items: ApplicableItem[] = [];
  for (const set of sets) {
    for (const item of set.items) {
      if (!kinds.includes(item.kind)) continue;
      if (!item.inspectionTypes.includes(opts.inspectionType) || !item.modes.includes(opts.mode)) continue;
      const clauses = 'anyOf' in item.appliesTo ? item.appliesTo.anyOf : [item.appliesTo];
      const match = firstMatch(clauses, ctx);
      if (match) items.push({ item, ruleSet: ruleSetRef(set), ...match });
    }
  }
  return { asOf, items, ruleSets: sets.map(ruleSetRef), warnings: ruleSetWarnings(sets, asOf) };
}

type MatchContext = { facts: EntityFacts; services: ServiceFact[]; majorSecurityTask: boolean };

function firstMatch(clauses: readonly Applicability[], ctx: MatchContext): { reason: string; matched: MatchedClause } | null {
  for (const clause of clauses) {
    const m = matchClause(clause, ctx);
    if (m) return m;
  }
  return null;
}

function matchClause(clause: Applicability, ctx: MatchContext): { reason: string; matched: MatchedClause } | null {
  if (clause.entityKinds !== 'all' && !clause.entityKinds.includes(ctx.facts.entityKind)) return null;
  const allowed = clause.serviceTypes;
  const services = allowed ? ctx.services.filter((s) => allowed.includes(s.type)) : ctx.services;
  if (allowed && services.length === 0) return null;
  const parts: string[] = [];
  const serviceTypes = allowed ? [...new Set(services.map((s) => s.type))] : [];
  if (serviceTypes.length > 0) {
    parts.push(`service type ${serviceTypes.join(', ')}`);
  } else if (clause.entityKinds !== 'all' && clause.entityKinds.length === 1) {
    parts.push(ctx.facts.entityKind === 'serviceProvider' ? 'service provider' : 'networked user');
  }
  for (const text of clause.conditions) {
    const condition = parseCondition(text);
    if (!condition) throw new Error(`unvalidated condition ${text}`); // the schema rejects these on load
    const why = holds(condition, ctx, services);
    if (why === null) return null;
    parts.push(why);
  }
  return {
    reason: parts.length > 0 ? parts.join('; ') : 'all entities',
    matched: { entityKinds: clause.entityKinds, serviceTypes, conditions: [...clause.conditions] },
  };
}

/** The reason text if the condition holds, else null. `services` are those the clause selected. */
function holds(condition: ParsedCondition, ctx: MatchContext, services: readonly ServiceFact[]): string | null {
  const { facts } = ctx;
  switch (condition.kind) {
    case 'icpFeature': {
      const offered = new Set(ctx.services.filter((s) => s.type === 'icp').flatMap((s) => s.icpFeatures ?? []));
      const hit = condition.features.filter((f) => offered.has(f));
      return hit.length > 0 ? `ICP feature ${hit.join(', ')}` : null;
    }
    case 'mlpsLevelAtLeast': {
      const top = Math.max(0, ...facts.mlpsSystems.map((s) => s.level));
      return top >= condition.level ? `MLPS level ${top} system` : null;
    }
    case 'flag':
      switch (condition.flag) {
        case 'usesNat':
          return facts.usesNat === true || services.some((s) => s.usesNat === true) ? 'uses NAT' : null;
        case 'providesPublicInfoService':
          return facts.providesPublicInfoService ? 'provides public information service' : null;
        case 'keepsRecords':
          return facts.keepsRecords === false ? null : 'keeps user records';
        case 'isCii':
          return facts.isCii ? 'critical information infrastructure' : null;
        case 'isCounterTerrorTarget':
          return facts.isCounterTerrorTarget ? 'counter-terror key target' : null;
        case 'majorSecurityTask':
          return ctx.majorSecurityTask ? 'major security task' : null;
      }
  }
}
