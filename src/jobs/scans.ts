import type { Deps } from '../domain/deps';
import { SCAN_JOBS } from '../domain/scans/jobs';
import { scanEngineFor } from '../domain/scans/worker/engine';
import { finalizeScan } from '../domain/scans/worker/finalize-scan';
import { planScan } from '../domain/scans/worker/plan-scan';
import { workChunk } from '../domain/scans/worker/work-chunk';
import type { JobRegistry } from './queue';

/**
 * scan.plan, scan.chunk and scan.finalize. Building the handlers starts this process's scan
 * engine: it registers the worker, sweeps up after dead workers at once and every 15 s, and
 * heartbeats every 5 s (timers do not keep the process alive).
 */
export function scanJobs(deps: Deps): JobRegistry {
  const engine = scanEngineFor(deps);
  void engine.start().catch((err: unknown) => deps.log.warn({ err }, 'scan engine did not start'));
  return {
    [SCAN_JOBS.plan]: async (data) => {
      await planScan(deps, data);
    },
    [SCAN_JOBS.chunk]: async (data) => {
      await workChunk(deps, data);
    },
    [SCAN_JOBS.finalize]: async (data) => {
      await finalizeScan(deps, data);
    },
  };
}
