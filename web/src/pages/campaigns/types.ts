// API views of campaigns (src/http/presenters/campaigns.ts).

export const CAMPAIGN_STATUSES = ['draft', 'launched', 'active', 'closed', 'summarised'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const STRANDS = ['strike', 'clean', 'rectify', 'publicise'] as const;
export type Strand = (typeof STRANDS)[number];

/** The one step each status may take (src/domain/campaigns/states.ts). */
export type NextStatus = Exclude<CampaignStatus, 'draft'>;
export const NEXT_STATUS: Record<CampaignStatus, NextStatus | null> = {
  draft: 'launched', launched: 'active', active: 'closed', closed: 'summarised', summarised: null,
};

export const CAMPAIGN_STATUS_COLORS: Record<string, 'default' | 'blue' | 'processing' | 'success' | 'gold'> = {
  draft: 'default', launched: 'blue', active: 'processing', closed: 'gold', summarised: 'success',
};

export type CampaignView = {
  id: string; unitId: string; unitName?: string; code: string; name: string; description: string; strands: Strand[];
  startsOn: string; endsOn: string; status: CampaignStatus; summary: string | null; createdBy: string | null;
  statusChangedAt: string; targetCount?: number; isDemo: boolean; version: number; createdAt: string; updatedAt: string;
};

export type CampaignDetail = {
  campaign: CampaignView;
  targets: { total: number; byStatus: Record<string, number> };
  canManage: boolean;
  canEditTargets: boolean;
};

export type CampaignTargetView = {
  entityId: string; name: string; uscc: string; type: string; status: string; unitId: string; unitName: string; addedAt: string; addedBy: string | null;
};
