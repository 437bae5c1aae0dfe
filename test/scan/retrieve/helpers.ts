import type { TestContext } from 'node:test';
import {
  createRetriever, retrieveSite, staticNetwork,
  type RetrievalLimits, type Retriever, type RetrieveOptions, type SiteRetrieval,
} from '../../../src/scan/retrieve';
import type { ScanProfile } from '../../../src/scan/evidence';
import { registeredFacts, startFarm, type Farm, type FarmOptions } from '../../support/fixture-farm';

/** Rates lifted and retries fast so tests take milliseconds; concurrency limits kept. */
export const FAST_LIMITS: Partial<RetrievalLimits> = {
  globalRatePerSec: Infinity,
  perHostRatePerSec: Infinity,
  perIpRatePerSec: Infinity,
  perIpConcurrency: 64,
  retryDelaysMs: [10, 40],
};

export async function farmFor(t: TestContext, options: FarmOptions): Promise<Farm> {
  const farm = await startFarm(options);
  t.after(() => farm.stop());
  return farm;
}

export function retrieverFor(t: TestContext, farm: Farm, limits: Partial<RetrievalLimits> = {}): Retriever {
  const r = createRetriever({
    network: 'loopback',
    ...staticNetwork(farm.hosts),
    extraCaPem: [farm.rootCaPem],
    limits: { ...FAST_LIMITS, ...limits },
  });
  t.after(() => r.close());
  return r;
}

/** Retrieves a farm host with the fixture's registry facts (or default facts for extra hosts). */
export function retrieve(
  r: Retriever, farm: Farm, host: string, profile: ScanProfile = 'standard', options: RetrieveOptions & { hostnames?: string[] } = {},
): Promise<SiteRetrieval> {
  const fixture = farm.sites.find((s) => s.host === host);
  const registered = fixture?.registered ?? registeredFacts(host, options.hostnames ? { hostnames: options.hostnames } : {});
  return retrieveSite({ siteId: host, host, registered }, profile, r, options);
}

export const fx = (name: string): string => `${name}.farm.test`;
