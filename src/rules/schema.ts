import { z } from 'zod';

/**
 * The format of a rule-set file (src/rules/sets/*.json, or an imported file). Every object is
 * strict and nothing has a default, so the parsed value is exactly the file's content and its
 * content hash does not change when this schema gains an optional field.
 */

/** A calendar day in Asia/Shanghai, 'YYYY-MM-DD' (effective dates, service start, incidents). */
export const ZCalendarDay = z.iso.date();

export const ZEntityKind = z.enum(['serviceProvider', 'networkUser']);
export type EntityKind = z.infer<typeof ZEntityKind>;

export const ZServiceType = z.enum(['access', 'idc', 'cdn', 'dns', 'icp', 'publicAccess', 'other']);
export type ServiceType = z.infer<typeof ZServiceType>;

export const ZIcpFeature = z.enum(['news', 'publishing', 'bbs', 'portal', 'ecommerce', 'email', 'sms', 'appStore']);
export type IcpFeature = z.infer<typeof ZIcpFeature>;

export const ZInspectionType = z.enum(['routine', 'focus', 'special', 'adHoc']);
export type InspectionType = z.infer<typeof ZInspectionType>;

export const ZInspectionMode = z.enum(['onSite', 'remote']);
export type InspectionMode = z.infer<typeof ZInspectionMode>;

/** Default severity of a finding on the item: our suggestion, not the law's. */
export const ZSeverity = z.enum(['H', 'M', 'L']);
export type Severity = z.infer<typeof ZSeverity>;

/** How sure we are of the text: seed document, verified article text, press paraphrase, or recollection. */
export const ZConfidence = z.enum(['seed', 'verified', 'paraphrase', 'unverified']);
export type Confidence = z.infer<typeof ZConfidence>;

export const ZRuleSetStatus = z.enum(['final', 'draft']);
export type RuleSetStatus = z.infer<typeof ZRuleSetStatus>;

/**
 * `check`: a checklist line. `scope`: says who is inspected (Order 151 Art 9), never a checklist
 * line. `procedure`: binds the police (Order 82 Art 16), enforced by workflows, not checked.
 */
export const ZItemKind = z.enum(['check', 'scope', 'procedure']);
export type ItemKind = z.infer<typeof ZItemKind>;

/** Incident status as the focus criteria see it: only `confirmed` incidents count for F2. */
export const ZIncidentFactStatus = z.enum(['reported', 'confirmed', 'dismissed']);
export type IncidentFactStatus = z.infer<typeof ZIncidentFactStatus>;

export const ZPenaltyAuthority = z.enum(['police', 'other']);
export type PenaltyAuthority = z.infer<typeof ZPenaltyAuthority>;

export const ZPenaltyCategory = z.enum(['cybersecurityDuty', 'other']);
export type PenaltyCategory = z.infer<typeof ZPenaltyCategory>;

/**
 * Penalty tiers, rising: `first` (first instance), `refusalOrHarm` (refuses to correct, or harm
 * results; for some articles "or serious"), `serious`, `especiallySerious`.
 */
export const ZPenaltyTierName = z.enum(['first', 'refusalOrHarm', 'serious', 'especiallySerious']);
export type PenaltyTierName = z.infer<typeof ZPenaltyTierName>;

/** Whom a tier addresses: any network operator, or a critical information infrastructure operator. */
export const ZPenaltySubject = z.enum(['operator', 'cii']);
export type PenaltySubject = z.infer<typeof ZPenaltySubject>;

export const ZPenaltyMeasure = z.enum([
  'correctionOrder', 'warning', 'publicNotice', 'confiscation', 'suspension', 'siteClosure', 'licenceRevocation', 'disconnection',
]);
export type PenaltyMeasure = z.infer<typeof ZPenaltyMeasure>;

export const ZBilingual = z.strictObject({ zh: z.string().trim().min(1), en: z.string().trim().min(1) });
export type Bilingual = z.infer<typeof ZBilingual>;

const ZDocumentKey = z.string().regex(/^[A-Z][A-Z0-9]*$/, 'a document key such as O151, O82, CSL');
const ZNumeral = z.string().regex(/^[1-9]\d*$/, 'a positive number written as digits');

