import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import * as users from '../../src/store/users.store';
import { assertNoPageErrors, dialog, eventually, launchBrowser, loginUI, openPage, screenshot, startServer, type E2EServer } from './support';

// A hung browser step must fail the test, not stall the whole suite.
const TEST_TIMEOUT = 120_000;

let server: E2EServer;
let browser: Browser;
const cleanups: (() => unknown)[] = [];
const hooks = { after: (fn: () => unknown) => void cleanups.push(fn) };

before(async () => {
  server = await startServer(hooks);
  browser = await launchBrowser(hooks);
});
after(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

const tableRows = '.ant-table-tbody tr.ant-table-row';

test('the system admin filters users, creates an account, and disables one with a reason', { timeout: TEST_TIMEOUT }, async () => {
  const page = await openPage(browser, server.baseUrl);
  await loginUI(page, 'demo-sysadmin');
  await page.getByRole('menuitem', { name: '用户' }).click();
  await page.getByRole('heading', { name: '用户管理', level: 4 }).waitFor();
  await page.locator(tableRows).first().waitFor();
  await screenshot(page, 'users-list');

  // Filters: Enter applies them and the URL keeps them.
  await page.getByLabel('用户名或姓名').fill('nj');
  await page.getByLabel('用户名或姓名').press('Enter');
  await page.waitForURL(/q=nj/);
  await eventually(async () => assert.equal(await page.locator(tableRows).count(), 2));
  await page.locator(tableRows).filter({ hasText: 'demo-nj-leader' }).waitFor();
  await page.getByRole('button', { name: /^重\s*置$/ }).click();
  await page.waitForURL((u) => !u.search.includes('q='));

  // Create: the username is checked in the browser first, then on the server.
  await page.getByRole('button', { name: '新建用户' }).click();
  const create = await dialog(page, '新建用户');
  await create.getByLabel('用户名').fill('X');
  await create.getByLabel('姓名').fill('周新警');
  await create.getByLabel('执法证号').fill('32139999');
  await create.getByLabel('用户名').press('Enter');
  await create.getByText('用户名须为 3–32 位').waitFor();
  await create.getByLabel('用户名').fill('demo-inspector');
  await screenshot(page, 'users-create');
  await create.getByLabel('用户名').press('Enter');
  await create.getByText('已被占用').waitFor();
  await create.getByLabel('用户名').fill('e2e-zhou');
  await create.getByLabel('初始密码').fill('Temp#Station-2026');
  await create.getByLabel('用户名').press('Enter');
  await page.getByText('用户已创建').waitFor();
  const created = await users.findByUsername(server.deps.db, 'e2e-zhou');
  assert.equal(created?.displayName, '周新警');
  assert.equal(created?.mustChangePassword, true);

  // Disable demo-duty: a reason is required and recorded.
  const row = page.locator(tableRows).filter({ hasText: 'demo-duty' });
  await row.getByRole('button', { name: '停用' }).click();
  const modal = await dialog(page, /停用账号/);
  await modal.getByRole('button', { name: /^停\s*用$/ }).click();
  await modal.getByText('请填写原因').waitFor();
  await modal.getByLabel('原因').fill('调离岗位，停用账号');
  await screenshot(page, 'users-disable-reason');
  await modal.getByRole('button', { name: /^停\s*用$/ }).click();
  await row.getByText('已停用').waitFor();
  const duty = await users.findByUsername(server.deps.db, 'demo-duty');
  assert.equal(duty?.status, 'disabled');

  await page.getByRole('menuitem', { name: '单位' }).click();
  await page.locator('.ant-tree').getByText('沭阳县公安局网安大队（演示）').click();
  await page.getByText('321322').waitFor();
  await screenshot(page, 'units');
  assertNoPageErrors(page);
  await page.context().close();
});

test('the security admin assigns roles with a reason; separation of duties is enforced in the form', { timeout: TEST_TIMEOUT }, async () => {
  const page = await openPage(browser, server.baseUrl);
  await loginUI(page, 'demo-secadmin');
  await page.goto('/admin/users?q=demo-statistician');
  const row = page.locator(tableRows).filter({ hasText: 'demo-statistician' });
  await row.getByRole('button', { name: '分配角色' }).click();
  const modal = await dialog(page, /分配角色/);
  await modal.getByLabel('系统管理员').check();
  await modal.getByLabel('原因').fill('统计员兼任系统管理员');
  await modal.getByRole('button', { name: /确\s*定/ }).click();
  await modal.getByText('管理员角色不能与其他角色同时授予').waitFor();
  await screenshot(page, 'users-assign-roles');
  await modal.getByLabel('系统管理员').uncheck();
  await modal.getByLabel('值班员').check();
  await modal.getByRole('button', { name: /确\s*定/ }).click();
  await row.getByText('值班员').waitFor();
  const stat = await users.findByUsername(server.deps.db, 'demo-statistician');
  assert.deepEqual([...(stat?.roles ?? [])].sort(), ['dutyOfficer', 'statistician']);
  assertNoPageErrors(page);
  await page.context().close();
});

test('the language switch turns the shell to English and back', { timeout: TEST_TIMEOUT }, async () => {
  const page = await openPage(browser, server.baseUrl);
  await loginUI(page, 'demo-sysadmin');
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Workbench', level: 4 }).waitFor();
  await page.goto('/admin/units');
  await page.getByRole('heading', { name: 'Units', level: 4 }).waitFor();
  await page.getByRole('button', { name: 'New sub-unit' }).click();
  await page.getByRole('dialog').getByLabel('Region code').fill('12');
  await page.getByRole('dialog').getByLabel('Region code').press('Enter');
  await page.getByText('Six digits').waitFor();
  await screenshot(page, 'units-create-english');
  await page.keyboard.press('Escape');
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '简体中文' }).click();
  await page.getByRole('heading', { name: '单位管理', level: 4 }).waitFor();
  assertNoPageErrors(page);
  await page.context().close();
});

