import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Deps } from '../../../src/domain/deps';
import { isAppError } from '../../../src/domain/errors';
import { unitDashboard, type SeriesItem, type UnitDashboard } from '../../../src/domain/stats/dashboard';
import { standardReport } from '../../../src/domain/stats/report';
import { ZStatsQuery } from '../../../src/domain/stats/window';
import { testDeps } from '../../support/db';
import { seedOrg, type TestOrg } from '../../support/org';
import { NOW, seedStatsScenario } from './seed';

let deps: Deps & { setNow: (d: Date) => void };
let org: TestOrg;
let ids: Awaited<ReturnType<typeof seedStatsScenario>>;

// One database for the file: the scenario is read-only for every test below.
const cleanups: (() => unknown)[] = [];
after(async () => {
  for (const fn of cleanups) await fn();
});
before(async () => {
  deps = await testDeps({ after: (fn) => void cleanups.push(fn as () => unknown) });
  deps.setNow(NOW);
  org = await seedOrg(deps);
  ids = await seedStatsScenario(deps, org);
});

const counts = (items: SeriesItem[]) => Object.fromEntries(items.map((i) => [i.key, i.count]));
const figure = (d: Pick<UnitDashboard, 'report'>, key: string) => d.report.find((f) => f.key === key)?.value;
const hasCode = (code: string) => (err: unknown) => isAppError(err) && err.code === code;
const dashboardAs = async (username: string, query: Record<string, unknown> = {}) => unitDashboard(deps, await org.actor(username), ZStatsQuery.parse(query));

test('a city leader sees the roll-up of the city subtree for this year', async () => {
  const d = await dashboardAs('demo-leader');
  assert.equal(d.unit.id, org.cityA.id);
  assert.deepEqual(d.period, { year: 2026, from: '2026-01-01', to: '2026-12-31' });
  assert.equal(d.today, '2026-06-15');

  assert.equal(d.entities.total, 5);
  assert.deepEqual(counts(d.entities.byType), { idc: 2, icp: 2, school: 1 });
  assert.deepEqual(counts(d.entities.byStatus), { active: 4, closed: 1 });
  assert.deepEqual(counts(d.entities.byRegion), { '321300': 2, '321302': 2, '321322': 1 });
  assert.equal(d.entities.byRegion.find((r) => r.key === '321302')?.label, org.countyA1.name);

  assert.equal(d.focus.entities, 2, 'focus entities are distinct: e3 has two reasons');
  assert.deepEqual(counts(d.focus.byReason), { 'O151-A9-F1': 2, 'O151-A9-F2': 1 });

  // 2026 only, cancelled left out, events (家次)
  assert.equal(d.inspections.total, 3);
  assert.deepEqual(counts(d.inspections.byStatus), { planned: 1, rectificationOrdered: 2 });
  assert.deepEqual(d.inspections.byStatus.map((i) => i.key), ['planned', 'rectificationOrdered'], 'lifecycle order');

  assert.equal(d.findings.total, 3);
  assert.deepEqual(counts(d.findings.bySeverity), { H: 1, M: 1, L: 1 });
  assert.deepEqual(counts(d.findings.byCategory), { violation: 1, securityRisk: 1, hiddenDanger: 1 });

  assert.equal(d.overdueRectifications.count, 2);
  assert.deepEqual(d.overdueRectifications.top.map((n) => [n.noticeId, n.deadline, n.daysOverdue]), [[ids.n1, '2026-06-01', 14], [ids.n6, '2026-06-14', 1]]);
  assert.equal(d.overdueRectifications.top[1]?.unitName, org.countyA1.name);

  assert.equal(d.scans.sites, 4);
  assert.deepEqual(counts(d.scans.byGrade), { A: 1, C: 1, unreachable: 1, zombie: 1 }, 'latest task per site; a reviewed grade wins; failed tasks ignored');

  assert.equal(d.penalties.total, 2);
  assert.equal(d.penalties.entities, 2);
  assert.equal(d.penalties.fineYuan, 5000);
  assert.equal(d.penalties.personFineYuan, 1000);
  assert.deepEqual(counts(d.penalties.byType), { warning: 1, fine: 1, suspension: 1 });

  assert.equal(d.mlps.level3PlusFiled, 2);
  assert.deepEqual(counts(d.mlps.byLevel), { '3': 1, '4': 1 });

  assert.equal(figure(d, 'supervisionVisits'), 2);
  assert.equal(figure(d, 'issuesFound'), 3);
  assert.equal(figure(d, 'risksFound'), 2);
  assert.equal(figure(d, 'rectificationNotices'), 4);
  assert.equal(figure(d, 'entitiesTalked'), 1, 'two talks with one entity: one 家');
  assert.equal(figure(d, 'entitiesPenalised'), 2);
  assert.equal(figure(d, 'warnings'), 1);
  assert.equal(figure(d, 'sitesSuspended'), 1);
  assert.equal(figure(d, 'overdueRectifications'), 2);
  assert.equal(figure(d, 'focusEntities'), 2);
  assert.equal(figure(d, 'mlpsLevel3PlusFiled'), 2);
  assert.equal(figure(d, 'cluesTransferred'), 1);
  assert.equal(figure(d, 'incidents'), 1);
  assert.equal(figure(d, 'sitesRemotelyChecked'), undefined, 'the dashboard leaves window-wide scan counts to the report');

  const report = await standardReport(deps, await org.actor('demo-leader'), ZStatsQuery.parse({}));
  assert.equal(figure({ report: report.figures }, 'sitesRemotelyChecked'), 3, 'a task at 01:00 on 1 Jan Shanghai counts for 2026; 23:30 on 31 Dec does not');
  assert.equal(figure({ report: report.figures }, 'zombieSites'), 1);
  assert.deepEqual(report.figures.filter((f) => f.key !== 'sitesRemotelyChecked' && f.key !== 'zombieSites'), d.report, 'dashboard and report agree');
});

