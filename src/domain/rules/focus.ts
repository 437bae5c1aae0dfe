import { z } from 'zod';
import { requirePermission, requireUnitScope, scopeOf, type Actor, type UnitScope } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { addDays, addYears, shanghaiDate } from '../../lib/dates';
import {
  assertCalendarDay,
  effectiveRuleSets,
  focusFlags,
  ruleSetRef,
  ruleSetWarnings,
  ZCalendarDay,
  type Bilingual,
  type Citation,
  type FocusCriterion,
  type FocusFlag,
  type LoadedRuleSet,
  type RuleSetRef,
  type RuleWarning,
} from '../../rules';
import type { DbOrTx } from '../../store/db';
import * as registry from '../../store/registry.store';
import * as rulesStore from '../../store/rules.store';
import * as units from '../../store/units.store';
import { parseInput, ruleLibrary, setsOf } from './library';

/** A record behind a focus flag, as the registry holds it. */
export type FocusTriggerRecord =
  | { kind: 'service'; type: string; startDate: string; endDate: string | null }
  | {
    kind: 'incident' | 'case' | 'penalty';
    occurredOn: string;
    category: string;
    severity: string | null;
    status: string | null;
    caseKind: string | null;
    authority: string | null;
    decisionNumber: string | null;
    description: string | null;
  };

export type EntityFocusFlag = Omit<FocusFlag, 'triggers'> & {
  triggers: (FocusFlag['triggers'][number] & { record: FocusTriggerRecord | null })[];
};

export type EntityFocus = {
  entityId: string;
  asOf: string;
  isFocus: boolean;
  /** Criterion ids, e.g. O151-A9-F1: the values of entities.focus_reasons. */
  reasons: string[];
  flags: EntityFocusFlag[];
  ruleSets: RuleSetRef[];
  warnings: RuleWarning[];
};

/**
 * "Why this entity is a focus entity" on `asOf`: each criterion met (Order 151 Art 9 ¶2) with
 * its citation, window and the registry records that trigger it. NOT_FOUND outside the scope.
 */
export async function focusForEntity(deps: Deps, actor: Actor, entityId: string, asOf: string, db: DbOrTx = deps.db): Promise<EntityFocus> {
  requirePermission(actor, 'focus.read');
  assertCalendarDay(asOf, 'asOf');
  const scope = scopeOf(actor);
  const facts = z.uuid().safeParse(entityId).success ? await registry.loadEntityFacts(db, scope, entityId) : undefined;
  if (!facts) throw new AppError('NOT_FOUND', 'entity not found');
  const sets = setsOf(await ruleLibrary(deps, db));
  const flags = focusFlags(facts, sets, asOf);
  const triggerIds = flags.flatMap((f) => f.triggers);
  const records = await rulesStore.triggerRecords(db, entityId, {
    services: triggerIds.filter((t) => t.kind === 'service').map((t) => t.id),
    history: triggerIds.filter((t) => t.kind !== 'service').map((t) => t.id),
  });
  const recordOf = (id: string): FocusTriggerRecord | null => {
    const s = records.services.find((r) => r.id === id);
    if (s) return { kind: 'service', type: s.type, startDate: s.startDate, endDate: s.endDate };
    const h = records.history.find((r) => r.id === id);
    if (!h) return null;
    const { id: _id, kind, ...rest } = h;
    return { kind: kind as 'incident' | 'case' | 'penalty', ...rest };
  };
  const effective = effectiveRuleSets(sets, asOf);
  return {
    entityId,
    asOf,
    isFocus: flags.length > 0,
    reasons: reasonsOf(flags),
    flags: flags.map((f) => ({ ...f, triggers: f.triggers.map((t) => ({ ...t, record: recordOf(t.id) })) })),
    ruleSets: effective.map(ruleSetRef),
    warnings: ruleSetWarnings(effective, asOf),
  };
}