/**
 * Ids of items, focus criteria and penalty topics: `<DOC>-A<article>[-<clause>|-P<paragraph>|-F<n>]`
 * (O151-A10-3, O151-A12-P2, O151-A9-F1, O33-A21) or a documented key (MLPS-EVAL, CSL-LOG,
 * CSL-PEN-MLPS, O176-ANNUAL). The part before the first '-' is the rule set's id.
 */
export const ZRuleKey = z.string().regex(
  /^[A-Z][A-Z0-9]*-(A[1-9]\d*(-([1-9]\d*|[PF][1-9]\d*))?|[A-Z][A-Z0-9]*(-[A-Z][A-Z0-9]*)*)$/,
  'a rule key such as O151-A10-3 or CSL-LOG',
);

/** Where an item comes from. `article` is null only when the article is unknown (paraphrased sources). */
export const ZCitation = z.strictObject({
  document: ZDocumentKey,
  article: ZNumeral.nullable(),
  paragraph: ZNumeral.optional(),
  clause: ZNumeral.nullable(),
});
export type Citation = z.infer<typeof ZCitation>;

const flagConditions = ['usesNat', 'providesPublicInfoService', 'keepsRecords', 'isCii', 'isCounterTerrorTarget', 'majorSecurityTask'] as const;
export type FlagCondition = (typeof flagConditions)[number];

export type ParsedCondition =
  | { kind: 'flag'; flag: FlagCondition }
  | { kind: 'icpFeature'; features: IcpFeature[] }
  | { kind: 'mlpsLevelAtLeast'; level: number };

/**
 * Conditions in `appliesTo` are short strings: a flag (`usesNat`, `providesPublicInfoService`,
 * `keepsRecords`, `isCii`, `isCounterTerrorTarget`, `majorSecurityTask`), `icpFeature:news|bbs`
 * (an ICP service with any of the features) or `mlpsLevel>=3`. Returns null for anything else.
 */
export function parseCondition(text: string): ParsedCondition | null {
  if ((flagConditions as readonly string[]).includes(text)) {
    return { kind: 'flag', flag: text as FlagCondition };
  }
  const feature = /^icpFeature:(.+)$/.exec(text);
  if (feature?.[1] !== undefined) {
    const parsed = feature[1].split('|').map((f) => ZIcpFeature.safeParse(f));
    const features = parsed.flatMap((p) => (p.success ? [p.data] : []));
    return features.length === parsed.length ? { kind: 'icpFeature', features } : null;
  }
  const level = /^mlpsLevel>=([1-5])$/.exec(text);
  if (level?.[1] !== undefined) return { kind: 'mlpsLevelAtLeast', level: Number(level[1]) };
  return null;
}

export const ZCondition = z.string().refine((s) => parseCondition(s) !== null, {
  error: 'unknown condition: use a flag, icpFeature:<feature>[|<feature>…] or mlpsLevel>=<1-5>',
});

/** One clause: the entity kind matches, it provides one of `serviceTypes` (if given), and every condition holds. */
export const ZApplicability = z.strictObject({
  entityKinds: z.union([z.literal('all'), z.array(ZEntityKind).min(1)]),
  serviceTypes: z.array(ZServiceType).min(1).optional(),
  conditions: z.array(ZCondition),
});
export type Applicability = z.infer<typeof ZApplicability>;

/** A clause, or `anyOf` clauses (Order 82 Art 10: IDC providers, or networked users). */
export const ZAppliesTo = z.union([ZApplicability, z.strictObject({ anyOf: z.array(ZApplicability).min(2) })]);
export type AppliesTo = z.infer<typeof ZAppliesTo>;

/** Item parameters (retention days, intervals) that evaluators and workflows read. */
export const ZParameterValue = z.union([z.number(), z.string(), z.boolean(), z.null()]);
export type ParameterValue = z.infer<typeof ZParameterValue>;

