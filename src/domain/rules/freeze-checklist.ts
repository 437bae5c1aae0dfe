import { z } from 'zod';
import { requirePermission, scopeOf, type Actor } from '../access';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { contentHashOf } from '../../lib/canonical';
import {
  applicableItems,
  ZCalendarDay,
  ZInspectionMode,
  ZInspectionType,
  type Bilingual,
  type Citation,
  type Confidence,
  type InspectionMode,
  type InspectionType,
  type ItemKind,
  type MatchedClause,
  type ParameterValue,
  type RuleSetRef,
  type RuleWarning,
  type Severity,
} from '../../rules';
import type { DbOrTx } from '../../store/db';
import * as registry from '../../store/registry.store';
import { parseInput, ruleLibrary, setsOf } from './library';

export const ZFreezeChecklistInput = z.object({
  entityId: z.uuid(),
  asOf: ZCalendarDay,
  inspectionType: ZInspectionType,
  mode: ZInspectionMode,
  /** Within a national major cybersecurity protection task (Order 151 Art 12). */
  majorSecurityTask: z.boolean().optional(),
  /** Apply draft sets too (Order 176 before its text is confirmed); off unless asked. */
  includeDraft: z.boolean().optional(),
});
export type FreezeChecklistInput = z.infer<typeof ZFreezeChecklistInput>;

/**
 * One checklist line as frozen: a copy of the rule item with the reason it applies. The keys of
 * inspections' ItemSnapshotJson (text, citation, severity, penaltyTopic, evidenceExpected,
 * reason, confidence) are all here, so `snapshot` can be stored as is.
 */
export type ChecklistItemSnapshot = {
  kind: ItemKind;
  text: Bilingual;
  citation: Citation;
  severity: Severity;
  penaltyTopic: string | null;
  evidenceExpected: Bilingual;
  reason: string;
  matched: MatchedClause;
  confidence: Confidence;
  /** Order 151 Art 12: stressed in a special inspection. */
  emphasised: boolean;
  parameters: Record<string, ParameterValue> | null;
  standards: string[] | null;
  note: Bilingual | null;
};

export type FrozenChecklistItem = {
  seq: number;
  itemKey: string;
  ruleSet: RuleSetRef;
  snapshot: ChecklistItemSnapshot;
};

export type FrozenChecklist = {
  entityId: string;
  asOf: string;
  inspectionType: InspectionType;
  mode: InspectionMode;
  majorSecurityTask: boolean;
  /** The rule-set versions used: store these on the inspection. */
  ruleSets: RuleSetRef[];
  items: FrozenChecklistItem[];
  warnings: RuleWarning[];
  /** SHA-256 of the canonical JSON of ruleSets and items: the same inputs give the same hash. */
  snapshotHash: string;
};

/**
 * The checklist for one entity and one inspection, computed from the rule-set versions stored
 * in the database and in force on `asOf`, with each item's reason and citation. The caller (the
 * inspections module) stores the result; later imports add versions and never change it.
 * Reads only, so it doubles as the preview. Pass the caller's transaction as `db` when calling
 * inside one (PGlite has a single connection).
 */
export async function freezeChecklist(deps: Deps, actor: Actor, input: FreezeChecklistInput, db: DbOrTx = deps.db): Promise<FrozenChecklist> {
  // Entity data: no console-operator exception here, the actor's own scope decides.
  requirePermission(actor, 'rules.read');
  const parsed = parseInput(ZFreezeChecklistInput, input);
  const scope = scopeOf(actor);
  const facts = await registry.loadEntityFacts(db, scope, parsed.entityId);
  if (!facts) throw new AppError('NOT_FOUND', 'entity not found');
  const library = await ruleLibrary(deps, db);
  const result = applicableItems(facts, setsOf(library), parsed.asOf, {
    inspectionType: parsed.inspectionType,
    mode: parsed.mode,
    majorSecurityTask: parsed.majorSecurityTask,
    includeDraft: parsed.includeDraft,
  });
  const items = result.items.map((a, i): FrozenChecklistItem => {
    const { item } = a;
    // The schema requires a severity on check items; scope and procedure items never reach here.
    if (item.severity === null) throw new Error(`${item.id} has no severity`);
    return {
      seq: i + 1,
      itemKey: item.id,
      ruleSet: a.ruleSet,
      snapshot: {
        kind: item.kind,
        text: item.text,
        citation: item.citation,
        severity: item.severity,
        penaltyTopic: item.penaltyTopic,
        evidenceExpected: item.evidenceExpected,
        reason: a.reason,
        matched: a.matched,
        confidence: item.confidence,
        emphasised: parsed.inspectionType === 'special' && item.emphasisedInSpecial === true,
        parameters: item.parameters ?? null,
        standards: item.standards ?? null,
        note: item.note ?? null,
      },
    };
  });
  return {
    entityId: parsed.entityId,
    asOf: parsed.asOf,
    inspectionType: parsed.inspectionType,
    mode: parsed.mode,
    majorSecurityTask: parsed.majorSecurityTask === true,
    ruleSets: result.ruleSets,
    items,
    warnings: result.warnings,
    snapshotHash: contentHashOf({ ruleSets: result.ruleSets, items }),
  };
}
