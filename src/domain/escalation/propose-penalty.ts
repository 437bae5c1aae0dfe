import { z } from 'zod';
import { penaltyRange, ZPenaltySubject, ZPenaltyTierName, type FineRange, type PenaltyRange } from '../../rules';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import { appendAudit } from '../audit';
import { shanghaiDate } from '../dates';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import type { DbOrTx } from '../../store/db';
import * as escalation from '../../store/escalation.store';
import * as store from '../../store/inspections.store';
import * as registry from '../../store/registry.store';
import { citationText } from '../inspections/record-text';
import { ruleLibrary } from '../inspections/rule-library';
import { ZDay } from '../inspections/states';
import { enterEscalation, inspectionForAction } from './escalate';
import { ZPenaltyMeasureChoice } from './states';

const ZAmount = z.number().positive().max(1e11).multipleOf(0.01);

export const ZPenaltyTerms = z.object({
  /** Penalty topic key from the rules (CSL-PEN-MLPS…); resolved to an article by the violation date. */
  topicKey: z.string().trim().min(1).max(40),
  tier: ZPenaltyTierName,
  subject: ZPenaltySubject.default('operator'),
  violationDate: ZDay,
  /** 警告 is `warning`; a fine is `fineAmount` in yuan. */
  measures: z.array(ZPenaltyMeasureChoice).max(7).default([]),
  fineAmount: ZAmount.nullable().optional(),
  personFines: z.array(z.object({ name: z.string().trim().min(1).max(50), post: z.string().trim().max(50).nullable().optional(), amount: ZAmount })).max(20).default([]),
  facts: z.string().trim().min(2).max(10000),
  evidenceSummary: z.string().trim().max(5000).nullable().optional(),
});
export type PenaltyTerms = z.infer<typeof ZPenaltyTerms>;

export const ZProposePenaltyBody = ZPenaltyTerms.extend({
  inspectionId: z.uuid().nullable().optional(),
  entityId: z.uuid(),
  findingIds: z.array(z.uuid()).max(100).default([]),
});

function outside(range: FineRange, amount: number): boolean {
  return (range.min !== null && amount < range.min) || (range.max !== null && amount > range.max);
}

const rangeText = (r: FineRange) => `${r.min ?? 0}–${r.max ?? '∞'}`;

/**
 * Checks measures and amounts against the statutory range of the tier in the law version in
 * force on the violation date (rules module). Anything outside is RULE_VIOLATION (422).
 */
export function checkPenaltyTerms(range: PenaltyRange, terms: Pick<PenaltyTerms, 'measures' | 'fineAmount' | 'personFines'>): void {
  const problems: { path: string; message: string }[] = [];
  terms.measures.forEach((m, i) => {
    if (!range.measures.includes(m)) problems.push({ path: `measures.${i}`, message: `${m} is not a measure of this tier (${range.measures.join(', ') || 'none'})` });
  });
  const fine = terms.fineAmount ?? null;
  if (fine !== null) {
    if (!range.entity) problems.push({ path: 'fineAmount', message: 'this tier provides no fine for the entity' });
    else if (outside(range.entity, fine)) problems.push({ path: 'fineAmount', message: `outside the statutory range ${rangeText(range.entity)} yuan` });
  } else if (range.entity && !range.entity.optional && range.entity.min !== null) {
    problems.push({ path: 'fineAmount', message: `this tier requires a fine of ${rangeText(range.entity)} yuan` });
  }
  terms.personFines.forEach((p, i) => {
    if (!range.persons) problems.push({ path: `personFines.${i}.amount`, message: 'this tier provides no fine for responsible persons' });
    else if (outside(range.persons, p.amount)) problems.push({ path: `personFines.${i}.amount`, message: `outside the statutory range ${rangeText(range.persons)} yuan` });
  });
  if (terms.measures.length === 0 && fine === null) problems.push({ path: 'measures', message: 'name at least a warning or a fine' });
  if (problems.length > 0) {
    throw new AppError('RULE_VIOLATION', 'the penalty is outside what the law provides for this tier', {
      fields: problems, topicKey: range.topicKey, ruleSet: range.ruleSet, entityRange: range.entity, personsRange: range.persons,
    });
  }
}

