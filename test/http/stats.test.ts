import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../src/domain/deps';
import { testDeps } from '../support/db';
import { login } from '../support/http';
import { seedOrg, type TestOrg } from '../support/org';
import { buildServer } from '../../src/http/server';
import { NOW, seedStatsScenario } from '../domain/stats/seed';

let deps: Deps & { setNow: (d: Date) => void };
let org: TestOrg;
let app: FastifyInstance;

const cleanups: (() => unknown)[] = [];
after(async () => {
  await app?.close();
  for (const fn of cleanups) await fn();
});
before(async () => {
  deps = await testDeps({ after: (fn) => void cleanups.push(fn as () => unknown) });
  deps.setNow(NOW);
  org = await seedOrg(deps);
  await seedStatsScenario(deps, org);
  app = await buildServer(deps, { serveWeb: false });
});

type Dashboard = { unit: { id: string }; entities: { total: number; byType: { key: string; count: number }[] }; overdueRectifications: { count: number; top: { entityName: string }[] }; report: { key: string; value: number; approx: string }[] };
type Report = { unit: { id: string }; from: string; to: string; figures: { key: string; block: string; value: number; approx: string; drill: { path: string; query: Record<string, string> } }[]; unavailable: { key: string }[] };

test('GET /api/stats/dashboard: a cityB leader never sees cityA figures', async () => {
  const nj = await login(app, 'demo-nj-leader');
  const res = await nj.request('GET', '/api/stats/dashboard');
  assert.equal(res.status, 200);
  const d = res.body as unknown as Dashboard;
  assert.equal(d.unit.id, org.cityB.id);
  assert.equal(d.entities.total, 2);
  assert.equal(d.overdueRectifications.count, 1);
  const cityA = await login(app, 'demo-leader');
  const a = (await cityA.request('GET', '/api/stats/dashboard?year=2026')).body as unknown as Dashboard;
  const names = new Set(a.overdueRectifications.top.map((n) => n.entityName));
  for (const n of d.overdueRectifications.top) assert.ok(!names.has(n.entityName));
  assert.equal((await nj.request('GET', `/api/stats/dashboard?unitId=${org.cityA.id}`)).status, 404);
});

test('GET /api/stats/dashboard: a county user sees only the county', async () => {
  const county = await login(app, 'demo-county-inspector');
  const d = (await county.request('GET', '/api/stats/dashboard')).body as unknown as Dashboard;
  assert.equal(d.unit.id, org.countyA1.id);
  assert.equal(d.entities.total, 2);
  assert.equal(d.overdueRectifications.count, 1);
  const res = await county.request('GET', `/api/stats/dashboard?unitId=${org.cityA.id}`);
  assert.equal(res.status, 404);
  assert.equal(res.body.code, 'NOT_FOUND');
});

test('GET /api/stats/dashboard: permission and validation', async () => {
  const admin = await login(app, 'demo-sysadmin');
  const forbidden = await admin.request('GET', '/api/stats/dashboard');
  assert.equal(forbidden.status, 403);
  assert.equal(forbidden.body.code, 'FORBIDDEN');
  const stat = await login(app, 'demo-statistician');
  for (const bad of ['year=abc', 'from=2026-01-01', 'from=2026-05-01&to=2026-04-01', 'unitId=nope', 'year=2026&from=2026-01-01&to=2026-02-01']) {
    const res = await stat.request('GET', `/api/stats/dashboard?${bad}`);
    assert.equal(res.status, 400, bad);
    assert.equal(res.body.code, 'VALIDATION_FAILED', bad);
  }
  const anon = await app.inject({ method: 'GET', url: '/api/stats/dashboard' });
  assert.equal(anon.statusCode, 401);
});

test('GET /api/stats/report: exact numbers, the 余 form and drill-downs', async () => {
  const stat = await login(app, 'demo-statistician');
  const res = await stat.request('GET', `/api/stats/report?from=2026-01-01&to=2026-06-30&unitId=${org.cityA.id}`);
  assert.equal(res.status, 200);
  const r = res.body as unknown as Report;
  assert.equal(r.unit.id, org.cityA.id);
  const fig = (k: string) => r.figures.find((f) => f.key === k);
  assert.equal(fig('supervisionVisits')?.value, 2);
  assert.equal(fig('supervisionVisits')?.approx, '2');
  assert.equal(fig('supervisionVisits')?.block, 'rectify');
  assert.deepEqual(fig('supervisionVisits')?.drill, { path: '/inspections', query: { unitId: org.cityA.id, from: '2026-01-01', to: '2026-06-30' } });
  assert.equal(fig('overdueRectifications')?.value, 2);
  assert.deepEqual(fig('overdueRectifications')?.drill.query, { overdue: 'true', unitId: org.cityA.id });
  assert.ok(r.unavailable.some((u) => u.key === 'harmfulInfoRemoved'));
});

