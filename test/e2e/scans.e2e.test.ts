import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { shanghaiDate } from '../../src/domain/dates';
import { issueInspectionNotice } from '../../src/domain/inspections/notice';
import { createPlan, submitPlan } from '../../src/domain/inspections/plans';
import { approvePlan } from '../../src/domain/inspections/review-plan';
import { startInspection } from '../../src/domain/inspections/start-inspection';
import { getOffLoopbackAttempts } from '../../src/scan/retrieve';
import { startFarm, type Farm } from '../support/fixture-farm';
import { activeAuthorisation, makeEntity, registerSite, startRunner } from '../domain/scans/support';
import { assertNoPageErrors, dialog, DESKTOP, eventually, launchBrowser, loginUI, openPage, screenshot, startServer, TABLET, type E2EServer } from './support';

let server: E2EServer;
let browser: Browser;
let farm: Farm;
let entityName = '';
let gitSiteId = '';
const cleanups: (() => unknown)[] = [];
const hooks = { after: (fn: () => unknown) => void cleanups.push(fn) };

before(async () => {
  server = await startServer(hooks, { onlyUsers: ['demo-inspector', 'demo-inspector2', 'demo-leader'] });
  const { deps, org } = server;
  farm = await startFarm({ fixtures: ['good-site', 'exposed-git', 'http-only', 'expired-cert'] });
  hooks.after(() => farm.stop());
  const inspector = await org.actor('demo-inspector');
  const leader = await org.actor('demo-leader');
  const entity = await makeEntity(deps, inspector, '远程检测演示科技有限公司');
  entityName = entity.name;
  const siteIds: string[] = [];
  for (const s of farm.sites) siteIds.push((await registerSite(deps, inspector, entity.id, s.host, s.registered)).id);
  gitSiteId = siteIds[farm.sites.findIndex((s) => s.name === 'exposed-git')]!;
  await activeAuthorisation(deps, inspector, leader, { entityId: entity.id, siteIds });
  // A remote inspection of the entity being checked, for the scan's findings to go into.
  const today = shanghaiDate(deps.now());
  const plan = await createPlan(deps, inspector, {
    title: '远程检测专项', type: 'routine', period: 'quarterly', mode: 'remote', basis: '《公安机关互联网安全监督检查规定》第十六条', scopeText: '网站安全技术措施',
    startsOn: today, endsOn: today, teamIds: [inspector.userId!, (await org.actor('demo-inspector2')).userId!], targets: [{ entityId: entity.id }],
  });
  await submitPlan(deps, inspector, { planId: plan.id });
  await approvePlan(deps, leader, { planId: plan.id });
  const remote = await deps.db.selectFrom('inspections').select('id').where('planId', '=', plan.id).executeTakeFirstOrThrow();
  await issueInspectionNotice(deps, leader, { inspectionId: remote.id });
  await startInspection(deps, inspector, { inspectionId: remote.id });
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

test('an inspector promotes a site\'s finding into the remote inspection and lands on it', async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: DESKTOP });
  await loginUI(page, 'demo-inspector');
  const scan = await server.deps.db.selectFrom('scans').select('id').orderBy('createdAt', 'desc').executeTakeFirstOrThrow();
  await page.goto(`/scans/${scan.id}/sites/${gitSiteId}`);
  const card = page.locator('.ant-card').filter({ hasText: '可转入远程检测记录的发现' });
  await card.getByRole('row', { name: /EXP-01/ }).getByRole('checkbox').check();
  await card.getByRole('button', { name: '转为检查记录' }).click();
  const modal = await dialog(page, '转为远程检测检查记录');
  await modal.getByRole('radio').first().waitFor();
  await screenshot(page, 'scans-promote');
  await modal.getByRole('button', { name: /确认转入/ }).click();
  await page.waitForURL((url) => /^\/inspections\/[0-9a-f-]{36}$/.test(url.pathname));
  const promoted = page.getByTestId('scan-findings');
  await promoted.getByText('EXP-01').waitFor();
  await promoted.getByText('O82-A7-1').waitFor();
  await page.getByText('转入远程检测发现').first().waitFor();
  await screenshot(page, 'scans-promoted-inspection', { fullPage: true });
  assertNoPageErrors(page);
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
