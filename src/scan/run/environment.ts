/**
 * Where a worker's requests go: production (c-ares, real ports, inward ranges refused) or
 * loopback (tests, benchmarks, the demo farm: only 127/8 and ::1, names from a static map).
 * The static map comes from a JSON file named by WANGAN_SCAN_HOSTS_FILE, or is handed in by
 * a test that runs the farm in the same process.
 */

import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Config } from '../../config';
import {
  caresResolver, identityPorts, staticNetwork,
  type RetrievalLimits, type RetrieverOptions,
} from '../retrieve';

/** Sites a worker has in flight at once (spec §5.1). */
export const SITES_IN_FLIGHT = 200;

/** AVL-01's late retry (spec §3.2): an unreachable site is tried once more ≥ 5 min later. */
export const LATE_RETRY_MS = 5 * 60_000;

export type RetrievalEnvironment = {
  options: Omit<RetrieverOptions, 'limits'>;
  /** Overrides of the production limits (the scan's authorisation may only lower the result). */
  limits: Partial<RetrievalLimits>;
  sitesInFlight: number;
  /** Loopback only (tests, benchmarks, the demo farm): a shorter AVL-01 late-retry delay. */
  lateRetryMs?: number;
};

const ZHostsFile = z.object({
  hosts: z.record(z.string(), z.object({
    ip: z.string(),
    httpPort: z.number().int().positive().optional(),
    httpsPort: z.number().int().positive().optional(),
  })),
  rootCaPem: z.string().optional(),
  /** Lift the global, per-host and per-IP rates (benchmarks; concurrency limits stay). */
  liftRates: z.boolean().optional(),
  limits: z.record(z.string(), z.union([z.number(), z.array(z.number())])).optional(),
  sitesInFlight: z.number().int().positive().optional(),
  /** AVL-01 late-retry delay (default LATE_RETRY_MS, 5 min). */
  lateRetryMs: z.number().int().nonnegative().optional(),
});
export type HostsFile = z.input<typeof ZHostsFile>;

/** Rates lifted; concurrency limits and budgets kept (spec §6 "Runs"). */
export const LIFTED_RATES: Partial<RetrievalLimits> = {
  globalRatePerSec: Infinity, perHostRatePerSec: Infinity, perIpRatePerSec: Infinity,
};

/** The environment described by a hosts file's content (loopback only); validated here. */
export function loopbackEnvironment(file: HostsFile | unknown): RetrievalEnvironment {
  const f = ZHostsFile.parse(file);
  const limits: Partial<RetrievalLimits> = { ...(f.liftRates ? LIFTED_RATES : {}) };
  for (const [k, v] of Object.entries(f.limits ?? {})) (limits as Record<string, unknown>)[k] = v;
  return {
    options: { network: 'loopback', ...staticNetwork(f.hosts), extraCaPem: f.rootCaPem ? [f.rootCaPem] : [] },
    limits,
    sitesInFlight: f.sitesInFlight ?? SITES_IN_FLIGHT,
    ...(f.lateRetryMs !== undefined ? { lateRetryMs: f.lateRetryMs } : {}),
  };
}

/** The environment a worker built from config runs in. */
export function retrievalEnvironment(config: Config): RetrievalEnvironment {
  if (config.scanNetwork === 'production') {
    return { options: { network: 'production', resolver: caresResolver(), ports: identityPorts }, limits: {}, sitesInFlight: SITES_IN_FLIGHT };
  }
  if (config.scanHostsFile) {
    const raw: unknown = JSON.parse(readFileSync(config.scanHostsFile, 'utf8'));
    return loopbackEnvironment(raw);
  }
  // Loopback without a map: real names resolve, and the guard refuses every non-loopback answer.
  return { options: { network: 'loopback', resolver: caresResolver(), ports: identityPorts }, limits: {}, sitesInFlight: SITES_IN_FLIGHT };
}
