import { loopbackEnvironment, type RetrievalEnvironment } from '../../scan/run';
import * as assets from '../../store/registry.assets.store';
import * as authStore from '../../store/scan-authorisations.store';
import * as users from '../../store/users.store';
import type * as scans from '../../store/scans.store';
import { actorFromUser } from '../auth/actor';
import type { Deps } from '../deps';
import { DEMO_NETWORK_PURPOSE } from '../scans/seed-demo';
import { startScan } from '../scans/start-scan';
import { plantedDefect } from './demo-web/defects';
import type { DemoWebsite } from './demo-web/pages';
import { DEMO_WEB_IP, startDemoWeb, type DemoWeb } from './demo-web/server';

/**
 * The demo network (`serve --demo`): the demo websites served on 127.0.0.1, and the scan
 * engine's environment that maps every demo hostname there and nothing else. Unknown names
 * resolve to nothing (no real DNS) and the loopback guard refuses any other address, so a demo
 * scan never leaves the machine.
 */

/** AVL-01's late retry in the demo network: seconds, not the production 5 minutes. */
export const DEMO_LATE_RETRY_MS = 2000;

export type DemoNetwork = {
  web: DemoWeb;
  /** Hand to `scanEngineFor(deps, { retrieval })` before the workers start. */
  environment: RetrievalEnvironment;
  sites: number;
  close(): Promise<void>;
};

/** Why the demo network is not started, or null when it may be. */
export function demoNetworkRefusal(config: Deps['config']): string | null {
  if (config.scanNetwork === 'production') return 'the scan network is production';
  if (config.scanHostsFile) return 'WANGAN_SCAN_HOSTS_FILE names the hosts';
  return null;
}

/**
 * Starts the demo network over the demo entities' websites; null in production network mode,
 * with a hosts file, or without demo websites.
 */
export async function startDemoNetwork(deps: Deps): Promise<DemoNetwork | null> {
  if (demoNetworkRefusal(deps.config)) return null;
  const rows = await assets.demoWebsites(deps.db);
  if (rows.length === 0) return null;
  const sites: DemoWebsite[] = rows.map((r) => ({
    hostname: r.hostname, entityName: r.entityName, entityType: r.entityType, address: r.address,
    icpNumber: r.icpFilingNumber, psbNumber: r.psbFilingNumber, defect: plantedDefect(r.hostname),
  }));
  const web = await startDemoWeb(sites);
  if (Object.values(web.hosts).some((h) => h.ip !== DEMO_WEB_IP)) throw new Error('demo network: a host maps off loopback');
  // Our own server on loopback: rates lifted and network retries quick; concurrency limits and
  // budgets stay as in production.
  const environment = loopbackEnvironment({ hosts: web.hosts, liftRates: true, limits: { retryDelaysMs: [100, 400] }, lateRetryMs: DEMO_LATE_RETRY_MS });
  return { web, environment, sites: sites.length, close: () => web.close() };
}

/**
 * The demo scan: demo-inspector scans the websites of the demo-network authorisations through
 * the real use case; the workers then run it against the demo network. Null when the demo has
 * no such authorisation (a trimmed org).
 */
export async function startDemoScan(deps: Deps): Promise<scans.ScanRow | null> {
  const row = await users.findByUsername(deps.db, 'demo-inspector');
  if (!row) return null;
  const inspector = actorFromUser(row, { ip: null, source: 'system' });
  const scope = { kind: 'units' as const, unitPath: inspector.unitPath };
  const { rows } = await authStore.listAuthorisations(deps.db, scope, { status: 'active' }, { limit: 100, offset: 0 });
  const siteIds = rows.filter((a) => a.purpose === DEMO_NETWORK_PURPOSE).flatMap((a) => a.siteIds);
  if (siteIds.length === 0) return null;
  return startScan(deps, inspector, { target: { kind: 'sites', siteIds }, profile: 'standard' });
}
