import { z } from 'zod';
import type { EntityFocus, FocusList, FrozenChecklist, ImportRuleSetResult } from '../../domain/rules';
import {
  ZBilingual,
  ZCitation,
  ZConfidence,
  ZFocusCriterion,
  ZInspectionMode,
  ZInspectionType,
  ZItemKind,
  ZParameterValue,
  ZPenaltyMeasure,
  ZPenaltySubject,
  ZPenaltyTierName,
  ZPenaltyTopic,
  ZRuleItem,
  ZRuleSet,
  ZSeverity,
  type RuleSetDiff,
} from '../../rules';
import type { RuleSetVersionHead } from '../../store/rules.store';

/** Rule-set views: the rule data is the law's text, shown as stored (no personal data here). */

export const ZRuleSetRefView = z.object({ id: z.string(), version: z.string(), contentHash: z.string() });

export const ZRuleWarningView = z.object({
  code: z.enum(['possiblySuperseded', 'draftRuleSet']),
  ruleSet: ZRuleSetRefView,
  successor: z.string().optional(),
  since: z.string().optional(),
  message: ZBilingual,
});

export const ZVersionHeadView = z.object({
  id: z.string(),
  ruleSetId: z.string(),
  version: z.string(),
  contentHash: z.string(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  status: z.enum(['final', 'draft']),
  source: z.enum(['shipped', 'import']),
  importedBy: z.string().nullable(),
  importedByName: z.string(),
  importedAt: z.string(),
});
export type VersionHeadView = z.infer<typeof ZVersionHeadView>;

export function presentHead(h: RuleSetVersionHead): VersionHeadView {
  return { ...h, importedAt: h.importedAt.toISOString() };
}

export const ZRuleSetListView = z.object({
  asOf: z.string(),
  sets: z.array(
    z.object({
      id: z.string(),
      document: ZBilingual,
      number: z.string().nullable(),
      issuer: ZBilingual,
      governingVersion: z.string().nullable(),
      versions: z.array(
        ZVersionHeadView.extend({
          confidence: z.string(),
          itemCount: z.number().int(),
          focusCriteriaCount: z.number().int(),
          topicCount: z.number().int(),
          governing: z.boolean(),
          inForce: z.boolean(),
        }),
      ),
    }),
  ),
  warnings: z.array(ZRuleWarningView),
});

export const ZRuleSetVersionView = ZVersionHeadView.extend({
  ruleSet: ZRuleSet,
  /** Items matching the query's filters; `itemTotal` counts all items of the version. */
  items: z.array(ZRuleItem),
  itemTotal: z.number().int(),
  focusCriteria: z.array(ZFocusCriterion),
  topics: z.record(z.string(), ZPenaltyTopic),
});

const ZFieldChangeView = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });
const keyed = <T extends z.ZodType>(item: T) =>
  z.object({ added: z.array(item), removed: z.array(item), changed: z.array(z.object({ id: z.string(), changes: z.array(ZFieldChangeView) })) });

export const ZRuleSetDiffView = z.object({
  from: z.object({ id: z.string(), version: z.string() }),
  to: z.object({ id: z.string(), version: z.string() }),
  fromHash: z.string(),
  toHash: z.string(),
  ruleSet: z.array(ZFieldChangeView),
  items: keyed(ZRuleItem),
  focusCriteria: keyed(ZFocusCriterion),
  topics: keyed(z.object({ key: z.string(), topic: ZPenaltyTopic })),
  identical: z.boolean(),
});

export function presentDiff(d: RuleSetDiff & { fromHash: string; toHash: string }): z.infer<typeof ZRuleSetDiffView> {
  return d;
}

export const ZImportResultView = z.object({
  status: z.enum(['created', 'unchanged']),
  version: ZVersionHeadView,
  previous: z.object({ version: z.string(), added: z.number().int(), removed: z.number().int(), changed: z.number().int(), headerChanged: z.boolean() }).nullable(),
});

export function presentImport(r: ImportRuleSetResult): z.infer<typeof ZImportResultView> {
  return { status: r.status, version: presentHead(r.version), previous: r.previous };
}

const ZMatchedClauseView = z.object({
  entityKinds: z.union([z.literal('all'), z.array(z.string())]),
  serviceTypes: z.array(z.string()),
  conditions: z.array(z.string()),
});

export const ZChecklistView = z.object({
  entityId: z.string(),
  asOf: z.string(),
  inspectionType: ZInspectionType,
  mode: ZInspectionMode,
  majorSecurityTask: z.boolean(),
  ruleSets: z.array(ZRuleSetRefView),
  items: z.array(
    z.object({
      seq: z.number().int(),
      itemKey: z.string(),
      ruleSet: ZRuleSetRefView,
      snapshot: z.object({
        kind: ZItemKind,
        text: ZBilingual,
        citation: ZCitation,
        severity: ZSeverity,
        penaltyTopic: z.string().nullable(),
        evidenceExpected: ZBilingual,
        reason: z.string(),
        matched: ZMatchedClauseView,
        confidence: ZConfidence,
        emphasised: z.boolean(),
        parameters: z.record(z.string(), ZParameterValue).nullable(),
        standards: z.array(z.string()).nullable(),
        note: ZBilingual.nullable(),
      }),
    }),
  ),
  warnings: z.array(ZRuleWarningView),
  snapshotHash: z.string(),
});