export const ZRuleItem = z
  .strictObject({
    id: ZRuleKey,
    kind: ZItemKind,
    citation: ZCitation,
    text: ZBilingual,
    appliesTo: ZAppliesTo,
    inspectionTypes: z.array(ZInspectionType).min(1),
    modes: z.array(ZInspectionMode).min(1),
    evidenceExpected: ZBilingual,
    severity: ZSeverity.nullable(),
    penaltyTopic: ZRuleKey.nullable(),
    confidence: ZConfidence,
    emphasisedInSpecial: z.boolean().optional(),
    parameters: z.record(z.string(), ZParameterValue).optional(),
    standards: z.array(z.string().min(1)).optional(),
    note: ZBilingual.optional(),
  })
  .superRefine((item, ctx) => {
    if (item.kind === 'check' && item.severity === null) {
      ctx.addIssue({ code: 'custom', path: ['severity'], message: 'a check item needs a severity' });
    }
  });
export type RuleItem = z.infer<typeof ZRuleItem>;

const focusBase = {
  id: ZRuleKey,
  citation: ZCitation,
  text: ZBilingual,
  confidence: ZConfidence,
  note: ZBilingual.optional(),
};

/**
 * Focus-inspection criteria (Order 151 Art 9 ¶2) with their parameters. A record counts while
 * `date ≤ asOf < date + windowYears` (see focus-flags.ts); `windowYears: null` means no limit.
 */
export const ZFocusCriterion = z.discriminatedUnion('kind', [
  z.strictObject({ ...focusBase, kind: z.literal('newService'), windowYears: z.int().positive() }),
  z.strictObject({
    ...focusBase,
    kind: z.literal('incidentOrCase'),
    windowYears: z.int().positive(),
    incidentStatuses: z.array(ZIncidentFactStatus).min(1),
  }),
  z.strictObject({
    ...focusBase,
    kind: z.literal('policePenalty'),
    windowYears: z.int().positive().nullable(),
    authorities: z.array(ZPenaltyAuthority).min(1),
    penaltyCategories: z.array(ZPenaltyCategory).min(1),
  }),
]);
export type FocusCriterion = z.infer<typeof ZFocusCriterion>;

/** A fine range in yuan; null bounds are open. `optional`: the fine may be imposed (可以并处). */
export const ZFineRange = z
  .strictObject({
    min: z.number().nonnegative().nullable(),
    max: z.number().positive().nullable(),
    optional: z.boolean().optional(),
    gainsMultiple: z.strictObject({ min: z.number().positive(), max: z.number().positive() }).optional(),
    turnoverPercentMax: z.number().positive().max(100).optional(),
  })
  .refine((r) => r.min === null || r.max === null || r.min <= r.max, { error: 'min exceeds max' });
export type FineRange = z.infer<typeof ZFineRange>;

export const ZPenaltyTier = z.strictObject({
  tier: ZPenaltyTierName,
  subject: ZPenaltySubject,
  measures: z.array(ZPenaltyMeasure),
  entity: ZFineRange.nullable(),
  persons: ZFineRange.nullable(),
  confidence: ZConfidence.optional(),
  note: ZBilingual.optional(),
});
export type PenaltyTier = z.infer<typeof ZPenaltyTier>;