test('GET /api/stats/report.xlsx: the report as a spreadsheet', async () => {
  const stat = await login(app, 'demo-statistician');
  const res = await app.inject({ method: 'GET', url: `/api/stats/report.xlsx?year=2026&unitId=${org.cityA.id}`, headers: { cookie: stat.cookie } });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /spreadsheetml/);
  assert.match(String(res.headers['content-disposition']), /filename\*=UTF-8''%E7%BB%9F%E8%AE%A1/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('统计报表');
  assert.ok(sheet);
  assert.equal(sheet.getRow(1).getCell(2).value, '指标');
  const rows = new Map<string, unknown>();
  sheet.eachRow((row, n) => {
    if (n > 1) rows.set(String(row.getCell(2).value), row.getCell(3).value);
  });
  assert.equal(rows.get('监督检查'), 2);
  assert.equal(rows.get('逾期未整改'), 2);
  assert.equal(rows.get('下发责令整改通知书'), 4);
  assert.ok(rows.has('破获案件'), 'metrics without records are listed too');
  const nj = await login(app, 'demo-nj-leader');
  const denied = await app.inject({ method: 'GET', url: `/api/stats/report.xlsx?unitId=${org.cityA.id}`, headers: { cookie: nj.cookie } });
  assert.equal(denied.statusCode, 404);
});

type Drill = { path: string; query: Record<string, string> };
type Item = { key: string; count: number; drill: Drill };
type DrillDashboard = {
  findings: { total: number; bySeverity: Item[]; byCategory: Item[]; drill: Drill };
  penalties: { total: number; byType: Item[]; drill: Drill };
  mlps: { level3PlusFiled: number; byLevel: Item[]; drill: Drill };
};
/** The API list behind each web list page a figure drills into. */
const listApi: Record<string, string> = { '/findings': '/api/findings', '/penalties': '/api/penalties', '/mlps': '/api/mlps-systems' };

test('every findings, penalties and MLPS drill link of the dashboard lists exactly the figure', async () => {
  const cases: [string, string][] = [['demo-leader', ''], ['demo-statistician', `unitId=${org.countyA1.id}`], ['demo-nj-leader', 'year=2025'], ['demo-statistician', 'from=2026-03-01&to=2026-04-30']];
  let checked = 0;
  for (const [username, qs] of cases) {
    const client = await login(app, username);
    const d = (await client.request('GET', `/api/stats/dashboard?${qs}`)).body as unknown as DrillDashboard;
    const links: [string, number, Drill][] = [
      ['findings', d.findings.total, d.findings.drill],
      ...[...d.findings.bySeverity, ...d.findings.byCategory].map((i): [string, number, Drill] => [`findings.${i.key}`, i.count, i.drill]),
      ['penalties', d.penalties.total, d.penalties.drill],
      ...d.penalties.byType.map((i): [string, number, Drill] => [`penalties.${i.key}`, i.count, i.drill]),
      ['mlps', d.mlps.level3PlusFiled, d.mlps.drill],
      ...d.mlps.byLevel.map((i): [string, number, Drill] => [`mlps.${i.key}`, i.count, i.drill]),
    ];
    for (const [label, count, drill] of links) {
      const url = listApi[drill.path];
      assert.ok(url, `${label}: ${drill.path} has a list`);
      const res = await client.request('GET', `${url}?${new URLSearchParams({ ...drill.query, limit: '200' }).toString()}`);
      assert.equal(res.status, 200, `${username} ${qs} ${label}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.total, count, `${username} ${qs} ${label}: list total = figure`);
      checked++;
    }
  }
  assert.equal(checked, 46, 'every link of the four dashboards');
});

test('the report figures that drill into findings, penalties and MLPS list their rows', async () => {
  const stat = await login(app, 'demo-statistician');
  const r = (await stat.request('GET', `/api/stats/report?year=2026&unitId=${org.cityA.id}`)).body as unknown as Report;
  for (const key of ['issuesFound', 'risksFound', 'warnings', 'sitesSuspended', 'mlpsLevel3PlusFiled']) {
    const f = r.figures.find((x) => x.key === key);
    assert.ok(f, key);
    const res = await stat.request('GET', `${listApi[f.drill.path]}?${new URLSearchParams(f.drill.query).toString()}`);
    assert.equal(res.status, 200, key);
    assert.equal(res.body.total, f.value, key);
  }
});

test('GET /api/findings: scoped, filtered, sorted, each row naming its inspection', async () => {
  const county = await login(app, 'demo-county-inspector');
  const mine = await county.request('GET', '/api/findings');
  assert.equal(mine.status, 200);
  assert.equal(mine.body.total, 1, 'the county sees only its finding');
  const leader = await login(app, 'demo-leader');
  const all = await leader.request('GET', '/api/findings?sort=severity&dir=asc&limit=2');
  assert.equal(all.body.total, 4, 'cityA: three in 2026, one in 2025');
  const items = all.body.items as { severity: string; inspectionId: string; entityName: string }[];
  assert.equal(items.length, 2);
  assert.ok(items.every((i) => i.inspectionId && i.entityName));
  assert.equal((await leader.request('GET', `/api/findings?unitId=${org.cityB.id}`)).status, 404, 'a unit outside the subtree');
  assert.equal((await leader.request('GET', '/api/findings?from=2026-03-02&to=2026-03-02')).body.total, 2, 'a Shanghai day');
  assert.equal((await leader.request('GET', '/api/findings?category=securityRisk,hiddenDanger')).body.total, 2);
  for (const bad of ['severity=X', 'from=2026-13-01', 'from=2026-05-01&to=2026-04-01', 'sort=nope', 'limit=0']) {
    const res = await leader.request('GET', `/api/findings?${bad}`);
    assert.equal(res.status, 400, bad);
  }
  const nj = await login(app, 'demo-nj-leader');
  const njItems = (await nj.request('GET', '/api/findings')).body.items as { entityName: string }[];
  assert.equal(njItems.length, 1);
});
