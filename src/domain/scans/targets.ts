import { z } from 'zod';
import type { DbOrTx } from '../../store/db';
import * as registry from '../../store/registry.store';
import * as campaigns from '../../store/campaigns.store';
import * as authStore from '../../store/scan-authorisations.store';
import * as scans from '../../store/scans.store';
import type { ScanTargetJson } from '../../store/tables/scans';
import * as units from '../../store/units.store';
import type { ScanProfile } from '../../scan/evidence';
import { requireUnitScope, type Actor } from '../access';
import { withinPathOf } from '../campaigns/access';
import { AppError } from '../errors';
import { profileAllowed } from './states';
import { authorisationOpen } from './window';

/**
 * Which sites a scan covers and under which authorisation (remote-detection.md §1.1): only sites
 * registered for entities in the caller's scope (else NOT_FOUND), and only when an active
 * authorisation covers each of them now, inside its window, for the profile (else RULE_VIOLATION).
 */

export const ZScanTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('entity'), entityId: z.uuid() }),
  z.object({ kind: z.literal('unit'), unitId: z.uuid() }),
  z.object({ kind: z.literal('sites'), siteIds: z.array(z.uuid()).min(1).max(10_000) }),
  z.object({ kind: z.literal('campaign'), campaignId: z.uuid() }),
]);
export type ScanTarget = z.infer<typeof ZScanTarget>;

export type UncoveredSite = { siteId: string; hostname: string; reason: string };

export type ResolvedTargets = {
  label: string;
  /** Unit path the scan is filed under (the target's, inside the caller's scope). */
  unitPath: string;
  sites: scans.TargetSite[];
  /** siteId → covering authorisation. */
  coverage: Map<string, authStore.AuthorisationRow>;
  uncovered: UncoveredSite[];
};

/** Longest common prefix of unit paths, cut at a path segment. */
export function commonUnitPath(paths: readonly string[]): string {
  if (paths.length === 0) return '/';
  let prefix = paths[0] ?? '/';
  for (const p of paths) {
    while (!p.startsWith(prefix)) prefix = prefix.slice(0, prefix.slice(0, -1).lastIndexOf('/') + 1);
  }
  return prefix || '/';
}

type Caller = { kind: 'units'; scope: ReturnType<typeof requireUnitScope> } | { kind: 'agency'; scope: Extract<authStore.ScanScope, { kind: 'agency' }> };

function callerOf(actor: Actor): Caller {
  if (actor.kind === 'agency') {
    if (!actor.agencyId || !actor.userId) throw new AppError('FORBIDDEN', 'agency account without an agency');
    return { kind: 'agency', scope: { kind: 'agency', agencyId: actor.agencyId, userId: actor.userId } };
  }
  return { kind: 'units', scope: requireUnitScope(actor) };
}

/** Every unit path starts with '/': the whole tree, for lookups already scoped another way. */
const WHOLE_TREE = { kind: 'units', unitId: '', unitPath: '/' } as const;

