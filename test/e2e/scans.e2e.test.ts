import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { getOffLoopbackAttempts } from '../../src/scan/retrieve';
import { startFarm, type Farm } from '../support/fixture-farm';
import { activeAuthorisation, makeEntity, registerSite, startRunner } from '../domain/scans/support';
import { assertNoPageErrors, dialog, DESKTOP, eventually, launchBrowser, loginUI, openPage, screenshot, startServer, TABLET, type E2EServer } from './support';

let server: E2EServer;
let browser: Browser;
let farm: Farm;
let entityName = '';
const cleanups: (() => unknown)[] = [];
const hooks = { after: (fn: () => unknown) => void cleanups.push(fn) };

before(async () => {
  server = await startServer(hooks, { onlyUsers: ['demo-inspector', 'demo-leader'] });
  const { deps, org } = server;
  farm = await startFarm({ fixtures: ['good-site', 'exposed-git', 'http-only', 'expired-cert'] });
  hooks.after(() => farm.stop());
  const inspector = await org.actor('demo-inspector');
  const leader = await org.actor('demo-leader');
  const entity = await makeEntity(deps, inspector, '远程检测演示科技有限公司');
  entityName = entity.name;
  const siteIds: string[] = [];
  for (const s of farm.sites) siteIds.push((await registerSite(deps, inspector, entity.id, s.host, s.registered)).id);
  await activeAuthorisation(deps, inspector, leader, { entityId: entity.id, siteIds });
  await startRunner(hooks, deps, farm);
  browser = await launchBrowser(hooks);
});
after(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

test('an inspector starts a scan, watches it complete, reads the grades and a site\'s findings', async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: DESKTOP });
  await loginUI(page, 'demo-inspector');
  await page.goto('/scans');
  await page.getByRole('button', { name: /发起检测/ }).click();
  const modal = await dialog(page, '发起远程检测');
  await modal.getByRole('combobox').first().click();
  await page.getByTitle(new RegExp(entityName)).first().click();
  await modal.getByRole('button', { name: /开始检测/ }).click();
  await page.waitForURL((url) => /^\/scans\/[0-9a-f-]{36}$/.test(url.pathname));
  await eventually(async () => assert.equal(await page.getByTestId('scan-status').innerText(), '已完成'), 60_000);
  await eventually(async () => assert.equal(await page.getByText('检测中', { exact: true }).count(), 0, 'the site table follows the progress'), 10_000);
  await eventually(async () => assert.ok((await page.locator('canvas').count()) >= 1, 'grade chart drawn'));
  await page.getByText('exposed-git.farm.test').waitFor();
  await page.waitForTimeout(600);
  await screenshot(page, 'scans-detail', { fullPage: true });

  await page.getByText('exposed-git.farm.test').click();
  await page.waitForURL((url) => url.pathname.includes('/sites/'));
  await page.getByText('EXP-01').first().waitFor();
  await page.getByText('.git 目录泄露').first().waitFor();
  await screenshot(page, 'scans-site', { fullPage: true });
  assertNoPageErrors(page);
  assert.equal(getOffLoopbackAttempts(), 0);
});

test('authorisations on a tablet: the active authorisation with its notice, open now', async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: TABLET });
  await loginUI(page, 'demo-leader');
  await page.goto('/scan-authorisations');
  await page.getByText(entityName).first().waitFor();
  await page.getByText('当前可检测').first().waitFor();
  await screenshot(page, 'scans-authorisations');
  assertNoPageErrors(page);
});
