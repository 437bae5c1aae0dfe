import { z } from 'zod';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import { addYears } from '../dates';
import type { Deps } from '../deps';
import { assertTransition, found } from '../errors';
import { ZCalendarDay } from '../../rules/schema';
import * as registry from '../../store/registry.store';
import * as assets from '../../store/registry.assets.store';
import { entityForWrite, fieldError, readScope } from './access';

/** A graded system (等级保护对象) through grading, expert review, supervisor approval, filing and evaluation. */
export const ZMlpsStatus = z.enum(['graded', 'expertReviewed', 'supervisorApproved', 'filed', 'evaluated']);
export type MlpsStatus = z.infer<typeof ZMlpsStatus>;

/** Evaluation recurs: an evaluated system is evaluated again. */
export const mlpsTransitions = {
  graded: ['expertReviewed'],
  expertReviewed: ['supervisorApproved'],
  supervisorApproved: ['filed'],
  filed: ['evaluated'],
  evaluated: ['evaluated'],
} as const satisfies Record<MlpsStatus, readonly MlpsStatus[]>;

const ZCertificate = z.string().trim().min(4).max(50);

/** A system as first registered; existing systems may come in at any stage with their dates. */
export const ZMlpsBody = z.object({
  name: z.string().trim().min(1).max(200),
  level: z.int().min(1).max(5),
  status: ZMlpsStatus.default('graded'),
  gradedOn: ZCalendarDay.nullable().optional(),
  expertReviewedOn: ZCalendarDay.nullable().optional(),
  approvedOn: ZCalendarDay.nullable().optional(),
  filedOn: ZCalendarDay.nullable().optional(),
  certificateNumber: ZCertificate.nullable().optional(),
  lastEvaluatedOn: ZCalendarDay.nullable().optional(),
  nextEvaluationDue: ZCalendarDay.nullable().optional(),
});
export type MlpsInput = z.infer<typeof ZMlpsBody>;

export const ZMlpsTransitionBody = z.object({
  to: ZMlpsStatus,
  on: ZCalendarDay,
  certificateNumber: ZCertificate.optional(),
  nextEvaluationDue: ZCalendarDay.optional(),
});

/** Level 3 is evaluated yearly, level 4 and above every six months (MLPS 2.0 practice); lower levels have no fixed cycle. */
export function defaultNextEvaluation(level: number, evaluatedOn: string): string | null {
  if (level >= 4) {
    const [y, m, d] = evaluatedOn.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1 + 6, d));
    if (t.getUTCDate() !== d) t.setUTCDate(0);
    return t.toISOString().slice(0, 10);
  }
  return level === 3 ? addYears(evaluatedOn, 1) : null;
}

function checkStage(input: MlpsInput): void {
  if ((input.status === 'filed' || input.status === 'evaluated') && !input.certificateNumber) throw fieldError('certificateNumber', 'a filed system has a filing certificate number');
  if (input.status === 'evaluated' && !input.lastEvaluatedOn) throw fieldError('lastEvaluatedOn', 'an evaluated system has its evaluation date');
}

function row(input: MlpsInput) {
  return {
    name: input.name, level: input.level, status: input.status,
    gradedOn: input.gradedOn ?? null, expertReviewedOn: input.expertReviewedOn ?? null, approvedOn: input.approvedOn ?? null,
    filedOn: input.filedOn ?? null, certificateNumber: input.certificateNumber ?? null,
    lastEvaluatedOn: input.lastEvaluatedOn ?? null,
    nextEvaluationDue: input.nextEvaluationDue ?? (input.lastEvaluatedOn ? defaultNextEvaluation(input.level, input.lastEvaluatedOn) : null),
  };
}

export async function listMlps(deps: Deps, actor: Actor, entityId: string) {
  const scope = readScope(actor);
  found(await registry.findInScope(deps.db, scope, entityId), 'entity');
  return assets.listMlps(deps.db, scope, entityId);
}

