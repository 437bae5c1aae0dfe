import type { Tx, DbOrTx } from '../../store/db';
import * as store from '../../store/campaigns.store';
import { hasPermission, pathInScope, requirePermission, requireUnitScope, type Actor, type Permission, type UnitScope } from '../access';
import { AppError } from '../errors';
import { asStatus, descendantTargetStatuses, managerTargetStatuses } from './states';

/**
 * Who may do what with a campaign. Visible: launched in the caller's subtree, or by the caller's
 * unit or one above it. Managed (edit, transition): launched in the caller's subtree. Targets:
 * a manager changes those inside the campaign's subtree and its own scope; a unit below the
 * launching unit changes only its own entities, and only while the campaign runs.
 */

export type CampaignAccess = { scope: UnitScope; campaign: store.CampaignRow; manages: boolean; withinPath: string };

/** Targets a caller sees or touches: under the deeper of the campaign's and the caller's unit path. */
export function withinPathOf(scope: UnitScope, campaign: Pick<store.CampaignRow, 'unitPath'>): string {
  return campaign.unitPath.length > scope.unitPath.length ? campaign.unitPath : scope.unitPath;
}

function accessOf(scope: UnitScope, campaign: store.CampaignRow | undefined): CampaignAccess {
  if (!campaign) throw new AppError('NOT_FOUND', 'campaign not found');
  return { scope, campaign, manages: pathInScope(scope.unitPath, campaign.unitPath), withinPath: withinPathOf(scope, campaign) };
}

export function campaignScope(actor: Actor, permission: Permission): UnitScope {
  requirePermission(actor, permission);
  return requireUnitScope(actor);
}

/** A visible campaign for reading; NOT_FOUND when out of sight. */
export async function campaignForRead(db: DbOrTx, actor: Actor, campaignId: string): Promise<CampaignAccess> {
  const scope = campaignScope(actor, 'campaign.read');
  return accessOf(scope, await store.findVisible(db, scope, campaignId));
}

/** A visible campaign, locked; FORBIDDEN unless the caller's subtree holds the launching unit. */
export async function campaignForManage(trx: Tx, actor: Actor, campaignId: string): Promise<CampaignAccess> {
  const scope = campaignScope(actor, 'campaign.manage');
  const access = accessOf(scope, await store.findVisibleForUpdate(trx, scope, campaignId));
  if (!access.manages) throw new AppError('FORBIDDEN', 'only the launching unit or a unit above it manages this campaign');
  return access;
}

/** A visible campaign, locked, whose targets the caller may change in its current status. */
export async function campaignForTargets(trx: Tx, actor: Actor, campaignId: string): Promise<CampaignAccess> {
  const scope = campaignScope(actor, 'campaign.manage');
  const access = accessOf(scope, await store.findVisibleForUpdate(trx, scope, campaignId));
  const status = asStatus(access.campaign.status);
  const allowed = access.manages ? managerTargetStatuses : descendantTargetStatuses;
  if (!allowed.includes(status)) {
    throw new AppError('INVALID_STATE', `targets cannot be changed while the campaign is ${status}`, { from: status });
  }
  return access;
}

/** What the caller may do, for the detail view's buttons (the use cases check again). */
export function capabilities(actor: Actor, access: CampaignAccess): { canManage: boolean; canEditTargets: boolean } {
  const manage = hasPermission(actor, 'campaign.manage');
  const status = asStatus(access.campaign.status);
  return {
    canManage: manage && access.manages,
    canEditTargets: manage && (access.manages ? managerTargetStatuses : descendantTargetStatuses).includes(status),
  };
}