export function presentChecklist(c: FrozenChecklist): z.infer<typeof ZChecklistView> {
  return c;
}

const ZTriggerView = z.object({
  kind: z.enum(['service', 'incident', 'case', 'penalty']),
  id: z.string(),
  date: z.string(),
  until: z.string().nullable(),
});

const ZFocusFlagView = z.object({
  criterionId: z.string(),
  kind: z.enum(['newService', 'incidentOrCase', 'policePenalty']),
  ruleSet: ZRuleSetRefView,
  citation: ZCitation,
  text: ZBilingual,
  confidence: ZConfidence,
  windowYears: z.number().int().nullable(),
  triggers: z.array(ZTriggerView),
  until: z.string().nullable(),
});

const ZTriggerRecordView = z.union([
  z.object({ kind: z.literal('service'), type: z.string(), startDate: z.string(), endDate: z.string().nullable() }),
  z.object({
    kind: z.enum(['incident', 'case', 'penalty']),
    occurredOn: z.string(),
    category: z.string(),
    severity: z.string().nullable(),
    status: z.string().nullable(),
    caseKind: z.string().nullable(),
    authority: z.string().nullable(),
    decisionNumber: z.string().nullable(),
    description: z.string().nullable(),
  }),
]);

export const ZEntityFocusView = z.object({
  entityId: z.string(),
  asOf: z.string(),
  isFocus: z.boolean(),
  reasons: z.array(z.string()),
  flags: z.array(ZFocusFlagView.extend({ triggers: z.array(ZTriggerView.extend({ record: ZTriggerRecordView.nullable() })) })),
  ruleSets: z.array(ZRuleSetRefView),
  warnings: z.array(ZRuleWarningView),
});

export function presentEntityFocus(f: EntityFocus): z.infer<typeof ZEntityFocusView> {
  return f;
}

export const ZFocusListView = z.object({
  asOf: z.string(),
  unit: z.object({ id: z.string(), name: z.string(), regionCode: z.string() }),
  evaluated: z.number().int(),
  focusCount: z.number().int(),
  countsByReason: z.record(z.string(), z.number().int()),
  criteria: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['newService', 'incidentOrCase', 'policePenalty']),
      ruleSet: ZRuleSetRefView,
      citation: ZCitation,
      text: ZBilingual,
      windowYears: z.number().int().nullable(),
    }),
  ),
  items: z.array(
    z.object({
      entity: z.object({
        id: z.string(),
        name: z.string(),
        uscc: z.string(),
        unitId: z.string(),
        kind: z.string(),
        type: z.string(),
        status: z.string(),
        regionCode: z.string(),
        /** As last written by a refresh (null: never evaluated); `reasons` is computed for asOf. */
        storedReasons: z.array(z.string()).nullable(),
      }),
      reasons: z.array(z.string()),
      flags: z.array(ZFocusFlagView),
    }),
  ),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  ruleSets: z.array(ZRuleSetRefView),
  warnings: z.array(ZRuleWarningView),
});

export function presentFocusList(l: FocusList): z.infer<typeof ZFocusListView> {
  return {
    ...l,
    items: l.items.map(({ entity, reasons, flags }) => ({
      entity: {
        id: entity.id, name: entity.name, uscc: entity.uscc, unitId: entity.unitId, kind: entity.kind, type: entity.type,
        status: entity.status, regionCode: entity.regionCode, storedReasons: entity.focusReasons,
      },
      reasons,
      flags,
    })),
  };
}

export const ZRefreshFocusView = z.object({
  asOf: z.string(),
  unitId: z.string(),
  evaluated: z.number().int(),
  focusCount: z.number().int(),
  changed: z.number().int(),
  countsByReason: z.record(z.string(), z.number().int()),
});

const ZFineRangeView = z.object({
  min: z.number().nullable(),
  max: z.number().nullable(),
  optional: z.boolean().optional(),
  gainsMultiple: z.object({ min: z.number(), max: z.number() }).optional(),
  turnoverPercentMax: z.number().optional(),
});

export const ZPenaltyRangeView = z.object({
  topicKey: z.string(),
  ruleSet: ZRuleSetRefView,
  document: ZBilingual,
  citation: ZCitation,
  alsoCites: z.array(ZCitation),
  tier: ZPenaltyTierName,
  subject: ZPenaltySubject,
  measures: z.array(ZPenaltyMeasure),
  entity: ZFineRangeView.nullable(),
  persons: ZFineRangeView.nullable(),
  confidence: ZConfidence,
  note: ZBilingual.nullable(),
  warnings: z.array(ZRuleWarningView),
});
