import { AppError } from '../domain/errors';
import { effectiveRuleSets, ruleSetRef } from './effective';
import type {
  Bilingual,
  Citation,
  Confidence,
  FineRange,
  LoadedRuleSet,
  PenaltySubject,
  PenaltyTierName,
  PenaltyTopic,
  PenaltyMeasure,
  RuleSetRef,
} from './schema';

export type PenaltyRange = {
  topicKey: string;
  /** The law version in force on the violation date, e.g. CSL 2016.1 or 2025.1. */
  ruleSet: RuleSetRef;
  document: Bilingual;
  citation: Citation;
  alsoCites: Citation[];
  tier: PenaltyTierName;
  subject: PenaltySubject;
  measures: PenaltyMeasure[];
  entity: FineRange | null;
  persons: FineRange | null;
  confidence: Confidence;
  note: Bilingual | null;
};

/**
 * The article and fine ranges for a penalty topic (CSL-PEN-MLPS…) in the version in force on
 * the violation date. NOT_FOUND when no version in force defines the topic; RULE_VIOLATION when
 * that version has no such tier (2016 has no `serious` tier for MLPS). Whether a milder later
 * version applies at decision time (Administrative Penalty Law Art 37) is the caller's call:
 * ask again with the decision date and compare.
 */
export function penaltyRange(
  ruleSets: readonly LoadedRuleSet[],
  topicKey: string,
  violationDate: string,
  tier: PenaltyTierName,
  opts: { subject?: PenaltySubject } = {},
): PenaltyRange {
  const subject = opts.subject ?? 'operator';
  const { set, topic } = penaltyTopicAt(ruleSets, topicKey, violationDate);
  const found = topic.tiers.find((t) => t.tier === tier && t.subject === subject);
  if (!found) {
    throw new AppError('RULE_VIOLATION', `${topicKey} has no ${subject} tier ${tier} in ${set.ruleSet.id} ${set.ruleSet.version}`, {
      topicKey,
      violationDate,
      available: topic.tiers.map((t) => `${t.subject}/${t.tier}`),
    });
  }
  return {
    topicKey,
    ruleSet: ruleSetRef(set),
    document: set.ruleSet.document,
    citation: topic.citation,
    alsoCites: topic.alsoCites ?? [],
    tier,
    subject,
    measures: found.measures,
    entity: found.entity,
    persons: found.persons,
    confidence: found.confidence ?? topic.confidence,
    note: found.note ?? topic.note ?? null,
  };
}

/** The penalty topic as defined by the rule-set version in force on `date`. */
export function penaltyTopicAt(
  ruleSets: readonly LoadedRuleSet[],
  topicKey: string,
  date: string,
): { set: LoadedRuleSet; topic: PenaltyTopic } {
  for (const set of effectiveRuleSets(ruleSets, date)) {
    const topic = set.topics?.[topicKey];
    if (topic) return { set, topic };
  }
  throw new AppError('NOT_FOUND', `no penalty topic ${topicKey} in force on ${date}`, { topicKey, date });
}
