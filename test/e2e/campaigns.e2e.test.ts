import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createCampaign } from '../../src/domain/campaigns/create-campaign';
import { makeEntity } from '../domain/scans/support';
import { assertNoPageErrors, dialog, DESKTOP, launchBrowser, loginUI, openPage, screenshot, settle, startServer, TABLET, type E2EServer } from './support';

let server: E2EServer;
let browser: Browser;
let entityName = '';
const cleanups: (() => unknown)[] = [];
const hooks = { after: (fn: () => unknown) => void cleanups.push(fn) };

before(async () => {
  server = await startServer(hooks, { onlyUsers: ['demo-inspector', 'demo-leader', 'demo-nj-inspector'] });
  const leader = await server.org.actor('demo-leader');
  entityName = (await makeEntity(server.deps, await server.org.actor('demo-inspector'), '专项浏览器测试科技有限公司')).name;
  await createCampaign(server.deps, leader, { code: 'DUP1', name: '已有的专项', description: '', strands: ['clean'], startsOn: '2026-01-01', endsOn: '2026-02-01' });
  browser = await launchBrowser(hooks);
});
after(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

test('a leader creates a campaign (field errors from the form and the API), adds and removes a target, launches it', async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: DESKTOP });
  await loginUI(page, 'demo-leader');
  await page.getByRole('menuitem', { name: /专项行动/ }).click();
  await page.waitForURL((url) => url.pathname === '/campaigns');
  await page.getByText('已有的专项').waitFor();

  await page.getByRole('button', { name: /新建专项行动/ }).click();
  const modal = await dialog(page, '新建专项行动');
  await modal.getByRole('button', { name: /保\s*存/ }).click();
  await modal.getByText('请输入编号').waitFor();
  await modal.getByText('请选择起止日期').waitFor();
  await modal.locator('#code').fill('DUP1');
  await modal.locator('#name').fill('宿迁网站安全专项整治');
  await modal.locator('#period').click();
  await modal.locator('#period').fill('2026-03-01');
  await modal.locator('#period').press('Enter');
  const end = modal.locator('.ant-picker-range input').nth(1);
  await end.fill('2026-12-31');
  await end.press('Enter');
  await modal.getByRole('button', { name: /保\s*存/ }).click();
  // The code is taken in this unit: the API's CONFLICT lands on the field.
  await modal.getByText('已被占用').waitFor();
  await modal.locator('#code').fill('SQ2026');
  await modal.getByRole('button', { name: /保\s*存/ }).click();
  await page.waitForURL((url) => /^\/campaigns\/[0-9a-f-]{36}$/.test(url.pathname));
  await page.getByText('暂无目标对象').waitFor();

  await page.getByRole('combobox', { name: '添加目标' }).fill('专项浏览器测试');
  await page.locator('.ant-select-item-option').filter({ hasText: entityName }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /添\s*加$/ }).click();
  await page.getByRole('cell', { name: entityName }).waitFor();
  await page.getByText('目标对象 1 家').waitFor();

  await page.getByRole('button', { name: /^部\s*署$/ }).click();
  await page.getByText(/确定部署“宿迁网站安全专项整治”/).waitFor();
  await page.locator('.ant-popover').getByRole('button', { name: /^确\s*定$/ }).click();
  await page.locator('.ant-tag').filter({ hasText: '已部署' }).first().waitFor();
  await settle(page);
  await screenshot(page, 'campaigns-detail', { fullPage: true });

  await page.getByRole('row', { name: new RegExp(entityName) }).getByRole('button', { name: /移\s*除/ }).click();
  await page.locator('.ant-popover').getByRole('button', { name: /^确\s*定$/ }).click();
  await page.getByText('暂无目标对象').waitFor();
  assertNoPageErrors(page);
});

test('a sibling city on a tablet sees no 宿迁 campaign, and the list shows its empty state', async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: TABLET });
  await loginUI(page, 'demo-nj-inspector');
  await page.goto('/campaigns');
  await page.getByText('暂无专项行动').waitFor();
  assert.equal(await page.getByText('已有的专项').count(), 0);
  await screenshot(page, 'campaigns-empty');
  assertNoPageErrors(page);
});
