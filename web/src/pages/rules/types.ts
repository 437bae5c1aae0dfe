// API views of the rules module (src/http/presenters/rules.ts), as the server presents them.
import type { Bilingual, Citation, FocusCriterion, PenaltyTopic, RuleItem, RuleSet } from '../../../../src/rules/schema';

export type { Bilingual, Citation, FocusCriterion, PenaltyTopic, RuleItem, RuleSet };

export type RuleSetRef = { id: string; version: string; contentHash: string };
export type RuleWarning = { code: 'possiblySuperseded' | 'draftRuleSet'; ruleSet: RuleSetRef; successor?: string; since?: string; message: Bilingual };

export type VersionHead = {
  id: string;
  ruleSetId: string;
  version: string;
  contentHash: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  status: 'final' | 'draft';
  source: 'shipped' | 'import';
  importedBy: string | null;
  importedByName: string;
  importedAt: string;
};

export type RuleSetListView = {
  asOf: string;
  sets: {
    id: string;
    document: Bilingual;
    number: string | null;
    issuer: Bilingual;
    governingVersion: string | null;
    versions: (VersionHead & { confidence: string; itemCount: number; focusCriteriaCount: number; topicCount: number; governing: boolean; inForce: boolean })[];
  }[];
  warnings: RuleWarning[];
};

export type RuleSetVersionView = VersionHead & {
  ruleSet: RuleSet;
  items: RuleItem[];
  itemTotal: number;
  focusCriteria: FocusCriterion[];
  topics: Record<string, PenaltyTopic>;
};

export type FieldChange = { path: string; before: unknown; after: unknown };
export type KeyedDiff<T> = { added: T[]; removed: T[]; changed: { id: string; changes: FieldChange[] }[] };
export type RuleSetDiffView = {
  from: { id: string; version: string };
  to: { id: string; version: string };
  fromHash: string;
  toHash: string;
  ruleSet: FieldChange[];
  items: KeyedDiff<RuleItem>;
  focusCriteria: KeyedDiff<FocusCriterion>;
  topics: KeyedDiff<{ key: string; topic: PenaltyTopic }>;
  identical: boolean;
};

export type ImportResultView = {
  status: 'created' | 'unchanged';
  version: VersionHead;
  previous: { version: string; added: number; removed: number; changed: number; headerChanged: boolean } | null;
};

export type FocusKind = 'newService' | 'incidentOrCase' | 'policePenalty';
export type FocusTrigger = { kind: 'service' | 'incident' | 'case' | 'penalty'; id: string; date: string; until: string | null };
export type FocusFlagView = {
  criterionId: string;
  kind: FocusKind;
  ruleSet: RuleSetRef;
  citation: Citation;
  text: Bilingual;
  confidence: string;
  windowYears: number | null;
  triggers: FocusTrigger[];
  until: string | null;
};

export type TriggerRecord =
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

export type EntityFocusView = {
  entityId: string;
  asOf: string;
  isFocus: boolean;
  reasons: string[];
  flags: (Omit<FocusFlagView, 'triggers'> & { triggers: (FocusTrigger & { record: TriggerRecord | null })[] })[];
  ruleSets: RuleSetRef[];
  warnings: RuleWarning[];
};

export type FocusEntityView = {
  entity: { id: string; name: string; uscc: string; unitId: string; kind: string; type: string; status: string; regionCode: string; storedReasons: string[] | null };
  reasons: string[];
  flags: FocusFlagView[];
};

export type FocusListView = {
  asOf: string;
  unit: { id: string; name: string; regionCode: string };
  evaluated: number;
  focusCount: number;
  countsByReason: Record<string, number>;
  criteria: { id: string; kind: FocusKind; ruleSet: RuleSetRef; citation: Citation; text: Bilingual; windowYears: number | null }[];
  items: FocusEntityView[];
  total: number;
  limit: number;
  offset: number;
  ruleSets: RuleSetRef[];
  warnings: RuleWarning[];
};

export type RefreshFocusView = { asOf: string; unitId: string; evaluated: number; focusCount: number; changed: number; countsByReason: Record<string, number> };
