import { z } from 'zod';
import * as store from '../../store/campaigns.store';
import type { Actor } from '../access';
import type { Deps } from '../deps';
import { queryList } from '../query-params';
import { campaignForRead, campaignScope, capabilities } from './access';
import { ZCampaignStatus } from './states';

export const ZListCampaignsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  status: queryList(ZCampaignStatus, 5).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  sort: z.enum(['createdAt', 'updatedAt', 'startsOn', 'endsOn', 'name', 'code', 'status']).default('startsOn'),
  dir: z.enum(['asc', 'desc']).default('desc'),
});
export type ListCampaignsQuery = z.infer<typeof ZListCampaignsQuery>;

/** Campaigns the caller sees (own subtree's and those launched above), each with its in-scope target count. */
export async function listCampaigns(deps: Deps, actor: Actor, input: ListCampaignsQuery) {
  const scope = campaignScope(actor, 'campaign.read');
  return store.listVisible(deps.db, scope, input, { limit: input.limit, offset: input.offset }, { field: input.sort, dir: input.dir });
}

export type CampaignDetail = {
  campaign: store.CampaignRow;
  unitName: string;
  /** Targets inside the caller's view: all of them for the launching unit, its own for a unit below. */
  targets: { total: number; byStatus: Record<string, number> };
  canManage: boolean;
  canEditTargets: boolean;
};

/** One campaign with its target counts per entity status, and what the caller may do with it. */
export async function getCampaign(deps: Deps, actor: Actor, input: { campaignId: string }): Promise<CampaignDetail> {
  const access = await campaignForRead(deps.db, actor, input.campaignId);
  const [unitName, counts] = await Promise.all([
    store.unitNameOf(deps.db, access.campaign.unitId),
    store.targetStatusCounts(deps.db, access.campaign.id, access.withinPath),
  ]);
  const byStatus = Object.fromEntries(counts.map((c) => [c.status, c.n]));
  return {
    campaign: access.campaign, unitName,
    targets: { total: counts.reduce((n, c) => n + c.n, 0), byStatus },
    ...capabilities(actor, access),
  };
}
