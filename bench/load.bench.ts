// Load test: the real server (`wangan serve --demo`, a child process, so the load generator does
// not share its event loop) on 127.0.0.1, logged-in users of several roles, a mixed read/write
// workload (list and detail reads, and one entity registration in every WRITE_EVERY requests,
// CSRF header and all), BENCH_LOAD_CONNECTIONS concurrent connections (default 200) for
// BENCH_LOAD_SECONDS (default 30) through autocannon. PostgreSQL when DATABASE_URL is set (in a
// throw-away schema via DATABASE_SCHEMA, dropped afterwards), else embedded PGlite in a
// throw-away data dir. Loopback only. Writes bench/results/load-<engine>.json; BENCH_DEBUG=1 also
// prints the latencies second by second (a start-up ramp or a stall shows there).
import { spawn } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { DEMO_PASSWORD } from '../src/domain/demo/seed-org';
import { composeUscc } from '../src/domain/registry/uscc';
import { openDatabase } from '../src/store/db';
import { envInt, percentile, round, writeResult } from './support';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const url = process.env.DATABASE_URL;
const engine = url ? 'postgres' : 'pglite';
const schema = `bench_load_${process.pid}`;
const connections = envInt('BENCH_LOAD_CONNECTIONS', 200);
const duration = envInt('BENCH_LOAD_SECONDS', 30);
const WRITE_EVERY = 20;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangan-load-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env: NodeJS.ProcessEnv = {
  ...process.env, WANGAN_DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn',
  SESSION_IDLE_MINUTES: '120', WANGAN_SECRET: 'load-test-secret-0123456789abcdef',
};
if (url) Object.assign(env, { DATABASE_URL: url, DATABASE_SCHEMA: schema });
else delete env.DATABASE_URL;
const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--demo'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
// Warnings and errors the server logs (pino JSON at level >= 40) are findings: show them.
let logged = 0;
readline.createInterface({ input: server.stdout! }).on('line', (line) => {
  const level = /^\{"level":(\d+)/.exec(line)?.[1];
  if (level && Number(level) >= 40 && logged++ < 20) console.log(`server: ${line.slice(0, 400)}`);
});
try {
  await run();
} finally {
  if (server.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (url) {
    const admin = await openDatabase({ kind: 'postgres', url, max: 1 });
    await admin.executeSql(`DROP SCHEMA IF EXISTS ${schema}_boss CASCADE`).catch(() => undefined);
    await admin.executeSql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.close();
  }
}
process.exit(0);

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const p = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return p;
}

/** The server's resident memory, sampled every 200 ms (Linux /proc); stop() gives the peak in MB. */
function trackServerRss(pid: number): () => number {
  let peak = 0;
  const sample = () => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb);
    } catch { /* not Linux, or gone */ }
  };
  sample();
  const timer = setInterval(sample, 200);
  return () => {
    clearInterval(timer);
    sample();
    return round(peak / 1024, 1);
  };
}

