import { z } from 'zod';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import { shanghaiDate } from '../dates';
import type { Deps } from '../deps';
import { found } from '../errors';
import { ZCalendarDay, ZIncidentFactStatus, ZPenaltyAuthority, ZPenaltyCategory } from '../../rules/schema';
import * as registry from '../../store/registry.store';
import * as assets from '../../store/registry.assets.store';
import { entityForWrite, fieldError, readScope } from './access';

/** Incidents, cases and penalties of an entity: they feed the focus criteria (O151-A9-F2, F3). */
export const ZIncidentCategory = z.enum(['malware', 'intrusion', 'dos', 'defacement', 'dataLeak', 'harmfulContent', 'other']);
export const ZCaseCategory = z.enum(['fraud', 'gambling', 'pornography', 'hacking', 'dataTheft', 'harmfulInfo', 'other']);
export const ZHistoryKind = z.enum(['incident', 'case', 'penalty']);

const common = { occurredOn: ZCalendarDay, description: z.string().trim().max(2000).nullable().optional() };

export const ZHistoryBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('incident'), ...common, category: ZIncidentCategory, severity: z.enum(['low', 'medium', 'high', 'critical']), status: ZIncidentFactStatus }),
  z.object({ kind: z.literal('case'), ...common, category: ZCaseCategory, caseKind: z.enum(['criminal', 'administrative']) }),
  z.object({ kind: z.literal('penalty'), ...common, category: ZPenaltyCategory, authority: ZPenaltyAuthority, decisionNumber: z.string().trim().min(2).max(100).nullable().optional() }),
]);
export type HistoryInput = z.infer<typeof ZHistoryBody>;

function row(input: HistoryInput) {
  return {
    kind: input.kind, occurredOn: input.occurredOn, category: input.category, description: input.description ?? null,
    severity: input.kind === 'incident' ? input.severity : null,
    status: input.kind === 'incident' ? input.status : null,
    caseKind: input.kind === 'case' ? input.caseKind : null,
    authority: input.kind === 'penalty' ? input.authority : null,
    decisionNumber: input.kind === 'penalty' ? (input.decisionNumber ?? null) : null,
  };
}

function notInFuture(deps: Deps, input: HistoryInput): void {
  if (input.occurredOn > shanghaiDate(deps.now())) throw fieldError('occurredOn', 'the date lies in the future');
}

export async function listHistory(deps: Deps, actor: Actor, entityId: string, kind?: z.infer<typeof ZHistoryKind>) {
  const scope = readScope(actor);
  found(await registry.findInScope(deps.db, scope, entityId), 'entity');
  return assets.listHistory(deps.db, scope, entityId, kind);
}

export async function addHistory(deps: Deps, actor: Actor, input: HistoryInput & { entityId: string }) {
  notInFuture(deps, input);
  return deps.db.transaction().execute(async (trx) => {
    const { entity } = await entityForWrite(trx, actor, input.entityId);
    const created = await assets.insertHistory(trx, { entityId: entity.id, unitPath: entity.unitPath, createdBy: actor.userId, ...row(input) });
    await appendAudit(trx, actor, { action: 'entity.historyAdded', targetType: 'entity', targetId: entity.id, unitPath: entity.unitPath, summary: { recordId: created.id, kind: created.kind, occurredOn: created.occurredOn, category: created.category } });
    return created;
  });
}

export async function updateHistory(deps: Deps, actor: Actor, input: HistoryInput & { entityId: string; recordId: string }) {
  notInFuture(deps, input);
  return deps.db.transaction().execute(async (trx) => {
    const { scope, entity } = await entityForWrite(trx, actor, input.entityId);
    const current = found(await assets.findHistoryForUpdate(trx, scope, entity.id, input.recordId), 'history record');
    if (current.kind !== input.kind) throw fieldError('kind', 'the kind of a history record cannot change');
    const updated = await assets.updateHistory(trx, current.id, row(input));
    await appendAudit(trx, actor, {
      action: 'entity.historyUpdated', targetType: 'entity', targetId: entity.id, unitPath: entity.unitPath,
      summary: { recordId: current.id, kind: current.kind, before: { occurredOn: current.occurredOn, category: current.category, status: current.status }, after: { occurredOn: updated.occurredOn, category: updated.category, status: updated.status } },
    });
    return updated;
  });
}

export async function removeHistory(deps: Deps, actor: Actor, input: { entityId: string; recordId: string; reason: string }) {
  await deps.db.transaction().execute(async (trx) => {
    const { scope, entity } = await entityForWrite(trx, actor, input.entityId);
    const current = found(await assets.findHistoryForUpdate(trx, scope, entity.id, input.recordId), 'history record');
    await assets.deleteHistory(trx, current.id);
    await appendAudit(trx, actor, { action: 'entity.historyRemoved', targetType: 'entity', targetId: entity.id, unitPath: entity.unitPath, reason: input.reason, summary: { recordId: current.id, kind: current.kind, occurredOn: current.occurredOn, category: current.category } });
  });
}
