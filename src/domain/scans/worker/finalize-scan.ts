import { hashScanDigests } from '../../../scan/retrieve';
import * as scans from '../../../store/scans.store';
import type { Deps } from '../../deps';
import { ZScanJob } from '../jobs';
import type { ScanStatus } from '../states';
import { jobActor, moveScan } from '../transition';

export type ScanSummary = {
  total: number;
  done: number;
  failed: number;
  skipped: number;
  cancelled: number;
  grades: Record<string, number>;
  siteStatus: Record<string, number>;
  risks: number;
  findings: number;
  newFindings: number;
  persistingFindings: number;
  fixedFindings: number;
  tentative: number;
  byCheck: { checkId: string; severity: string; n: number; newN: number }[];
  digest: string;
};

/** The summary of a scan from its rows (the diff must already be marked). */
export async function summarise(deps: Deps, scan: scans.ScanRow): Promise<ScanSummary> {
  const [agg, fixed, digests] = await Promise.all([
    scans.scanAggregates(deps.db, scan.id), scans.fixedCount(deps.db, scan.id), scans.logDigests(deps.db, scan.id),
  ]);
  const grades: Record<string, number> = {};
  const siteStatus: Record<string, number> = {};
  for (const g of agg.grades) {
    if (g.grade) grades[g.grade] = (grades[g.grade] ?? 0) + g.n;
    if (g.siteStatus) siteStatus[g.siteStatus] = (siteStatus[g.siteStatus] ?? 0) + g.n;
  }
  return {
    total: scan.totalTasks, done: scan.doneTasks, failed: scan.failedTasks, skipped: scan.skippedTasks, cancelled: scan.cancelledTasks,
    grades, siteStatus, risks: agg.risks, findings: agg.findings, newFindings: agg.newFindings,
    persistingFindings: agg.findings - agg.newFindings, fixedFindings: fixed, tentative: agg.tentative,
    byCheck: agg.checks, digest: hashScanDigests(digests),
  };
}

/** The final status from exact counters: everything done, some not, or nothing at all. */
export function finalStatus(scan: Pick<scans.ScanRow, 'totalTasks' | 'doneTasks' | 'failedTasks'>): ScanStatus {
  if (scan.totalTasks > 0 && scan.failedTasks === scan.totalTasks) return 'failed';
  return scan.doneTasks === scan.totalTasks ? 'completed' : 'completed_partial';
}

/**
 * scan.finalize (remote-detection.md §5.2): once nothing is pending or running, mark each
 * finding new or persisting against the site's previous task, write the summary and the scan
 * digest (over the tasks' request-log digests, in task order), and set the final status.
 */
export async function finalizeScan(deps: Deps, payload: unknown): Promise<void> {
  const { scanId } = ZScanJob.parse(payload);
  const first = await scans.scanById(deps.db, scanId);
  if (!first || first.status !== 'finalizing') return;
  const { actor } = await jobActor(deps, first);
  await deps.db.transaction().execute(async (trx) => {
    const scan = await scans.scanByIdForUpdate(trx, scanId);
    if (!scan || scan.status !== 'finalizing') return;
    await scans.markPersisting(trx, scan.id);
    const summary = await summarise({ ...deps, db: trx }, scan);
    await moveScan(trx, actor, scan, finalStatus(scan), {
      summary: { done: summary.done, failed: summary.failed, skipped: summary.skipped, cancelled: summary.cancelled, risks: summary.risks, digest: summary.digest },
      changes: { summary, digest: summary.digest, finishedAt: deps.now() },
    });
  });
}