async function run(): Promise<void> {
  const readyBy = Date.now() + 10 * 60_000; // the first start seeds the demo jurisdiction, then listens
  while (!(await fetch(`${base}/readyz`).then((r) => r.ok, () => false))) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    if (Date.now() > readyBy) throw new Error('server did not become ready');
    await new Promise((r) => setTimeout(r, 500));
  }

  type Session = { cookie: string; csrf: string };
  const loginAs = async (username: string): Promise<Session> => {
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
    if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  };
  // Inspectors at city and county level: every route in the mix is theirs to use, so any non-2xx is a bug.
  const users = ['demo-inspector', 'demo-inspector2', 'demo-county-inspector'];
  const sessions: Session[] = [];
  for (const u of users) sessions.push(await loginAs(u));

  // A route list that grows with the product: GETs that exist are part of the mix, plus the
  // detail page of an entity every user can see.
  const candidates = ['/api/auth/session', '/api/units', '/api/entities?limit=20', '/api/entities?limit=20&q=%E7%BD%91', '/api/inspections?limit=20', '/api/plans?limit=20', '/api/rectification-notices?limit=20', '/api/rule-sets', '/api/focus?limit=20', '/api/scans?limit=20', '/api/documents?limit=20'];
  const countyEntities = await fetch(`${base}/api/entities?limit=1`, { headers: { cookie: sessions[2]!.cookie } });
  const shared = ((await countyEntities.json()) as { items: { id: string }[] }).items[0];
  if (shared) candidates.push(`/api/entities/${shared.id}`);
  const paths: string[] = [];
  for (const p of candidates) {
    const ok = await Promise.all(sessions.map(async (s) => (await fetch(`${base}${p}`, { headers: { cookie: s.cookie } })).status === 200));
    if (ok.every(Boolean)) paths.push(p);
  }

  // The mix: every user × every read, each request carrying its user's session cookie and CSRF
  // header; every WRITE_EVERY-th request (counted over all connections) is a registration, by
  // each user in turn, with a fresh code from a block no seed uses.
  type Call = { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string };
  // A fresh headers object per request: autocannon writes Content-Length into the one it gets.
  const headersOf = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' });
  const reads = paths.flatMap((p) => sessions.map((s) => () => ({ method: 'GET', path: p, headers: headersOf(s) }) as Call));
  let registered = 0;
  const register = (): Call => {
    registered++;
    const body = {
      kind: 'serviceProvider', type: 'icp', name: `压测登记单位${registered}`, address: '宿迁市宿城区压测路1号', regionCode: '321302',
      uscc: composeUscc(`91321302W${String(registered).padStart(8, '0')}`),
    };
    return { method: 'POST', path: '/api/entities', headers: headersOf(sessions[registered % sessions.length]!), body: JSON.stringify(body) };
  };
  let turn = 0;
  let readTurn = 0;
  const next = (): Call => (++turn % WRITE_EVERY === 0 ? register() : reads[readTurn++ % reads.length]!());
  const failures = new Map<string, number>();
  const requests: autocannon.Request[] = [{
    setupRequest: (req) => ({ ...req, body: undefined, ...next() }),
    // Any answer outside 2xx is a finding: keep what it said.
    onResponse: (status, body) => {
      if (status < 300) return;
      const key = `${status} ${body.slice(0, 160)}`;
      failures.set(key, (failures.get(key) ?? 0) + 1);
    },
  }];

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  const bySecond: number[][] = []; // BENCH_DEBUG: latencies of the answers in each second
  const stopRss = trackServerRss(server.pid!);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: base, connections, duration, requests }, (err, r) => (err ? reject(err) : resolve(r)));
    // autocannon emits (client, status, bytes, ms); its typings leave the client out.
    (instance as unknown as EventEmitter).on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      ((bySecond[Math.floor((performance.now() - started) / 1000)] ??= [])).push(ms);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
  });
  const serverPeakRssMb = stopRss();
  console.log(`status codes: ${JSON.stringify(Object.fromEntries(statuses))}`);
  for (const [what, n] of failures) console.log(`  ${n}× ${what}`);
  if (process.env.BENCH_DEBUG) bySecond.forEach((v, i) => console.log(`second ${i}: ${v.length} answers, p50 ${percentile(v, 50)} ms, max ${percentile(v, 100)} ms`));
  const stored = (await fetch(`${base}/api/entities?limit=1&q=${encodeURIComponent('压测登记单位')}`, { headers: { cookie: sessions[0]!.cookie } }).then((r) => r.json())) as { total: number };
  const created = statuses.get(201) ?? 0;
  if (stored.total !== created) console.log(`note: ${created} registrations answered 201, ${stored.total} are stored (the difference timed out or was cut off at the end)`);

  writeResult(`load-${engine}`, {
    requestsPerSecond: round(result.requests.average, 0),
    requestsTotal: result.requests.total,
    writesTotal: created,
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
    latencyP99Ms: percentile(latencies, 99),
    latencyMaxMs: percentile(latencies, 100),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    serverPeakRssMb,
  }, { connections, durationSeconds: duration, readRoutes: paths.length, writeShare: round(1 / WRITE_EVERY, 3), users: sessions.length, database: engine });
}
