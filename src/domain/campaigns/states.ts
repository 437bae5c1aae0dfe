import { z } from 'zod';
import { AppError } from '../errors';

/** Campaign lifecycle (domain.md §5.7): every status change goes through `campaignTransitions`. */
export const ZCampaignStatus = z.enum(['draft', 'launched', 'active', 'closed', 'summarised']);
export type CampaignStatus = z.infer<typeof ZCampaignStatus>;

export const campaignTransitions = {
  draft: ['launched'],
  launched: ['active'],
  active: ['closed'],
  closed: ['summarised'],
  summarised: [],
} as const satisfies Record<CampaignStatus, readonly CampaignStatus[]>;

/** Audit verb of arriving in each status. */
export const arrivalVerb: Record<CampaignStatus, string> = {
  draft: 'created', launched: 'launched', active: 'activated', closed: 'closed', summarised: 'summarised',
};

/** 打、清、整、宣: strike, clean, rectify, publicise. */
export const ZStrand = z.enum(['strike', 'clean', 'rectify', 'publicise']);
export type Strand = z.infer<typeof ZStrand>;

/** Statuses in which the launching unit edits the campaign's fields. */
export const editableStatuses: readonly CampaignStatus[] = ['draft', 'launched'];
/** Statuses in which the launching unit (or above) changes targets. */
export const managerTargetStatuses: readonly CampaignStatus[] = ['draft', 'launched', 'active'];
/** Statuses in which units below the launching unit add or remove their own entities. */
export const descendantTargetStatuses: readonly CampaignStatus[] = ['launched', 'active'];

export function asStatus(value: string): CampaignStatus {
  const parsed = ZCampaignStatus.safeParse(value);
  if (!parsed.success) throw new AppError('INVALID_STATE', `unknown campaign status ${value}`);
  return parsed.data;
}
