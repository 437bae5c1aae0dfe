import { z } from 'zod';
import type { CampaignDetail } from '../../domain/campaigns/read-campaigns';
import type * as store from '../../store/campaigns.store';

export const ZCampaignView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string().optional(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  strands: z.array(z.string()),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.string(),
  summary: z.string().nullable(),
  createdBy: z.string().nullable(),
  statusChangedAt: z.string(),
  /** Targets inside the caller's view (list only). */
  targetCount: z.number().int().optional(),
  isDemo: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CampaignView = z.infer<typeof ZCampaignView>;

export function presentCampaign(c: store.CampaignRow & { targetCount?: number; unitName?: string }): CampaignView {
  return {
    id: c.id, unitId: c.unitId, ...(c.unitName !== undefined ? { unitName: c.unitName } : {}), code: c.code, name: c.name,
    description: c.description, strands: c.strands, startsOn: c.startsOn, endsOn: c.endsOn, status: c.status, summary: c.summary,
    createdBy: c.createdBy, statusChangedAt: c.statusChangedAt.toISOString(),
    ...(c.targetCount !== undefined ? { targetCount: c.targetCount } : {}),
    isDemo: c.isDemo, version: c.version, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
  };
}

export const ZCampaignDetailView = z.object({
  campaign: ZCampaignView,
  targets: z.object({ total: z.number().int(), byStatus: z.record(z.string(), z.number().int()) }),
  canManage: z.boolean(),
  canEditTargets: z.boolean(),
});

export function presentCampaignDetail(d: CampaignDetail): z.infer<typeof ZCampaignDetailView> {
  return { campaign: presentCampaign({ ...d.campaign, unitName: d.unitName }), targets: d.targets, canManage: d.canManage, canEditTargets: d.canEditTargets };
}

export const ZCampaignTargetView = z.object({
  entityId: z.string(),
  name: z.string(),
  uscc: z.string(),
  type: z.string(),
  status: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  addedAt: z.string(),
  addedBy: z.string().nullable(),
});

export function presentCampaignTarget(t: { entityId: string; name: string; uscc: string; type: string; status: string; unitId: string; unitName: string; addedAt: Date; addedBy: string | null }): z.infer<typeof ZCampaignTargetView> {
  return { ...t, addedAt: t.addedAt.toISOString() };
}
