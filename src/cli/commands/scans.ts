import fs from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { buildDeps, openConfiguredDatabase } from '../../bootstrap';
import { loadConfig } from '../../config';
import type { Deps } from '../../domain/deps';
import { cancelScan } from '../../domain/scans/control-scan';
import { exportScanXlsx } from '../../domain/scans/export-scan';
import { getScan, listScanSites, progressOf, scanProgress, ZListScanSitesQuery, type ScanProgress } from '../../domain/scans/read-scans';
import { startScan } from '../../domain/scans/start-scan';
import { promoteScanFindings, ZPromoteScanFindingsBody } from '../../domain/inspections/promote-scan-findings';
import type { ScanTarget } from '../../domain/scans/targets';
import { scanEngineFor } from '../../domain/scans/worker/engine';
import { startJobs, type JobRunner } from '../../jobs/queue';
import { jobHandlers } from '../../jobs/registry';
import { DEFAULT_LIMITS } from '../../scan/retrieve';
import { retrievalEnvironment } from '../../scan/run';
import { cliActor, fail, withDeps } from '../context';

const FINAL = ['completed', 'completed_partial', 'cancelled', 'failed'];

function targetOf(o: { entity?: string; unit?: string; sites?: string; campaign?: string }): ScanTarget {
  const given = [o.entity, o.unit, o.sites, o.campaign].filter(Boolean).length;
  if (given !== 1) fail('name exactly one target: --entity <id>, --unit <id>, --sites <id,id,…> or --campaign <id>');
  if (o.entity) return { kind: 'entity', entityId: o.entity };
  if (o.campaign) return { kind: 'campaign', campaignId: o.campaign };
  if (o.unit) return { kind: 'unit', unitId: o.unit };
  return { kind: 'sites', siteIds: (o.sites ?? '').split(',').map((s) => s.trim()).filter(Boolean) };
}

function describeLimits(deps: Deps): string {
  const env = retrievalEnvironment(deps.config);
  const l = { ...DEFAULT_LIMITS, ...env.limits };
  const rate = (n: number) => (Number.isFinite(n) ? `${n}/s` : 'lifted');
  return [
    `network ${deps.config.scanNetwork}`, `global ${rate(l.globalRatePerSec)}`,
    `per host ${l.perHostConcurrency} conn ${rate(l.perHostRatePerSec)}`, `per IP ${l.perIpConcurrency} conn ${rate(l.perIpRatePerSec)}`,
    `${env.sitesInFlight} sites in flight`, `site budget ${l.siteRequests} req / ${Math.round(l.siteBytes / 1048576)} MB / ${l.siteTimeMs / 1000} s`,
  ].join(', ');
}