/** The range for the terms, translated so a bad topic or tier is the caller's 422, not a 500. */
export async function rangeFor(deps: Deps, terms: Pick<PenaltyTerms, 'topicKey' | 'violationDate' | 'tier' | 'subject'>, db?: DbOrTx): Promise<PenaltyRange> {
  const sets = await ruleLibrary(deps, db);
  try {
    return penaltyRange(sets, terms.topicKey, terms.violationDate, terms.tier, { subject: terms.subject });
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw new AppError('RULE_VIOLATION', err.message, err.details);
    throw err;
  }
}

export function legalBasisOf(range: PenaltyRange): Record<string, unknown> {
  return {
    topicKey: range.topicKey,
    ruleSet: range.ruleSet,
    document: range.document,
    citation: range.citation,
    citationText: citationText(range.citation),
    alsoCites: range.alsoCites,
    tier: range.tier,
    subject: range.subject,
    measures: range.measures,
    entityRange: range.entity,
    personsRange: range.persons,
    confidence: range.confidence,
    note: range.note,
  };
}

/**
 * An inspector proposes an administrative penalty (a warning is one too) with its legal basis
 * from the penalty mapping at the violation date; amounts must lie within the tier's range.
 */
export async function proposePenalty(deps: Deps, actor: Actor, input: z.infer<typeof ZProposePenaltyBody> & { isDemo?: boolean }) {
  requirePermission(actor, 'escalation.propose');
  const scope = requireUnitScope(actor);
  const now = deps.now();
  const today = shanghaiDate(now);
  if (input.violationDate > today) throw new AppError('VALIDATION_FAILED', 'the violation date is in the future', { fields: [{ path: 'violationDate', message: `after ${today}` }] });
  const range = await rangeFor(deps, input);
  checkPenaltyTerms(range, input);
  return deps.db.transaction().execute(async (trx) => {
    const entity = await registry.findInScope(trx, scope, input.entityId);
    if (!entity) throw new AppError('NOT_FOUND', 'entity not found');
    const inspection = input.inspectionId ? await inspectionForAction(trx, scope, input.inspectionId, entity.id) : null;
    if (input.findingIds.length > 0) {
      const findings = inspection ? await store.findingsOf(trx, inspection.id) : [];
      if (input.findingIds.some((id) => !findings.some((f) => f.id === id && f.category === 'violation'))) {
        throw new AppError('VALIDATION_FAILED', 'findings must be violations of the inspection', { fields: [{ path: 'findingIds', message: 'not a violation of this inspection' }] });
      }
    }
    const penalty = await escalation.insertPenalty(trx, {
      inspectionId: inspection?.id ?? null,
      entityId: entity.id,
      unitId: inspection?.unitId ?? scope.unitId,
      unitPath: inspection?.unitPath ?? scope.unitPath,
      findingIds: input.findingIds,
      topicKey: input.topicKey,
      tier: input.tier,
      subject: input.subject,
      violationDate: input.violationDate,
      legalBasis: legalBasisOf(range),
      measures: input.measures,
      fineAmount: input.fineAmount ?? null,
      personFines: input.personFines,
      facts: input.facts,
      evidenceSummary: input.evidenceSummary ?? null,
      proposedBy: actor.userId,
      isDemo: input.isDemo ?? false,
    });
    await appendAudit(trx, actor, {
      action: 'penalty.proposed', targetType: 'penalty', targetId: penalty.id, to: 'proposed', unitPath: penalty.unitPath,
      summary: { inspectionId: penalty.inspectionId, entityId: entity.id, topicKey: input.topicKey, tier: input.tier, ruleSet: `${range.ruleSet.id}@${range.ruleSet.version}`, measures: input.measures, fineAmount: input.fineAmount ?? null },
    });
    if (inspection) await enterEscalation(trx, actor, inspection, { action: 'penalty', today, at: now });
    return penalty;
  });
}