export const ZPenaltyTopic = z
  .strictObject({
    title: ZBilingual,
    citation: ZCitation,
    alsoCites: z.array(ZCitation).optional(),
    tiers: z.array(ZPenaltyTier).min(1),
    confidence: ZConfidence,
    note: ZBilingual.optional(),
  })
  .superRefine((topic, ctx) => {
    const seen = new Set<string>();
    topic.tiers.forEach((tier, i) => {
      const key = `${tier.subject}/${tier.tier}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['tiers', i], message: `tier ${key} appears twice` });
      seen.add(key);
    });
  });
export type PenaltyTopic = z.infer<typeof ZPenaltyTopic>;

/** Order 151 → Order 176: a successor not yet confirmed keeps this set in force, with a warning. */
export const ZSupersession = z.strictObject({
  ruleSetId: ZDocumentKey,
  effectiveFrom: ZCalendarDay,
  confirmed: z.boolean(),
  note: ZBilingual,
});
export type Supersession = z.infer<typeof ZSupersession>;

export const ZRuleSet = z
  .strictObject({
    id: ZDocumentKey,
    version: z.string().regex(/^\d{4}\.\d+(-[a-z0-9]+)?$/, 'a version such as 2018.1 or 2026.0-draft'),
    document: ZBilingual,
    number: z.string().trim().min(1).nullable(),
    issuer: ZBilingual,
    status: ZRuleSetStatus,
    effectiveFrom: ZCalendarDay,
    /** The last day in force (inclusive); null while in force. */
    effectiveTo: ZCalendarDay.nullable(),
    confidence: ZConfidence,
    supersededBy: ZSupersession.optional(),
    sources: z.array(z.string().min(1)).optional(),
    note: ZBilingual.optional(),
  })
  .superRefine((set, ctx) => {
    if (set.effectiveTo !== null && set.effectiveTo < set.effectiveFrom) {
      ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'effectiveTo is before effectiveFrom' });
    }
    const next = set.supersededBy;
    if (next?.confirmed && (set.effectiveTo === null || set.effectiveTo >= next.effectiveFrom)) {
      ctx.addIssue({
        code: 'custom',
        path: ['effectiveTo'],
        message: 'a confirmed successor needs effectiveTo before its effectiveFrom',
      });
    }
  });
export type RuleSet = z.infer<typeof ZRuleSet>;

export const ZRuleSetFile = z
  .strictObject({
    schemaVersion: z.literal(1),
    ruleSet: ZRuleSet,
    items: z.array(ZRuleItem),
    focusCriteria: z.array(ZFocusCriterion).optional(),
    topics: z.record(ZRuleKey, ZPenaltyTopic).optional(),
  })
  .superRefine((file, ctx) => {
    const setId = file.ruleSet.id;
    const seen = new Set<string>();
    const checkKey = (key: string, citation: Citation, path: (string | number)[]) => {
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path, message: `${key} appears twice` });
      seen.add(key);
      if (key.split('-')[0] !== setId) {
        ctx.addIssue({ code: 'custom', path, message: `${key} does not start with the rule set id ${setId}` });
      }
      if (citation.document !== setId) {
        ctx.addIssue({ code: 'custom', path: [...path, 'citation', 'document'], message: `cites ${citation.document}, not ${setId}` });
      }
      const mismatch = citationMismatch(key, citation);
      if (mismatch) ctx.addIssue({ code: 'custom', path: [...path, 'citation'], message: `${key}: ${mismatch}` });
    };
    file.items.forEach((item, i) => checkKey(item.id, item.citation, ['items', i, 'id']));
    file.focusCriteria?.forEach((c, i) => checkKey(c.id, c.citation, ['focusCriteria', i, 'id']));
    for (const [key, topic] of Object.entries(file.topics ?? {})) checkKey(key, topic.citation, ['topics', key]);
  });
export type RuleSetFile = z.infer<typeof ZRuleSetFile>;

/** A shipped or imported rule-set file with the SHA-256 of its canonical JSON. */
export type LoadedRuleSet = RuleSetFile & { contentHash: string };

/** What an inspection freezes: the version it used and the hash of that version's content. */
export type RuleSetRef = { id: string; version: string; contentHash: string };

// An id that spells an article must agree with its citation, so a copy-paste slip
// (O151-A10-3 citing Art 11) fails validation instead of misleading an inspector.
function citationMismatch(key: string, citation: Citation): string | null {
  const m = /^[A-Z][A-Z0-9]*-A(\d+)(?:-(?:(\d+)|P(\d+)|F\d+))?$/.exec(key);
  if (!m) return null;
  const [, article, clause, paragraph] = m;
  if (citation.article !== article) return `id names article ${article}, citation says ${citation.article}`;
  if (clause !== undefined && citation.clause !== clause) return `id names clause ${clause}, citation says ${citation.clause}`;
  if (paragraph !== undefined && citation.paragraph !== paragraph) {
    return `id names paragraph ${paragraph}, citation says ${citation.paragraph ?? 'none'}`;
  }
  return null;
}
