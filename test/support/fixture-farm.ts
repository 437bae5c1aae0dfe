import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DOMAIN, benchHandler, benchHost, benchKind, type BenchKind } from './farm/bench-sites';
import { FarmCore, type FarmAddress, type FarmStats } from './farm/core';
import {
  FIXTURE_DOMAIN, UNREGISTERED_HOSTS, fixtureDefs, strayHandler,
  type FixtureDef, type FixtureOptions, type FixtureSite,
} from './farm/fixtures';
import type { FarmHandler } from './farm/http-kit';
import { farmPki, type KeyCert, type LeafKind } from './farm/pki';

/**
 * The fixture farm (spec §6, §7): HTTP and HTTPS virtual hosts on loopback for the retrieval
 * tests, the §7 correctness suite and the scan benchmark. Every listener binds 127.0.0.x with
 * a random free port; `hosts` maps each name to its address and the ports that stand in for
 * 80 and 443, which the scanner's static resolver and port remap consume.
 *
 *   const farm = await startFarm({ fixtures: ['good-site', 'expired-cert'] });
 *   … scan with resolver = farm.hosts, extra CA = farm.rootCaPem …
 *   await farm.stop();
 */

export type { FarmAddress, FarmLogEntry, FarmStats } from './farm/core';
export type { FixtureSite, FixtureTls, FixtureTransport, FixtureNeeds, FixtureOptions } from './farm/fixtures';
export { FIXTURE_SITES, FIXTURE_DOMAIN, UNREGISTERED_HOSTS, fixtureHost, registeredFacts } from './farm/fixtures';
export { benchHost, benchKind, benchDelayMs, BENCH_DOMAIN, type BenchKind } from './farm/bench-sites';
export { fakeZip, goodPageHtml, ICP_NUMBER, PSB_NUMBER } from './farm/pages';
export { html, text, redirect, rangedFile, streamFiller, type FarmHandler, type FarmReply, type FarmRequest } from './farm/http-kit';
export { site } from './farm/fixtures';

export type FarmOptions = {
  /** §7 fixtures to serve: all (default), none (false) or the named subset. */
  fixtures?: boolean | readonly string[];
  fixtureOptions?: Partial<FixtureOptions>;
  /** Benchmark sites s00001.bench.test … */
  bench?: { sites: number; /** spread over 127.0.0.1 … 127.0.0.<ips> where the OS allows */ ips?: number };
  /** Keep a per-request log (default true; turn off for big benches). */
  log?: boolean;
  /** Ad-hoc hosts for a test (served on http and https with a valid farm certificate). */
  extraHosts?: Record<string, FarmHandler>;
};

export type BenchSite = { host: string; kind: BenchKind; index: number };

export type Farm = {
  /** Every served name (fixtures, bench sites and the unregistered stray hosts) → address. */
  hosts: Record<string, FarmAddress>;
  /** The throwaway root to trust as a configured root. */
  rootCaPem: string;
  /** Registry facts of the served §7 fixtures. */
  sites: FixtureSite[];
  benchSites: BenchSite[];
  stats(): Promise<FarmStats>;
  resetStats(): Promise<void>;
  stop(): Promise<void>;
};

/** Starts the farm in this process (tests). */
export async function startFarm(options: FarmOptions = {}): Promise<Farm> {
  const pki = await farmPki();
  const core = new FarmCore({ log: options.log ?? true });
  const hosts: Record<string, FarmAddress> = {};
  const sites: FixtureSite[] = [];
  const benchSites: BenchSite[] = [];
  try {
    if (options.fixtures !== false) {
      const all = fixtureDefs(options.fixtureOptions);
      const wanted = Array.isArray(options.fixtures) ? new Set(options.fixtures) : null;
      const chosen = wanted ? all.filter((d) => wanted.has(d.name)) : all;
      if (wanted && chosen.length !== wanted.size) {
        const known = new Set(all.map((d) => d.name));
        throw new Error(`unknown fixtures: ${[...wanted].filter((n) => !known.has(n)).join(', ')}`);
      }
      await serveFixtures(core, chosen, hosts, pki.rootPem, (k, names) => pki.issue({ kind: k, names }));
      for (const { handle: _h, ...facts } of chosen) sites.push(facts);
    }
    if (options.extraHosts && Object.keys(options.extraHosts).length > 0) {
      await serveExtras(core, options.extraHosts, hosts, pki.rootPem, (names) => pki.issue({ names }));
    }
    if (options.bench && options.bench.sites > 0) {
      await serveBench(core, options.bench.sites, options.bench.ips ?? 1, hosts, benchSites, pki.rootPem,
        (names) => pki.issue({ names }));
    }
  } catch (err) {
    await core.close();
    throw err;
  }
  return {
    hosts, rootCaPem: pki.rootPem, sites, benchSites,
    stats: async () => core.snapshot(),
    resetStats: async () => core.resetStats(),
    stop: () => core.close(),
  };
}

