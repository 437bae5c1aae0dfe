import { z } from 'zod';
import * as store from '../../store/campaigns.store';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError, assertTransition } from '../errors';
import { campaignForManage } from './access';
import { arrivalVerb, asStatus, campaignTransitions, ZCampaignStatus } from './states';

export const ZTransitionCampaignBody = z.object({
  to: ZCampaignStatus,
  /** The campaign's summary (总结): required to summarise, ignored otherwise. */
  summary: z.string().trim().min(1).max(20_000).optional(),
  reason: z.string().trim().max(500).optional(),
}).refine((b) => b.to !== 'summarised' || !!b.summary, { message: 'a summary is required to summarise the campaign', path: ['summary'] });
export type TransitionCampaignInput = z.infer<typeof ZTransitionCampaignBody>;

/** The launching unit (or one above it) moves a campaign one step: launch, activate, close, summarise. */
export async function transitionCampaign(deps: Deps, actor: Actor, input: TransitionCampaignInput & { campaignId: string }): Promise<store.CampaignRow> {
  // The route's schema says so too; callers that skip it (CLI, jobs, seeds) get the same answer.
  if (input.to === 'summarised' && !input.summary?.trim()) {
    throw new AppError('VALIDATION_FAILED', 'a summary is required to summarise the campaign', { fields: [{ path: 'summary', message: 'required' }] });
  }
  return deps.db.transaction().execute(async (trx) => {
    const { campaign } = await campaignForManage(trx, actor, input.campaignId);
    const from = asStatus(campaign.status);
    assertTransition(campaignTransitions, from, input.to);
    const summary = input.to === 'summarised' ? (input.summary ?? null) : campaign.summary;
    const row = await store.updateCampaign(trx, campaign.id, { status: input.to, statusChangedAt: deps.now(), summary });
    await appendAudit(trx, actor, {
      action: `campaign.${arrivalVerb[input.to]}`, targetType: 'campaign', targetId: campaign.id, from, to: input.to,
      reason: input.reason ?? null, unitPath: campaign.unitPath,
      summary: input.to === 'summarised' ? { summaryChars: summary?.length ?? 0 } : undefined,
    });
    return row;
  });
}
