import { z } from 'zod';
import * as store from '../../store/campaigns.store';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { queryList } from '../query-params';
import { ZEntityStatus } from '../registry/entity';
import { campaignForRead, campaignForTargets } from './access';

/** At most this many entity ids per call: a province-wide list is added in a few calls. */
export const MAX_TARGETS_PER_CALL = 5000;

export const ZAddTargetsBody = z.object({ entityIds: z.array(z.uuid()).min(1).max(MAX_TARGETS_PER_CALL) });
export type AddTargetsInput = z.infer<typeof ZAddTargetsBody>;

export const ZListTargetsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: queryList(ZEntityStatus, 4).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  sort: z.enum(['name', 'uscc', 'addedAt']).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
});
export type ListTargetsQuery = z.infer<typeof ZListTargetsQuery>;

/**
 * Adds target entities. Every id must be an entity of the caller's scope inside the campaign's
 * subtree, else NOT_FOUND and nothing is added; ids already targeted are skipped.
 */
export async function addCampaignTargets(deps: Deps, actor: Actor, input: AddTargetsInput & { campaignId: string }): Promise<{ added: number; alreadyTargets: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const { campaign, withinPath } = await campaignForTargets(trx, actor, input.campaignId);
    const ids = [...new Set(input.entityIds)];
    const found = await store.entityIdsWithin(trx, withinPath, ids);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw new AppError('NOT_FOUND', 'entity not found', { entityIds: missing.slice(0, 20), count: missing.length });
    const added = await store.addTargets(trx, campaign.id, ids, actor.userId);
    if (added.length > 0) {
      await appendAudit(trx, actor, {
        action: 'campaign.targetsAdded', targetType: 'campaign', targetId: campaign.id, unitPath: withinPath,
        summary: { added: added.length, entityIds: added },
      });
    }
    return { added: added.length, alreadyTargets: ids.length - added.length };
  });
}

/** Removes one target of the caller's scope; NOT_FOUND when it is not a target the caller sees. */
export async function removeCampaignTarget(deps: Deps, actor: Actor, input: { campaignId: string; entityId: string }): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { campaign, withinPath } = await campaignForTargets(trx, actor, input.campaignId);
    const removed = await store.removeTarget(trx, campaign.id, input.entityId, withinPath);
    if (!removed) throw new AppError('NOT_FOUND', 'campaign target not found');
    await appendAudit(trx, actor, {
      action: 'campaign.targetRemoved', targetType: 'campaign', targetId: campaign.id, unitPath: withinPath,
      summary: { entityId: input.entityId },
    });
  });
}

/** A page of the campaign's targets: a unit below the launching unit sees only its own entities. */
export async function listCampaignTargets(deps: Deps, actor: Actor, input: ListTargetsQuery & { campaignId: string }) {
  const { campaign, withinPath } = await campaignForRead(deps.db, actor, input.campaignId);
  return store.listTargets(deps.db, campaign.id, withinPath, input, { limit: input.limit, offset: input.offset }, { field: input.sort, dir: input.dir });
}
