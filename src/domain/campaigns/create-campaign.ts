import { z } from 'zod';
import { ZCalendarDay } from '../../rules/schema';
import * as store from '../../store/campaigns.store';
import { isUniqueViolation } from '../../store/pg-errors';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { campaignScope } from './access';
import { ZStrand } from './states';

export const ZCampaignCode = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'letters, digits, - and _; at most 40');
export const ZStrands = z.array(ZStrand).min(1).max(4)
  .refine((s) => new Set(s).size === s.length, { message: 'a strand appears twice' });

export const ZCreateCampaignBody = z.object({
  code: ZCampaignCode,
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(4000).default(''),
  strands: ZStrands,
  startsOn: ZCalendarDay,
  endsOn: ZCalendarDay,
}).refine((c) => c.startsOn <= c.endsOn, { message: 'the campaign ends before it starts', path: ['endsOn'] });
export type CreateCampaignInput = z.infer<typeof ZCreateCampaignBody>;

export const codeTaken = () => new AppError('CONFLICT', 'this unit already has a campaign with this code', { fields: [{ path: 'code', message: 'code taken' }] });

/** Sorted in the order 打、清、整、宣 so equal sets compare equal. */
export function orderedStrands(strands: readonly string[]): string[] {
  return ZStrand.options.filter((s) => strands.includes(s));
}

/** An inspector or leader drafts a campaign of their own unit, for its subtree. */
export async function createCampaign(deps: Deps, actor: Actor, input: CreateCampaignInput & { isDemo?: boolean }): Promise<store.CampaignRow> {
  const scope = campaignScope(actor, 'campaign.manage');
  return deps.db.transaction().execute(async (trx) => {
    const row = await store.insertCampaign(trx, {
      unitId: scope.unitId, unitPath: scope.unitPath, code: input.code, name: input.name, description: input.description,
      strands: orderedStrands(input.strands), startsOn: input.startsOn, endsOn: input.endsOn, createdBy: actor.userId,
      statusChangedAt: deps.now(), isDemo: input.isDemo ?? false,
    }).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw codeTaken();
      throw err;
    });
    await appendAudit(trx, actor, {
      action: 'campaign.created', targetType: 'campaign', targetId: row.id, to: 'draft', unitPath: row.unitPath,
      summary: { code: row.code, name: row.name, strands: row.strands, startsOn: row.startsOn, endsOn: row.endsOn },
    });
    return row;
  });
}