test('a new account must replace its initial password before anything else', { timeout: TEST_TIMEOUT }, async () => {
  const page = await openPage(browser, server.baseUrl);
  await loginUI(page, 'e2e-zhou', 'Temp#Station-2026');
  const modal = await dialog(page, '请先修改初始密码');
  await modal.waitFor();
  // No way around it: Escape does not close the dialog.
  await page.keyboard.press('Escape');
  assert.ok(await modal.isVisible());
  await modal.getByLabel('当前密码').fill('Temp#Station-2026');
  await modal.getByLabel('新密码', { exact: true }).fill('e2e-zhou-2026-ok!');
  await modal.getByLabel('确认新密码').fill('e2e-zhou-2026-ok!');
  await modal.getByLabel('确认新密码').press('Enter');
  await modal.getByText('不能包含用户名').waitFor();
  await screenshot(page, 'password-must-change');
  // Rules only the server knows come back on the field, in Chinese.
  await modal.getByLabel('新密码', { exact: true }).fill('Password2024!');
  await modal.getByLabel('确认新密码').fill('Password2024!');
  await modal.getByLabel('确认新密码').press('Enter');
  await modal.getByText('不能使用常见或已泄露的弱口令').waitFor();
  await modal.getByLabel('当前密码').fill('Wrong#Station-2026');
  await modal.getByLabel('新密码', { exact: true }).fill('Qiao-Station#2077');
  await modal.getByLabel('确认新密码').fill('Qiao-Station#2077');
  await modal.getByLabel('确认新密码').press('Enter');
  await modal.getByText('当前密码不正确').waitFor();
  await modal.getByLabel('当前密码').fill('Temp#Station-2026');
  await modal.getByLabel('新密码', { exact: true }).fill('Qiao-Station#2077');
  await modal.getByLabel('确认新密码').fill('Qiao-Station#2077');
  await modal.getByLabel('确认新密码').press('Enter');
  await page.getByText('密码已修改').waitFor();
  await modal.waitFor({ state: 'hidden' });
  // No roles yet: the home page says whom to ask.
  await page.getByText('尚未分配角色').waitFor();
  const row = await users.findByUsername(server.deps.db, 'e2e-zhou');
  assert.equal(row?.mustChangePassword, false);
  assertNoPageErrors(page);
  await page.context().close();
});