/** Redraws a bar each second until the scan ends; resolves with the last progress. */
async function watch(deps: Deps, scanId: string, read: () => Promise<ScanProgress>): Promise<ScanProgress> {
  const bar = new cliProgress.SingleBar({
    format: ' {bar} {value}/{total} sites | {rate} sites/s | ETA {eta}s | {status} | failed {failed} skipped {skipped}',
    hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  let p = await read();
  bar.start(Math.max(1, p.total), 0, { rate: 0, eta: '-', status: p.status, failed: 0, skipped: 0 });
  for (;;) {
    const finished = p.done + p.failed + p.skipped + p.cancelled;
    bar.setTotal(Math.max(1, p.total));
    bar.update(finished, { rate: p.sitesPerSecond, eta: p.etaSeconds ?? '-', status: p.status, failed: p.failed, skipped: p.skipped });
    if (FINAL.includes(p.status)) break;
    await new Promise((r) => setTimeout(r, 1000));
    p = await read();
  }
  bar.stop();
  return p;
}

function printSummary(summary: Record<string, unknown> | null): void {
  if (!summary) return;
  const grades = summary.grades as Record<string, number> | undefined;
  console.log(`grades: ${grades ? Object.entries(grades).map(([g, n]) => `${g} ${n}`).join(', ') : '-'}`);
  console.log(`findings ${String(summary.findings)} (new ${String(summary.newFindings)}, persisting ${String(summary.persistingFindings)}, fixed ${String(summary.fixedFindings)}), risks ${String(summary.risks)}, tentative ${String(summary.tentative)}`);
  console.log(`digest ${String(summary.digest)}`);
}

/** `wangan scan start|status|cancel|results|export`: remote detection as a named user. */
export function registerScanCommands(program: Command): void {
  const scan = program.command('scan').description('remote detection (远程检测)');

  scan.command('start')
    .description('start a scan of an entity, a unit subtree, given sites or a campaign\'s targets, under active authorisations; shows progress')
    .option('--entity <id>', 'entity id')
    .option('--unit <id>', 'unit id: every registered website below it')
    .option('--sites <ids>', 'comma-separated site ids')
    .option('--campaign <id>', 'campaign id: the registered websites of its target entities in your scope')
    .option('--profile <profile>', 'http | standard', 'standard')
    .requiredOption('--as <username>', 'act as this user (their roles and scope apply)')
    .option('--no-work', 'only enqueue: dedicated `wangan worker` processes do the work (PostgreSQL)')
    .option('--no-wait', 'return after starting')
    .action(async (o: { entity?: string; unit?: string; sites?: string; campaign?: string; profile: string; as: string; work: boolean; wait: boolean }) => {
      const config = loadConfig();
      const handle = await openConfiguredDatabase(config);
      let runner: JobRunner | null = null;
      let deps: Deps | null = null;
      try {
        const base = buildDeps(config, handle);
        runner = await startJobs(handle, base.log);
        deps = buildDeps(config, handle, { jobs: runner });
        // The embedded database has no other process to work the queue: this one does.
        if (o.work || handle.kind === 'pglite') await runner.work(jobHandlers(deps), { pollingIntervalSeconds: 0.5 });
        const actor = await cliActor(deps, o.as);
        if (o.profile !== 'http' && o.profile !== 'standard') fail('--profile is http or standard');
        console.log(`limits: ${describeLimits(deps)}`);
        const started = await startScan(deps, actor, { target: targetOf(o), profile: o.profile });
        console.log(`scan ${started.id} queued: ${started.targetLabel} (${started.profile})`);
        if (!o.wait) return;
        const d = deps;
        const last = await watch(d, started.id, () => scanProgress(d, actor, started.id));
        const final = await getScan(d, actor, started.id);
        console.log(`${final.status}: ${last.done} done, ${last.failed} failed, ${last.skipped} skipped, ${last.cancelled} cancelled of ${last.total}`);
        printSummary(final.summary);
      } finally {
        if (deps) await scanEngineFor(deps).stop().catch(() => undefined);
        await runner?.stop().catch(() => undefined);
        await handle.close();
      }
    });

  scan.command('status <scanId>')
    .description('status and progress of a scan')
    .requiredOption('--as <username>', 'act as this user')
    .option('--watch', 'redraw until the scan ends')
    .action(async (scanId: string, o: { as: string; watch?: boolean }) => {
      await withDeps(async (deps) => {
        const actor = await cliActor(deps, o.as);
        const s = await getScan(deps, actor, scanId);
        console.log(`${s.id}  ${s.status}  ${s.targetLabel}  profile ${s.profile}  scoring ${s.stamp.scoringVersion}`);
        const p = o.watch ? await watch(deps, s.id, () => scanProgress(deps, actor, s.id)) : await progressOf(deps, s);
        console.log(`total ${p.total}, done ${p.done}, failed ${p.failed}, skipped ${p.skipped}, cancelled ${p.cancelled}, running ${p.running}, pending ${p.pending} (late retries ${p.lateRetries}), ${p.sitesPerSecond} sites/s, ETA ${p.etaSeconds ?? '-'} s`);
        printSummary((await getScan(deps, actor, scanId)).summary);
      });
    });

  scan.command('cancel <scanId>')
    .description('cancel a scan: pending sites are dropped, requests in flight aborted')
    .requiredOption('--as <username>', 'act as this user')
    .requiredOption('--reason <text>', 'why (audited)')
    .action(async (scanId: string, o: { as: string; reason: string }) => {
      await withDeps(async (deps) => {
        const s = await cancelScan(deps, await cliActor(deps, o.as), { scanId, reason: o.reason });
        console.log(`${s.id}  ${s.status}`);
      });
    });

  scan.command('results <scanId>')
    .description('per-site results')
    .requiredOption('--as <username>', 'act as this user')
    .option('--format <format>', 'table | json | csv', 'table')
    .option('--grade <grade>', 'only this grade')
    .option('--risky', 'only sites with risks')
    .action(async (scanId: string, o: { as: string; format: string; grade?: string; risky?: boolean }) => {
      await withDeps(async (deps) => {
        const actor = await cliActor(deps, o.as);
        const rows = [];
        for (let offset = 0; ; offset += 500) {
          const page = await listScanSites(deps, actor, scanId, ZListScanSitesQuery.parse({ limit: 500, offset, grade: o.grade, risky: o.risky ? 'true' : undefined }));
          rows.push(...page.rows);
          if (offset + 500 >= page.total) break;
        }
        const view = rows.map((r) => ({
          seq: r.seq, hostname: r.hostname, status: r.status, siteStatus: r.siteStatus ?? '', grade: r.grade ?? '', score: r.score ?? '',
          risks: r.riskCount ?? '', findings: r.findingCount ?? '', error: r.error ?? '',
        }));
        if (o.format === 'json') console.log(JSON.stringify(view, null, 2));
        else if (o.format === 'csv') {
          const esc = (v: unknown) => `"${String(v).replaceAll('"', '""')}"`;
          console.log(['seq', 'hostname', 'status', 'siteStatus', 'grade', 'score', 'risks', 'findings', 'error'].join(','));
          for (const v of view) console.log(Object.values(v).map(esc).join(','));
        } else {
          for (const v of view) console.log(`${String(v.seq).padStart(5)}  ${v.hostname.padEnd(40)} ${v.status.padEnd(14)} ${String(v.grade).padEnd(3)} ${String(v.score).padStart(4)}  risks ${v.risks}  ${v.siteStatus}${v.error ? `  ${v.error}` : ''}`);
          console.log(`${view.length} sites`);
        }
      });
    });

  scan.command('promote <scanId> <siteId>')
    .description('carry a site\'s findings into the remote-detection inspection being checked (检查记录)')
    .requiredOption('--as <username>', 'act as this user (a member of the inspection team)')
    .option('--inspection <id>', 'the remote inspection (default: your only one of the entity being checked)')
    .option('--findings <ids>', 'scan finding ids, comma-separated (default: every promotable one)')
    .action(async (scanId: string, siteId: string, o: { as: string; inspection?: string; findings?: string }) => {
      await withDeps(async (deps) => {
        const body = ZPromoteScanFindingsBody.parse({ inspectionId: o.inspection, findingIds: o.findings ? o.findings.split(',').map((s) => s.trim()).filter(Boolean) : undefined });
        const r = await promoteScanFindings(deps, await cliActor(deps, o.as), { ...body, scanId, siteId });
        for (const p of r.promoted) console.log(`${p.scanFindingId}  ${p.checkId.padEnd(8)} → ${p.itemKey}`);
        console.log(`inspection ${r.inspection.id}: ${r.promoted.length} promoted, ${r.alreadyPromoted.length} already there`);
      });
    });

  scan.command('export <scanId> <file>')
    .description('write the per-site results to an XLSX file')
    .requiredOption('--as <username>', 'act as this user')
    .action(async (scanId: string, file: string, o: { as: string }) => {
      await withDeps(async (deps) => {
        const out = fs.createWriteStream(file);
        const done = new Promise<void>((resolve, reject) => {
          out.on('finish', () => resolve());
          out.on('error', reject);
        });
        const { rows } = await exportScanXlsx(deps, await cliActor(deps, o.as), scanId, out);
        await done;
        console.log(`wrote ${rows} sites to ${file}`);
      });
    });
}
