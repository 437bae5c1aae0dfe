import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedInspectionsDemo } from '../../src/domain/demo/seed-inspections';
import { seedRegistryDemo } from '../../src/domain/demo/seed-registry';
import { seedRulesDemo } from '../../src/domain/rules/seed-demo';
import { makeScan } from '../domain/stats/factory';
import { assertNoPageErrors, DESKTOP, eventually, launchBrowser, loginUI, openPage, screenshot, startServer, TABLET, type E2EServer } from './support';

let server: E2EServer;
let browser: Browser;
const cleanups: (() => unknown)[] = [];
const hooks = { after: (fn: () => unknown) => void cleanups.push(fn) };

before(async () => {
  server = await startServer(hooks);
  const { deps, org } = server;
  // The demo records (registry, focus reasons, inspections in every state) plus a few scan results.
  await seedRegistryDemo(deps, org);
  await seedRulesDemo(deps, org);
  await seedInspectionsDemo(deps, org);
  const entities = await deps.db.selectFrom('entities').select(['id', 'unitId', 'unitPath']).where('unitPath', 'like', `${org.cityA.path}%`).limit(3).execute();
  const now = deps.now().getTime();
  const grades = ['A', 'A-', 'B+', 'C', 'F', null];
  for (const [i, e] of entities.entries()) {
    await makeScan(deps, { ...e, entityId: e.id }, org.users['demo-inspector']!.id, grades.slice(i * 2, i * 2 + 2).map((grade, j) => ({
      siteId: randomUUID(), finishedAt: new Date(now - (i + j + 1) * 86_400_000).toISOString(), grade, ...(grade === null ? { siteStatus: 'zombie' } : {}),
    })));
  }
  browser = await launchBrowser(hooks);
});
after(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

test('a city leader sees the dashboard of the city on 工作台 and drills down from a chart', async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: { width: 1440, height: 900 } });
  await loginUI(page, 'demo-leader');
  const dashboard = page.getByTestId('stats-dashboard');
  await dashboard.getByText('辖区态势').waitFor();
  await dashboard.getByText(server.org.cityA.name).first().waitFor();
  await eventually(async () => assert.ok((await dashboard.locator('canvas').count()) >= 5, 'charts drawn'));
  const overdue = dashboard.getByTestId('stats-tile-overdue');
  await overdue.getByText('逾期未整改（份）').waitFor();
  await dashboard.getByTestId('stats-overdue').locator('.ant-table-row').first().waitFor();
  await page.waitForTimeout(600); // chart animations
  await dashboard.scrollIntoViewIfNeeded();
  await screenshot(page, 'stats-dashboard', { fullPage: true });

  // A tile opens its list with the filter.
  await overdue.click();
  await page.waitForURL((url) => url.pathname === '/rectification' && url.searchParams.get('overdue') === 'true');
  assertNoPageErrors(page);
});

test('a county inspector sees only the county, without a unit selector', async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: TABLET });
  await loginUI(page, 'demo-county-inspector');
  const dashboard = page.getByTestId('stats-dashboard');
  await dashboard.getByText(server.org.countyA1.name).first().waitFor();
  assert.equal(await dashboard.getByLabel('统计单位').count(), 0);
  await eventually(async () => assert.ok((await dashboard.locator('canvas').count()) >= 3, 'charts drawn'));
  const { n } = await server.deps.db.selectFrom('entities').select((eb) => eb.fn.countAll<number>().as('n')).where('unitPath', 'like', `${server.org.countyA1.path}%`).executeTakeFirstOrThrow();
  await eventually(async () => assert.equal(await dashboard.getByTestId('stats-tile-entities').locator('.ant-statistic-content-value').innerText(), String(n), 'the county\'s entities only'));
  await page.waitForTimeout(800); // chart animations
  await screenshot(page, 'stats-dashboard-county-tablet', { fullPage: true });
  assertNoPageErrors(page);
});

test('the statistician narrows the dashboard to a unit and downloads the standard report', async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: DESKTOP });
  await loginUI(page, 'demo-statistician');
  const dashboard = page.getByTestId('stats-dashboard');
  await dashboard.getByText(server.org.province.name).first().waitFor();
  await dashboard.getByLabel('统计单位').click();
  await page.locator('.ant-select-tree-title', { hasText: server.org.cityB.name }).click();
  await dashboard.getByText(`${server.org.cityB.name} · 统计时段`).waitFor();

  await page.getByRole('menuitem', { name: '统计' }).click();
  await page.getByRole('heading', { name: '统计报表', level: 4 }).waitFor();
  const table = page.getByTestId('stats-report');
  await table.getByText('监督检查', { exact: true }).waitFor();
  await table.getByText('暂无数据来源').first().waitFor();
  const visits = table.getByTestId('stats-value-supervisionVisits');
  assert.match(await visits.innerText(), /^\d+$/);
  await screenshot(page, 'stats-report', { fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出\s*Excel/ }).click()]);
  assert.match(download.suggestedFilename(), /^统计报表-.*\.xlsx$/);
  const file = await download.path();
  assert.ok(file && fs.statSync(file).size > 1000);

  await visits.click();
  await page.waitForURL((url) => url.pathname === '/inspections' && url.searchParams.has('from'));
  assertNoPageErrors(page);
});
