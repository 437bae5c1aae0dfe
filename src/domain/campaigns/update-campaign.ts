import type { Updateable } from 'kysely';
import { z } from 'zod';
import { ZCalendarDay } from '../../rules/schema';
import * as store from '../../store/campaigns.store';
import { isUniqueViolation } from '../../store/pg-errors';
import type { CampaignsTable } from '../../store/tables/campaigns';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { campaignForManage } from './access';
import { codeTaken, orderedStrands, ZCampaignCode, ZStrands } from './create-campaign';
import { asStatus, editableStatuses } from './states';

export const ZUpdateCampaignBody = z.object({
  code: ZCampaignCode.optional(),
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(4000).optional(),
  strands: ZStrands.optional(),
  startsOn: ZCalendarDay.optional(),
  endsOn: ZCalendarDay.optional(),
  /** The version the editor loaded; a newer one in the database is a CONFLICT. */
  version: z.int().min(1).optional(),
}).refine((c) => !c.startsOn || !c.endsOn || c.startsOn <= c.endsOn, { message: 'the campaign ends before it starts', path: ['endsOn'] });
export type UpdateCampaignInput = z.infer<typeof ZUpdateCampaignBody>;

const fields = ['code', 'name', 'description', 'strands', 'startsOn', 'endsOn'] as const;

/** The launching unit (or one above it) edits a draft or launched campaign; changed fields are audited. */
export async function updateCampaign(deps: Deps, actor: Actor, input: UpdateCampaignInput & { campaignId: string }): Promise<store.CampaignRow> {
  return deps.db.transaction().execute(async (trx) => {
    const { campaign } = await campaignForManage(trx, actor, input.campaignId);
    const status = asStatus(campaign.status);
    if (!editableStatuses.includes(status)) throw new AppError('INVALID_STATE', `a ${status} campaign cannot be edited`, { from: status });
    if (input.version !== undefined && input.version !== campaign.version) {
      throw new AppError('CONFLICT', 'the campaign was changed by someone else; reload and try again', { version: campaign.version });
    }
    const next = { ...input, strands: input.strands ? orderedStrands(input.strands) : undefined };
    const startsOn = next.startsOn ?? campaign.startsOn;
    const endsOn = next.endsOn ?? campaign.endsOn;
    if (startsOn > endsOn) {
      throw new AppError('VALIDATION_FAILED', 'the campaign ends before it starts', { fields: [{ path: next.endsOn ? 'endsOn' : 'startsOn', message: 'the campaign ends before it starts' }] });
    }
    const changes: Updateable<CampaignsTable> = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const f of fields) {
      const v = next[f];
      if (v === undefined || JSON.stringify(v) === JSON.stringify(campaign[f])) continue;
      (changes as Record<string, unknown>)[f] = v;
      // The description may be long: its change is named, not copied.
      if (f === 'description') continue;
      before[f] = campaign[f];
      after[f] = v;
    }
    const changed = Object.keys(changes);
    if (changed.length === 0) return campaign;
    const row = await store.updateCampaign(trx, campaign.id, changes).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw codeTaken();
      throw err;
    });
    await appendAudit(trx, actor, {
      action: 'campaign.updated', targetType: 'campaign', targetId: campaign.id, unitPath: campaign.unitPath,
      summary: { before, after, changed },
    });
    return row;
  });
}