test('every series item drills down to its list with the filter', async () => {
  const d = await dashboardAs('demo-leader');
  assert.deepEqual(d.entities.byType.find((i) => i.key === 'idc')?.drill, { path: '/entities', query: { type: 'idc' } });
  assert.deepEqual(d.focus.byReason[0]?.drill, { path: '/focus', query: { reason: 'O151-A9-F1' } });
  assert.deepEqual(d.inspections.byStatus.find((i) => i.key === 'planned')?.drill, { path: '/inspections', query: { status: 'planned', from: '2026-01-01', to: '2026-12-31' } });
  assert.deepEqual(d.overdueRectifications.drill, { path: '/rectification', query: { overdue: 'true' } });
  assert.deepEqual(d.scans.byGrade.find((i) => i.key === 'zombie')?.drill, { path: '/scans', query: { siteStatus: 'zombie' } });
  assert.deepEqual(d.scans.byGrade.find((i) => i.key === 'A')?.drill, { path: '/scans', query: { grade: 'A' } });
  const decided = 'decided,served,executed,challenged,closed';
  assert.deepEqual(d.penalties.byType.find((i) => i.key === 'warning')?.drill, { path: '/penalties', query: { measure: 'warning', status: decided, from: '2026-01-01', to: '2026-12-31' } });
  assert.deepEqual(d.findings.bySeverity.find((i) => i.key === 'H')?.drill, { path: '/findings', query: { severity: 'H', from: '2026-01-01', to: '2026-12-31' } });
  assert.deepEqual(d.mlps.byLevel.find((i) => i.key === '3')?.drill, { path: '/mlps', query: { level: '3', status: 'filed,evaluated', filedBy: '2026-12-31' } });
  // that each of these lists totals its figure is checked over HTTP (test/http/stats.test.ts)
  // narrowed to a unit: the lists get the unit too
  const narrowed = await dashboardAs('demo-leader', { unitId: org.countyA1.id });
  assert.deepEqual(narrowed.entities.byType.find((i) => i.key === 'icp')?.drill, { path: '/entities', query: { type: 'icp', unitId: org.countyA1.id } });
});

test('a cityB user never counts cityA records', async () => {
  const d = await dashboardAs('demo-nj-leader');
  assert.equal(d.unit.id, org.cityB.id);
  assert.equal(d.entities.total, 2);
  assert.deepEqual(counts(d.entities.byType), { idc: 1, hospital: 1 });
  assert.equal(d.focus.entities, 1);
  assert.equal(d.inspections.total, 1);
  assert.equal(d.findings.total, 1);
  assert.equal(d.overdueRectifications.count, 1);
  assert.ok(d.overdueRectifications.top.every((n) => n.noticeId !== ids.n1 && n.noticeId !== ids.n6));
  assert.deepEqual(counts(d.scans.byGrade), { F: 1 });
  assert.equal(d.penalties.total, 1);
  assert.equal(d.penalties.fineYuan, 20000);
  assert.equal(d.mlps.level3PlusFiled, 1);
  assert.equal(figure(d, 'entitiesTalked'), 1);
  assert.equal(figure(d, 'cluesTransferred'), 0);
  await assert.rejects(dashboardAs('demo-nj-leader', { unitId: org.countyA1.id }), hasCode('NOT_FOUND'));
  await assert.rejects(dashboardAs('demo-nj-leader', { unitId: org.cityA.id }), hasCode('NOT_FOUND'));
});