async function selectSites(db: DbOrTx, caller: Caller, target: ScanTarget): Promise<{ label: string; unitPath: string | null; sites: scans.TargetSite[] }> {
  if (target.kind === 'entity') {
    // Agency staff reach an entity only through an authorisation that names them.
    const visible = caller.kind === 'units'
      ? await registry.findInScope(db, caller.scope, target.entityId)
      : (await authStore.agencyEntityIds(db, caller.scope)).has(target.entityId) ? await registry.findInScope(db, WHOLE_TREE, target.entityId) : undefined;
    if (!visible) throw new AppError('NOT_FOUND', 'entity not found');
    return { label: visible.name, unitPath: visible.unitPath, sites: await scans.targetSites(db, { entityId: visible.id }) };
  }
  if (target.kind === 'unit') {
    const unit = caller.kind === 'units' ? await units.findInScope(db, caller.scope, target.unitId) : undefined;
    if (!unit) throw new AppError('NOT_FOUND', 'unit not found');
    return { label: unit.name, unitPath: unit.path, sites: await scans.targetSites(db, { unitPath: unit.path }) };
  }
  if (target.kind === 'campaign') {
    // Like unit targets, campaigns are for staff: agency staff reach sites only through authorisations.
    if (caller.kind !== 'units') throw new AppError('NOT_FOUND', 'campaign not found');
    const campaign = await campaigns.findVisible(db, caller.scope, target.campaignId);
    if (!campaign) throw new AppError('NOT_FOUND', 'campaign not found');
    // A unit below the launching unit scans only its own targets; the launching unit all of them.
    const unitPath = withinPathOf(caller.scope, campaign);
    return { label: campaign.name, unitPath, sites: await scans.targetSites(db, { unitPath, campaignId: campaign.id }) };
  }
  const ids = [...new Set(target.siteIds)];
  const rows = new Map((await scans.sitesByIds(db, ids)).map((r) => [r.id, r]));
  const allowed = caller.kind === 'agency' ? await authStore.agencySiteIds(db, caller.scope) : null;
  const missing = ids.filter((id) => {
    const r = rows.get(id);
    if (!r) return true;
    return caller.kind === 'agency' ? !allowed?.has(id) : !r.unitPath.startsWith(caller.scope.unitPath);
  });
  if (missing.length > 0) throw new AppError('NOT_FOUND', 'site not found', { siteIds: missing.slice(0, 20) });
  const sites = await scans.targetSites(db, { siteIds: ids });
  const first = sites[0]?.hostname ?? '';
  return { label: sites.length > 1 ? `${first} 等 ${sites.length} 个网站` : first, unitPath: null, sites };
}

/** Resolves a target for an actor at `now` (start) or again when the plan job runs. */
export async function resolveTargets(db: DbOrTx, actor: Actor, target: ScanTarget, profile: ScanProfile, now: Date): Promise<ResolvedTargets> {
  const caller = callerOf(actor);
  const { label, unitPath, sites } = await selectSites(db, caller, target);
  const authScope: authStore.ScanScope = caller.kind === 'agency' ? caller.scope : { kind: 'units', unitPath: caller.scope.unitPath };
  const auths = await authStore.activeAuthorisationsForSites(db, authScope, sites.map((s) => s.siteId));
  const coverage = new Map<string, authStore.AuthorisationRow>();
  const uncovered: UncoveredSite[] = [];
  const bySite = new Map<string, authStore.AuthorisationRow[]>();
  for (const a of auths) {
    for (const id of a.siteIds) {
      const list = bySite.get(id);
      if (list) list.push(a);
      else bySite.set(id, [a]);
    }
  }
  for (const site of sites) {
    const candidates = bySite.get(site.siteId) ?? [];
    const open = candidates.find((a) => authorisationOpen(a, now).ok && profileAllowed(a.profile as ScanProfile, profile));
    if (open) {
      coverage.set(site.siteId, open);
      continue;
    }
    uncovered.push({ siteId: site.siteId, hostname: site.hostname, reason: whyUncovered(candidates, profile, now) });
  }
  return { label, unitPath: unitPath ?? commonUnitPath(sites.map((s) => s.unitPath)), sites, coverage, uncovered };
}

function whyUncovered(candidates: readonly authStore.AuthorisationRow[], profile: ScanProfile, now: Date): string {
  const first = candidates[0];
  if (!first) return 'no_authorisation';
  const open = candidates.find((a) => authorisationOpen(a, now).ok);
  if (open) return 'profile_not_allowed';
  const verdict = authorisationOpen(first, now);
  return verdict.ok ? 'no_authorisation' : verdict.reason;
}

export function targetJson(target: ScanTarget): ScanTargetJson {
  return target.kind === 'sites' ? { kind: 'sites', siteIds: [...new Set(target.siteIds)] } : target;
}