export async function addMlps(deps: Deps, actor: Actor, input: MlpsInput & { entityId: string }) {
  checkStage(input);
  return deps.db.transaction().execute(async (trx) => {
    const { entity } = await entityForWrite(trx, actor, input.entityId);
    const created = await assets.insertMlps(trx, { entityId: entity.id, unitPath: entity.unitPath, ...row(input) });
    await appendAudit(trx, actor, { action: 'entity.mlpsAdded', targetType: 'entity', targetId: entity.id, unitPath: entity.unitPath, to: created.status, summary: { systemId: created.id, name: created.name, level: created.level } });
    return created;
  });
}

/** Edits a system's data; its status moves only through transitions. */
export async function updateMlps(deps: Deps, actor: Actor, input: Omit<MlpsInput, 'status'> & { entityId: string; systemId: string }) {
  return deps.db.transaction().execute(async (trx) => {
    const { scope, entity } = await entityForWrite(trx, actor, input.entityId);
    const current = found(await assets.findMlpsForUpdate(trx, scope, entity.id, input.systemId), 'MLPS system');
    const next = { ...input, status: current.status as MlpsStatus };
    checkStage(next);
    const updated = await assets.updateMlps(trx, current.id, row(next));
    await appendAudit(trx, actor, { action: 'entity.mlpsUpdated', targetType: 'entity', targetId: entity.id, unitPath: entity.unitPath, summary: { systemId: current.id, before: { name: current.name, level: current.level }, after: { name: updated.name, level: updated.level } } });
    return updated;
  });
}

const stageDate: Record<MlpsStatus, 'gradedOn' | 'expertReviewedOn' | 'approvedOn' | 'filedOn' | 'lastEvaluatedOn'> = {
  graded: 'gradedOn', expertReviewed: 'expertReviewedOn', supervisorApproved: 'approvedOn', filed: 'filedOn', evaluated: 'lastEvaluatedOn',
};

export async function transitionMlps(deps: Deps, actor: Actor, input: z.infer<typeof ZMlpsTransitionBody> & { entityId: string; systemId: string }) {
  return deps.db.transaction().execute(async (trx) => {
    const { scope, entity } = await entityForWrite(trx, actor, input.entityId);
    const current = found(await assets.findMlpsForUpdate(trx, scope, entity.id, input.systemId), 'MLPS system');
    const from = current.status as MlpsStatus;
    assertTransition(mlpsTransitions, from, input.to);
    if (input.to === 'filed' && !input.certificateNumber) throw fieldError('certificateNumber', 'filing assigns a certificate number');
    const changes: Parameters<typeof assets.updateMlps>[2] = { status: input.to, [stageDate[input.to]]: input.on };
    if (input.certificateNumber) changes.certificateNumber = input.certificateNumber;
    if (input.to === 'evaluated') changes.nextEvaluationDue = input.nextEvaluationDue ?? defaultNextEvaluation(current.level, input.on);
    const updated = await assets.updateMlps(trx, current.id, changes);
    await appendAudit(trx, actor, { action: 'entity.mlpsStatusChanged', targetType: 'entity', targetId: entity.id, unitPath: entity.unitPath, from, to: input.to, summary: { systemId: current.id, on: input.on, certificateNumber: updated.certificateNumber } });
    return updated;
  });
}

export async function removeMlps(deps: Deps, actor: Actor, input: { entityId: string; systemId: string; reason?: string }) {
  await deps.db.transaction().execute(async (trx) => {
    const { scope, entity } = await entityForWrite(trx, actor, input.entityId);
    const current = found(await assets.findMlpsForUpdate(trx, scope, entity.id, input.systemId), 'MLPS system');
    await assets.deleteMlps(trx, current.id);
    await appendAudit(trx, actor, { action: 'entity.mlpsRemoved', targetType: 'entity', targetId: entity.id, unitPath: entity.unitPath, reason: input.reason ?? null, summary: { systemId: current.id, name: current.name, level: current.level } });
  });
}