test('a county user sees only the county, and cannot widen it', async () => {
  const d = await dashboardAs('demo-county-inspector');
  assert.equal(d.unit.id, org.countyA1.id);
  assert.equal(d.entities.total, 2);
  assert.deepEqual(counts(d.entities.byType), { icp: 1, school: 1 });
  assert.deepEqual(counts(d.focus.byReason), { 'O151-A9-F1': 1, 'O151-A9-F2': 1 });
  assert.equal(d.inspections.total, 1);
  assert.deepEqual(counts(d.findings.bySeverity), { H: 0, M: 0, L: 1 });
  assert.deepEqual(d.overdueRectifications.top.map((n) => n.noticeId), [ids.n6]);
  assert.deepEqual(counts(d.penalties.byType), { suspension: 1 });
  assert.deepEqual(counts(d.scans.byGrade), { A: 1, zombie: 1 });
  assert.equal(d.mlps.level3PlusFiled, 1);
  await assert.rejects(dashboardAs('demo-county-inspector', { unitId: org.cityA.id }), hasCode('NOT_FOUND'));
  await assert.rejects(dashboardAs('demo-county-inspector', { unitId: org.countyA2.id }), hasCode('NOT_FOUND'));
});

test('the province statistician rolls up everything and can narrow to any unit', async () => {
  const d = await dashboardAs('demo-statistician');
  assert.equal(d.entities.total, 7);
  assert.deepEqual(counts(d.entities.byRegion), { '3213': 5, '3201': 2 }, 'cities of the province');
  assert.equal(d.entities.byRegion.find((r) => r.key === '3201')?.label, org.cityB.name);
  assert.equal(d.inspections.total, 4);
  assert.equal(d.overdueRectifications.count, 3);
  assert.equal(d.penalties.fineYuan, 25000);
  const county = await dashboardAs('demo-statistician', { unitId: org.countyA1.id });
  assert.equal(county.entities.total, 2);
  assert.equal(county.overdueRectifications.count, 1);
});

test('without stats.read the dashboard is forbidden', async () => {
  await assert.rejects(dashboardAs('demo-sysadmin'), hasCode('FORBIDDEN'));
  await assert.rejects(dashboardAs('demo-legal'), hasCode('FORBIDDEN'));
});

test('another year or a custom window counts only its events', async () => {
  const y2025 = await dashboardAs('demo-leader', { year: '2025' });
  assert.deepEqual(counts(y2025.inspections.byStatus), { closedRectified: 1 });
  assert.deepEqual(counts(y2025.findings.bySeverity), { H: 1, M: 0, L: 0 });
  assert.equal(figure(y2025, 'rectificationNotices'), 1);
  assert.equal(figure(y2025, 'mlpsLevel3PlusFiled'), 1, 'only the system filed by the end of 2025');
  assert.equal(y2025.entities.total, 5, 'entity counts are current, not per period');

  const march = await standardReport(deps, await org.actor('demo-leader'), ZStatsQuery.parse({ from: '2026-03-01', to: '2026-03-31' }));
  const value = (k: string) => march.figures.find((f) => f.key === k)?.value;
  assert.equal(value('supervisionVisits'), 1);
  assert.equal(value('issuesFound'), 2);
  assert.equal(value('rectificationNotices'), 1);
  assert.equal(value('entitiesPenalised'), 0);
  assert.deepEqual(march.figures.find((f) => f.key === 'supervisionVisits')?.drill.query, { from: '2026-03-01', to: '2026-03-31' });
  assert.ok(march.unavailable.some((u) => u.key === 'casesSolved' && u.block === 'strike'));
});

test('overdue is derived from the Shanghai calendar day, never stored', async () => {
  try {
    deps.setNow(new Date('2026-06-14T15:00:00Z')); // 23:00 on 14 June in Shanghai: the 14th is still the deadline day
    assert.deepEqual((await dashboardAs('demo-county-inspector')).overdueRectifications.count, 0);
    deps.setNow(new Date('2026-06-14T16:30:00Z')); // 00:30 on 15 June in Shanghai
    assert.deepEqual((await dashboardAs('demo-county-inspector')).overdueRectifications.count, 1);
  } finally {
    deps.setNow(NOW);
  }
});

test('bad periods are refused', () => {
  assert.equal(ZStatsQuery.safeParse({ from: '2026-03-01' }).success, false);
  assert.equal(ZStatsQuery.safeParse({ from: '2026-03-31', to: '2026-03-01' }).success, false);
  assert.equal(ZStatsQuery.safeParse({ from: '2026-02-30', to: '2026-03-01' }).success, false);
  assert.equal(ZStatsQuery.safeParse({ year: '1999' }).success, false);
  assert.equal(ZStatsQuery.safeParse({ year: '2026', from: '2026-01-01', to: '2026-02-01' }).success, false);
  assert.equal(ZStatsQuery.safeParse({ from: '2010-01-01', to: '2026-01-01' }).success, false);
});