type Issue = (kind: LeafKind, names: string[]) => Promise<KeyCert>;

async function serveFixtures(
  core: FarmCore, defs: FixtureDef[], hosts: Record<string, FarmAddress>, ca: string, issue: Issue,
): Promise<void> {
  const ip = '127.0.0.1';
  const httpPort = await core.listenHttp(ip);
  const refused = await core.refusedPort(ip);
  // Leaf only: with SNI, OpenSSL sends the default context's extra chain when the chosen context
  // has none, which would complete the `incomplete-chain` fixture.
  const fallback = await issue('no-intermediate', [FIXTURE_DOMAIN]);

  const leafFor = (d: FixtureDef): Promise<KeyCert> => {
    switch (d.tls) {
      case 'expired': return issue('expired', [d.host]);
      case 'self-signed': return issue('self-signed', [d.host]);
      case 'wrong-host': return issue('normal', ['www.other-company.example']);
      case 'incomplete-chain': return issue('no-intermediate', [d.host]);
      default: return issue('normal', [d.host]);
    }
  };
  const withTls = defs.filter((d) => d.tls !== 'none' && d.transport === 'serve');
  const leaves = new Map(await Promise.all(withTls.map(async (d) => [d.host, await leafFor(d)] as const)));
  const strays = new Map(await Promise.all(UNREGISTERED_HOSTS.map(async (h) => [h, await issue('normal', [h])] as const)));

  const pick = (pred: (d: FixtureDef) => boolean) => new Map(withTls.filter(pred).map((d) => [d.host, leaves.get(d.host) as KeyCert]));
  const standardCerts = new Map([...pick((d) => d.tls !== 'tls13-only' && d.tls !== 'tls10'), ...strays]);
  const httpsPort = await core.listenHttps(ip, { minVersion: 'TLSv1.2', ca, certs: standardCerts, fallback });
  const tls13 = pick((d) => d.tls === 'tls13-only');
  const tls13Port = tls13.size ? await core.listenHttps(ip, { minVersion: 'TLSv1.3', ca, certs: tls13, fallback }) : refused;
  const tls10 = pick((d) => d.tls === 'tls10');
  const tls10Port = tls10.size
    ? await core.listenHttps(ip, { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0', ca, certs: tls10, fallback })
    : refused;

  for (const d of defs) {
    core.route(d.host, d.handle);
    if (d.transport === 'refused') {
      hosts[d.host] = { ip, httpPort: refused, httpsPort: refused };
      continue;
    }
    if (d.transport === 'reset') {
      const port = await core.listenReset(ip, d.host);
      hosts[d.host] = { ip, httpPort: port, httpsPort: port };
      continue;
    }
    const tlsPort = d.tls === 'none' ? refused : d.tls === 'tls13-only' ? tls13Port : d.tls === 'tls10' ? tls10Port : httpsPort;
    hosts[d.host] = { ip, httpPort, httpsPort: tlsPort };
  }
  for (const h of UNREGISTERED_HOSTS) {
    core.route(h, strayHandler);
    hosts[h] = { ip, httpPort, httpsPort };
  }
}

async function serveExtras(
  core: FarmCore, extras: Record<string, FarmHandler>, hosts: Record<string, FarmAddress>, ca: string,
  issue: (names: string[]) => Promise<KeyCert>,
): Promise<void> {
  const ip = '127.0.0.1';
  const names = Object.keys(extras).map((h) => h.toLowerCase());
  const certs = new Map(await Promise.all(names.map(async (h) => [h, await issue([h])] as const)));
  const fallback = await issue(['extra.farm.test']);
  const httpPort = await core.listenHttp(ip);
  const httpsPort = await core.listenHttps(ip, { minVersion: 'TLSv1.2', ca, certs, fallback });
  for (const [h, handler] of Object.entries(extras)) {
    core.route(h, handler);
    hosts[h.toLowerCase()] = { ip, httpPort, httpsPort };
  }
}

/** Binds 127.0.0.<n> if the OS lets us (Linux does for all of 127/8), else null. */
async function usableIp(core: FarmCore, n: number): Promise<string | null> {
  const ip = `127.0.0.${n}`;
  try {
    await core.refusedPort(ip);
    return ip;
  } catch {
    return null;
  }
}

async function serveBench(
  core: FarmCore, count: number, ipCount: number, hosts: Record<string, FarmAddress>,
  out: BenchSite[], ca: string, issueWildcard: (names: string[]) => Promise<KeyCert>,
): Promise<void> {
  const ips: string[] = [];
  for (let n = 1; n <= Math.max(1, Math.min(ipCount, 254)); n++) {
    const ip = await usableIp(core, n);
    if (ip) ips.push(ip);
    else break;
  }
  if (ips.length === 0) ips.push('127.0.0.1');
  const cert = await issueWildcard([`*.${BENCH_DOMAIN}`, BENCH_DOMAIN]);
  const perIp = await Promise.all(ips.map(async (ip) => ({
    ip,
    http: await core.listenHttp(ip),
    https: await core.listenHttps(ip, { minVersion: 'TLSv1.2', ca, certs: new Map(), fallback: cert }),
    reset: await core.listenReset(ip, `reset:${ip}`),
    refused: await core.refusedPort(ip),
  })));
  for (let i = 1; i <= count; i++) {
    const host = benchHost(i);
    const kind = benchKind(i);
    // Contiguous blocks per IP, like co-hosted sites on shared hosting.
    const a = perIp[Math.floor(((i - 1) * perIp.length) / count)] ?? perIp[0];
    if (!a) throw new Error('no bench listener');
    core.route(host, benchHandler(i));
    hosts[host] = kind === 'fail-reset'
      ? { ip: a.ip, httpPort: a.reset, httpsPort: a.reset }
      : { ip: a.ip, httpPort: a.http, httpsPort: kind === 'tls' ? a.https : a.refused };
    out.push({ host, kind, index: i });
  }
}

// ---- child-process mode (benchmarks: the farm must not share the scanner's event loop) ----

type ChildReady = { type: 'ready'; hosts: Record<string, FarmAddress>; rootCaPem: string; sites: FixtureSite[]; benchSites: BenchSite[] };
type ChildMessage = ChildReady | { type: 'stats'; id: number; stats: FarmStats } | { type: 'done'; id: number } | { type: 'error'; message: string };

/** Starts the farm in a child process (tsx), same API; stats travel over IPC. */
export async function startFarmProcess(options: FarmOptions = {}): Promise<Farm> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const repoRoot = path.resolve(here, '..', '..');
  const child = fork(path.join(here, 'farm', 'child.ts'), [JSON.stringify(options)], {
    cwd: repoRoot, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let seq = 0;
  const pending = new Map<number, (m: ChildMessage) => void>();
  const ready = new Promise<ChildReady>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`farm child exited with ${code}`)));
    child.on('message', (raw) => {
      const m = raw as ChildMessage;
      if (m.type === 'ready') resolve(m);
      else if (m.type === 'error') reject(new Error(m.message));
      else pending.get(m.id)?.(m);
    });
  });
  const ask = (type: 'stats' | 'reset-stats' | 'stop') => new Promise<ChildMessage>((resolve) => {
    const id = ++seq;
    pending.set(id, (m) => {
      pending.delete(id);
      resolve(m);
    });
    child.send({ type, id });
  });
  const r = await ready;
  return {
    hosts: r.hosts, rootCaPem: r.rootCaPem, sites: r.sites, benchSites: r.benchSites,
    stats: async () => {
      const m = await ask('stats');
      if (m.type !== 'stats') throw new Error('farm child: unexpected reply');
      return m.stats;
    },
    resetStats: async () => {
      await ask('reset-stats');
    },
    stop: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      if (child.connected) await ask('stop');
      await exited;
    },
  };
}
