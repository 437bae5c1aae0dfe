import type { Actor } from '../access';
import { AppError } from '../errors';
import type { Tx } from '../../store/db';
import * as store from '../../store/inspections.store';
import * as rectification from '../../store/rectification.store';
import { moveInspection } from '../inspections/lifecycle';
import { autoReason } from '../audit-reasons';

/**
 * An enforcement action (talk, penalty, clue) tied to an inspection puts it in `escalated`:
 * after a re-inspection left findings unrectified, or once a deadline passed with nothing
 * reported. An inspection already escalated takes further actions as they come.
 */
export async function enterEscalation(trx: Tx, actor: Actor, inspection: store.InspectionRow, opts: { action: string; today: string; at: Date }): Promise<store.InspectionRow> {
  if (inspection.status === 'escalated') return inspection;
  if (inspection.status === 'rectificationOrdered') {
    const latest = (await rectification.noticesOfInspection(trx, inspection.id)).at(-1);
    if (!latest || latest.status !== 'issued' || latest.deadline >= opts.today) {
      throw new AppError('RULE_VIOLATION', 'escalation before the deadline needs a re-inspection first', { deadline: latest?.deadline });
    }
    return moveInspection(trx, actor, inspection, 'escalated', { reason: autoReason.deadlinePassed, summary: { action: opts.action }, at: opts.at });
  }
  return moveInspection(trx, actor, inspection, 'escalated', { summary: { action: opts.action }, at: opts.at });
}

/** Loads the inspection an action names (locked) and checks it concerns the same entity. */
export async function inspectionForAction(trx: Tx, scope: Parameters<typeof store.findInspectionForUpdate>[1], inspectionId: string, entityId: string) {
  const inspection = await store.findInspectionForUpdate(trx, scope, inspectionId);
  if (!inspection) throw new AppError('NOT_FOUND', 'inspection not found');
  if (inspection.entityId !== entityId) {
    throw new AppError('VALIDATION_FAILED', 'the inspection concerns another entity', { fields: [{ path: 'entityId', message: 'does not match the inspection' }] });
  }
  return inspection;
}
