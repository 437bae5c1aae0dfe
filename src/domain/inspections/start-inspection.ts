import { z } from 'zod';
import type { InspectionType } from '../../rules';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import { shanghaiDate } from '../dates';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { freezeChecklist } from '../rules';
import * as store from '../../store/inspections.store';
import type { ItemSnapshotJson } from '../../store/tables/inspections';
import { assertTeamMember, lockInspection, moveInspection } from './lifecycle';
import type { InspectionMode } from './states';

export const ZStartInspectionBody = z.object({
  place: z.string().trim().min(1).max(200).optional(),
  startedAt: z.iso.datetime().optional(),
  /** Remote detection with an entrusted agency: the agency and the staff who take part (they sign the record). */
  agencyId: z.uuid().nullable().optional(),
  agencyStaffIds: z.array(z.uuid()).max(20).optional(),
});

/**
 * A team member starts checking: the rules module's `freezeChecklist` computes the checklist
 * from the entity's facts and the rule-set versions stored in the database in force on today's
 * Shanghai date; it is frozen into the inspection with those versions (id, version, content
 * hash). Later imports add versions and never touch it.
 */
export async function startInspection(deps: Deps, actor: Actor, input: z.infer<typeof ZStartInspectionBody> & { inspectionId: string }) {
  requirePermission(actor, 'inspection.record');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const inspection = await lockInspection(trx, scope, input.inspectionId);
    assertTeamMember(actor, inspection);
    if (inspection.status !== 'notified') {
      throw new AppError('INVALID_STATE', `cannot go from ${inspection.status} to inProgress`, { from: inspection.status, to: 'inProgress' });
    }
    const staffIds = [...new Set(input.agencyStaffIds ?? [])];
    if (staffIds.length > 0 || input.agencyId) {
      if (inspection.mode !== 'remote') throw new AppError('RULE_VIOLATION', 'only remote detection involves an agency', { fields: [{ path: 'agencyId', message: 'on-site inspection' }] });
      if (!input.agencyId) throw new AppError('VALIDATION_FAILED', 'name the agency of the staff', { fields: [{ path: 'agencyId', message: 'required with agencyStaffIds' }] });
      const staff = await store.usersByIds(trx, staffIds);
      const bad = staffIds.filter((id) => !staff.some((u) => u.id === id && u.kind === 'agency' && u.agencyId === input.agencyId && u.status === 'active'));
      if (bad.length > 0) throw new AppError('RULE_VIOLATION', 'agency staff must be active accounts of that agency', { fields: bad.map((id) => ({ path: 'agencyStaffIds', message: id })) });
    }
    const now = deps.now();
    const asOf = shanghaiDate(now);
    // The rules module evaluates the stored rule-set versions in force today (inside this
    // transaction: PGlite has one connection) and returns the frozen lines to store.
    const checklist = await freezeChecklist(
      deps,
      actor,
      { entityId: inspection.entityId, asOf, inspectionType: inspection.type as InspectionType, mode: inspection.mode as InspectionMode, majorSecurityTask: inspection.type === 'special' },
      trx,
    );
    if (checklist.items.length === 0) throw new AppError('RULE_VIOLATION', 'no checklist item applies to this entity on this day');
    await store.insertItems(
      trx,
      checklist.items.map(({ seq, itemKey, ruleSet, snapshot }) => ({
        inspectionId: inspection.id,
        unitPath: inspection.unitPath,
        seq,
        itemKey,
        ruleSetId: ruleSet.id,
        ruleSetVersion: ruleSet.version,
        snapshot: snapshot satisfies ItemSnapshotJson,
      })),
    );
    return moveInspection(trx, actor, inspection, 'inProgress', {
      summary: { items: checklist.items.length, ruleSets: checklist.ruleSets.map((r) => `${r.id}@${r.version}`), asOf, snapshotHash: checklist.snapshotHash },
      changes: {
        startedAt: input.startedAt ? new Date(input.startedAt) : now,
        place: input.place ?? inspection.place,
        checklistAsOf: asOf,
        ruleSets: checklist.ruleSets,
        ruleWarnings: checklist.warnings,
        agencyId: input.agencyId ?? null,
        agencyStaffIds: staffIds,
      },
      at: now,
    });
  });
}
