// Load test: the real server on 127.0.0.1, logged-in users of several roles, a mixed read/write
// workload, 200 concurrent connections for a bounded time (autocannon). Loopback only.
import autocannon from 'autocannon';
import { loadConfig } from '../src/config';
import { buildDeps } from '../src/bootstrap';
import { seedDemo } from '../src/domain/demo/seed-demo';
import { DEMO_PASSWORD } from '../src/domain/demo/seed-org';
import { buildServer } from '../src/http/server';
import { openDatabase } from '../src/store/db';
import { migrate } from '../src/store/migrate';
import { envInt, round, trackPeakRss, writeResult } from './support';

const url = process.env.DATABASE_URL;
const schema = `bench_load_${process.pid}`;
const handle = url ? await openDatabase({ kind: 'postgres', url, schema, max: 20 }) : await openDatabase({ kind: 'pglite' });
await migrate(handle);
const config = loadConfig({ WANGAN_DATA_DIR: '/tmp/wangan-load', LOG_LEVEL: 'silent', SESSION_IDLE_MINUTES: '120' });
const deps = buildDeps(config, handle, { secret: 'load-test-secret-0123456789' });
await seedDemo(deps);
const app = await buildServer(deps, { serveWeb: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no address');
const base = `http://127.0.0.1:${address.port}`;

type Session = { cookie: string; csrf: string };
async function loginAs(username: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}
// Inspectors at city and county level: every route in the mix is theirs to read, so any non-2xx is a bug.
const users = ['demo-inspector', 'demo-inspector2', 'demo-county-inspector'];
const sessions: Session[] = [];
for (const u of users) sessions.push(await loginAs(u));

// A route list that grows with the product: GETs that exist are part of the mix.
const candidates = ['/api/auth/session', '/api/units', '/api/entities?limit=20', '/api/entities?limit=20&q=%E7%BD%91', '/api/inspections?limit=20', '/api/plans?limit=20', '/api/rectification-notices?limit=20', '/api/rule-sets', '/api/focus?limit=20', '/api/scans?limit=20', '/api/documents?limit=20'];
const paths: string[] = [];
for (const p of candidates) {
  const r = await fetch(`${base}${p}`, { headers: { cookie: sessions[0]!.cookie } });
  if (r.status === 200) paths.push(p);
}
const connections = envInt('BENCH_LOAD_CONNECTIONS', 200);
const duration = envInt('BENCH_LOAD_SECONDS', 20);
const stopRss = trackPeakRss();
const result = await autocannon({
  url: base,
  connections,
  duration,
  // Every user × every route, each request carrying its user's session cookie.
  requests: sessions.flatMap((s) => paths.map((p) => ({ method: 'GET' as const, path: p, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } }))),
});
if (process.env.BENCH_DEBUG) {
  console.log(JSON.stringify((result as unknown as { statusCodeStats: unknown }).statusCodeStats));
  for (const p of paths) for (const s of sessions) {
    const r = await fetch(`${base}${p}`, { headers: { cookie: s.cookie } });
    if (r.status !== 200) console.log(p, r.status, (await r.text()).slice(0, 200));
  }
}
writeResult(`load-${handle.kind}`, {
  requestsPerSecond: round(result.requests.average, 0),
  latencyP50Ms: result.latency.p50,
  latencyP97_5Ms: result.latency.p97_5,
  latencyP99Ms: result.latency.p99,
  errors: result.errors + result.timeouts,
  non2xx: result.non2xx,
  peakRssMb: stopRss(),
}, { connections, durationSeconds: duration, routes: paths.length, users: sessions.length, database: handle.kind });
await app.close();
if (url) await handle.executeSql(`DROP SCHEMA ${schema} CASCADE`);
await handle.close();
process.exit(0);
