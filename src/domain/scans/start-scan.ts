import { z } from 'zod';
import { shanghaiDate } from '../../lib/dates';
import { effectiveRuleSets } from '../../rules';
import { scanStamp } from '../../scan/run/stamp';
import * as scans from '../../store/scans.store';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { ruleLibrary, setsOf } from '../rules/library';
import { scanAccess } from './access';
import { userIdOf } from './authorisations';
import { SCAN_JOBS } from './jobs';
import { ZScanProfile } from './states';
import { resolveTargets, targetJson, ZScanTarget } from './targets';

export const ZStartScanBody = z.object({
  target: ZScanTarget,
  profile: ZScanProfile.default('standard'),
});
export type StartScanInput = z.infer<typeof ZStartScanBody>;

/** Global request rate of a scan (spec §5.1); an authorisation may lower it, never raise it. */
export const DEFAULT_SCAN_RATE = 150;

/** Rule-set id → version in force on the scan date: cites resolve against these. */
async function ruleSetVersions(deps: Deps, now: Date): Promise<Record<string, string>> {
  const sets = effectiveRuleSets(setsOf(await ruleLibrary(deps)), shanghaiDate(now));
  return Object.fromEntries(sets.map((s) => [s.ruleSet.id, s.ruleSet.version]));
}

/**
 * An inspector or agency staff member starts a scan: the targets are checked against the
 * caller's scope and the authorisations in force now, the scan is stamped with the versions
 * that will judge it, and the plan job is enqueued after commit.
 */
export async function startScan(deps: Deps, actor: Actor, input: StartScanInput): Promise<scans.ScanRow> {
  scanAccess(actor, 'scan.run');
  const startedBy = userIdOf(actor);
  const now = deps.now();
  const resolved = await resolveTargets(deps.db, actor, input.target, input.profile, now);
  if (resolved.sites.length === 0) {
    throw new AppError('RULE_VIOLATION', 'the target has no registered active websites to scan');
  }
  if (resolved.uncovered.length > 0) {
    throw new AppError('RULE_VIOLATION', 'some targets are not covered by an active authorisation at this time', {
      uncovered: resolved.uncovered.slice(0, 50), count: resolved.uncovered.length,
    });
  }
  const auths = [...new Map([...resolved.coverage.values()].map((a) => [a.id, a])).values()];
  const rates = auths.map((a) => a.rateLimit).filter((r): r is number => r !== null);
  const stamp = scanStamp(now, await ruleSetVersions(deps, now));
  const scan = await deps.db.transaction().execute(async (trx) => {
    const row = await scans.insertScan(trx, {
      unitPath: resolved.unitPath, startedBy, agencyId: actor.kind === 'agency' ? actor.agencyId : null,
      target: targetJson(input.target), targetLabel: resolved.label.slice(0, 200), authorisationIds: auths.map((a) => a.id),
      profile: input.profile, limits: { globalRatePerSec: Math.min(DEFAULT_SCAN_RATE, ...rates) }, stamp, createdAt: now, statusChangedAt: now,
    });
    await appendAudit(trx, actor, {
      action: 'scan.started', targetType: 'scan', targetId: row.id, to: 'queued', unitPath: row.unitPath,
      summary: { target: targetJson(input.target), sites: resolved.sites.length, profile: input.profile, authorisations: row.authorisationIds, stamp },
    });
    return row;
  });
  if (deps.jobs) await deps.jobs.send(SCAN_JOBS.plan, { scanId: scan.id }, { singletonKey: `scan.plan:${scan.id}` });
  return scan;
}