export const ZListFocusQuery = z.object({
  /** A unit of the caller's subtree (default: the caller's own unit). */
  unitId: z.uuid().optional(),
  /** Or the unit's region code (GB/T 2260), as the CLI takes it. */
  regionCode: z.string().regex(/^\d{6}$/).optional(),
  asOf: ZCalendarDay.optional(),
  /** A criterion id (O151-A9-F2) or kind (newService, incidentOrCase, policePenalty). */
  reason: z.string().trim().min(1).max(40).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListFocusQuery = z.input<typeof ZListFocusQuery>;

export type FocusCriterionInfo = { id: string; kind: FocusCriterion['kind']; ruleSet: RuleSetRef; citation: Citation; text: Bilingual; windowYears: number | null };

export type FocusEntity = {
  entity: rulesStore.FocusEntityRow;
  reasons: string[];
  flags: FocusFlag[];
};

export type FocusList = {
  asOf: string;
  unit: { id: string; name: string; regionCode: string };
  /** Entities of the subtree evaluated (closed ones excepted). */
  evaluated: number;
  focusCount: number;
  /** Focus entities per criterion id (an entity meeting two criteria counts in both). */
  countsByReason: Record<string, number>;
  criteria: FocusCriterionInfo[];
  items: FocusEntity[];
  total: number;
  limit: number;
  offset: number;
  ruleSets: RuleSetRef[];
  warnings: RuleWarning[];
};

/**
 * Focus entities of a unit's subtree on `asOf` (default today), with counts per criterion:
 * computed from the registry records, not from the stored focus_reasons, so it is right for
 * any day. Staff only; a unit outside the caller's subtree is NOT_FOUND.
 */
export async function listFocusEntities(deps: Deps, actor: Actor, query: ListFocusQuery): Promise<FocusList> {
  requirePermission(actor, 'focus.read');
  const scope = requireUnitScope(actor);
  const q = parseInput(ZListFocusQuery, query);
  const asOf = q.asOf ?? shanghaiDate(deps.now());
  const unit = await resolveUnit(deps.db, scope, q);
  const sets = setsOf(await ruleLibrary(deps));
  const computed = await computeFocus(deps.db, scope, unit.path, sets, asOf);
  const effective = effectiveRuleSets(sets, asOf);
  const criteria = criteriaOf(effective);
  const reason = q.reason;
  if (reason && !criteria.some((c) => c.id === reason || c.kind === reason)) {
    throw new AppError('VALIDATION_FAILED', `no focus criterion ${reason} in force on ${asOf}`, {
      fields: [{ path: 'reason', message: `one of ${[...new Set(criteria.flatMap((c) => [c.id, c.kind]))].join(', ')}` }],
    });
  }
  const countsByReason: Record<string, number> = Object.fromEntries(criteria.map((c) => [c.id, 0]));
  for (const e of computed.flagged) for (const r of e.reasons) countsByReason[r] = (countsByReason[r] ?? 0) + 1;
  const matching = reason ? computed.flagged.filter((e) => e.flags.some((f) => f.criterionId === reason || f.kind === reason)) : computed.flagged;
  matching.sort((a, b) => a.entity.name.localeCompare(b.entity.name, 'zh-CN') || a.entity.id.localeCompare(b.entity.id));
  return {
    asOf,
    unit: { id: unit.id, name: unit.name, regionCode: unit.regionCode },
    evaluated: await rulesStore.countEntities(deps.db, scope, unit.path),
    focusCount: computed.flagged.length,
    countsByReason,
    criteria,
    items: matching.slice(q.offset, q.offset + q.limit),
    total: matching.length,
    limit: q.limit,
    offset: q.offset,
    ruleSets: effective.map(ruleSetRef),
    warnings: ruleSetWarnings(effective, asOf),
  };
}

export const ZRefreshFocusBody = z.object({
  unitId: z.uuid().optional(),
  asOf: ZCalendarDay.optional(),
});
export type RefreshFocusInput = z.infer<typeof ZRefreshFocusBody>;

export type RefreshFocusResult = { asOf: string; unitId: string; evaluated: number; focusCount: number; changed: number; countsByReason: Record<string, number> };

/**
 * Writes each entity's focus reasons on `asOf` (default today) into entities.focus_reasons for
 * the caller's subtree (or a unit in it), so registry lists filter by focus without evaluating
 * rules. Flags lapse with time: run it daily. One audit entry with the counts.
 */
export async function refreshFocusFlags(deps: Deps, actor: Actor, input: RefreshFocusInput = {}): Promise<RefreshFocusResult> {
  requirePermission(actor, 'focus.read');
  const scope = requireUnitScope(actor);
  return refreshFocusInSubtree(deps, actor, scope, parseInput(ZRefreshFocusBody, input));
}

/**
 * The refresh without the permission check, for start-up work run as the console operator
 * (demo seed, the daily job); `scope` bounds what it touches.
 */
export async function refreshFocusInSubtree(deps: Deps, actor: Actor, scope: UnitScope, input: RefreshFocusInput = {}): Promise<RefreshFocusResult> {
  const asOf = input.asOf ?? shanghaiDate(deps.now());
  const unit = await resolveUnit(deps.db, scope, { unitId: input.unitId });
  const sets = setsOf(await ruleLibrary(deps));
  const computed = await computeFocus(deps.db, scope, unit.path, sets, asOf);
  const countsByReason: Record<string, number> = {};
  for (const e of computed.flagged) for (const r of e.reasons) countsByReason[r] = (countsByReason[r] ?? 0) + 1;
  return deps.db.transaction().execute(async (trx) => {
    const reasons = new Map(computed.flagged.map((e) => [e.entity.id, e.reasons]));
    const changed = await rulesStore.writeFocusReasons(trx, scope, unit.path, reasons);
    const evaluated = await rulesStore.countEntities(trx, scope, unit.path);
    const result = { asOf, unitId: unit.id, evaluated, focusCount: computed.flagged.length, changed, countsByReason };
    await appendAudit(trx, actor, {
      action: 'rules.focusRefreshed',
      targetType: 'unit',
      targetId: unit.id,
      unitPath: unit.path,
      summary: { ...result, ruleSets: effectiveRuleSets(sets, asOf).map((s) => `${s.ruleSet.id}@${s.ruleSet.version}`) },
    });
    return result;
  });
}

// ---------------------------------------------------------------------------------------------

async function resolveUnit(db: DbOrTx, scope: UnitScope, q: { unitId?: string; regionCode?: string }): Promise<units.UnitRow> {
  const unit = q.unitId
    ? await units.findInScope(db, scope, q.unitId)
    : q.regionCode
      ? await units.findByRegionCodeInScope(db, scope, q.regionCode)
      : await units.findInScope(db, scope, scope.unitId);
  if (!unit) throw new AppError('NOT_FOUND', 'unit not found', { fields: [{ path: q.unitId ? 'unitId' : 'regionCode', message: 'unit not found' }] });
  return unit;
}

function criteriaOf(effective: readonly LoadedRuleSet[]): FocusCriterionInfo[] {
  return effective.flatMap((s) =>
    (s.focusCriteria ?? []).map((c) => ({ id: c.id, kind: c.kind, ruleSet: ruleSetRef(s), citation: c.citation, text: c.text, windowYears: c.windowYears })),
  );
}

const reasonsOf = (flags: readonly FocusFlag[]): string[] => [...new Set(flags.map((f) => f.criterionId))].sort();

/**
 * SQL that finds every entity which could meet a criterion in force (a record inside the
 * window, with two days' slack for 29 February); rules decide exactly. Entities with no such
 * record cannot be focus entities, so large registries are not loaded whole.
 */
export function candidateFilter(effective: readonly LoadedRuleSet[], asOf: string): rulesStore.FocusCandidateFilter {
  const since = (windowYears: number | null) => (windowYears === null ? null : addDays(addYears(asOf, -windowYears), -2));
  const filter: rulesStore.FocusCandidateFilter = { servicesSince: [], history: [] };
  for (const c of effective.flatMap((s) => s.focusCriteria ?? [])) {
    switch (c.kind) {
      case 'newService':
        filter.servicesSince.push(since(c.windowYears)!);
        break;
      case 'incidentOrCase':
        filter.history.push({ kinds: ['incident', 'case'], since: since(c.windowYears), statuses: c.incidentStatuses });
        break;
      case 'policePenalty':
        filter.history.push({ kinds: ['penalty'], since: since(c.windowYears), authorities: c.authorities, categories: c.penaltyCategories });
        break;
    }
  }
  return filter;
}

async function computeFocus(db: DbOrTx, scope: UnitScope, subtreePath: string, sets: readonly LoadedRuleSet[], asOf: string): Promise<{ flagged: FocusEntity[] }> {
  const filter = candidateFilter(effectiveRuleSets(sets, asOf), asOf);
  const flagged: FocusEntity[] = [];
  let afterId: string | null = null;
  const batch = 500;
  for (;;) {
    const rows = await rulesStore.focusCandidates(db, scope, subtreePath, filter, asOf, { afterId, limit: batch });
    if (rows.length === 0) break;
    const facts = await rulesStore.loadFactsBatch(db, scope, rows.map((r) => r.id));
    for (const entity of rows) {
      const f = facts.get(entity.id);
      if (!f) continue;
      const flags = focusFlags(f, sets, asOf);
      if (flags.length > 0) flagged.push({ entity, reasons: reasonsOf(flags), flags });
    }
    if (rows.length < batch) break;
    afterId = rows[rows.length - 1]!.id;
  }
  return { flagged };
}
