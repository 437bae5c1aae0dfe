import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { totpCode } from '../../src/domain/auth/totp';
import * as users from '../../src/store/users.store';
import { assertNoPageErrors, DEMO_PASSWORD, eventually, launchBrowser, loginUI, openPage, screenshot, signOutUI, startServer, TABLET, type E2EServer } from './support';

// A hung browser step must fail the test, not stall the whole suite.
const TEST_TIMEOUT = 120_000;

let server: E2EServer;
let browser: Browser;
const cleanups: (() => unknown)[] = [];
const hooks = { after: (fn: () => unknown) => void cleanups.push(fn) };

before(async () => {
  server = await startServer(hooks, { onlyUsers: ['demo-inspector', 'demo-inspector2', 'demo-legal', 'demo-auditor', 'demo-sysadmin'] });
  browser = await launchBrowser(hooks);
});
after(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

test('an inspector signs in and lands on the 工作台 with their unit', { timeout: TEST_TIMEOUT }, async () => {
  const page = await openPage(browser, server.baseUrl);
  await page.goto('/');
  // Signed out: the shell sends the user to the login page.
  await page.waitForURL('**/login');
  await screenshot(page, 'login');
  await loginUI(page, 'demo-inspector');
  assert.equal(new URL(page.url()).pathname, '/');
  await page.getByText('张检查（演示），您好').waitFor();
  assert.ok(await page.locator('.app-header-unit').getByText('宿迁市公安局网络安全保卫支队（演示）').isVisible());
  // Demo unit: the banner says so.
  assert.ok(await page.getByText('演示环境：').isVisible());
  // An inspector has no admin menu entries, and an admin page answers 403.
  assert.equal(await page.getByRole('menuitem', { name: '审计日志' }).count(), 0);
  await screenshot(page, 'home-inspector');
  await page.goto('/admin/users');
  await page.getByText('无权访问').first().waitFor();
  await page.goto('/no/such/page');
  await page.getByText('页面不存在').first().waitFor();
  assertNoPageErrors(page);
  await page.context().close();
});

test('a wrong password shows the error and keeps the user on the login page', { timeout: TEST_TIMEOUT }, async () => {
  const page = await openPage(browser, server.baseUrl);
  await page.goto('/login');
  await page.getByLabel('用户名').fill('demo-legal');
  await page.getByLabel('密码', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).click();
  const alert = page.getByTestId('login-error');
  await alert.waitFor();
  assert.match(await alert.innerText(), /用户名或密码错误/);
  assert.equal(new URL(page.url()).pathname, '/login');
  await screenshot(page, 'login-wrong-password');
  // Empty fields are refused in the browser, with a message per field.
  await page.getByLabel('密码', { exact: true }).fill('');
  await page.getByLabel('密码', { exact: true }).press('Enter');
  await page.getByText('请输入密码').waitFor();
  assertNoPageErrors(page);
  await page.context().close();
});

test('a user enrols TOTP from the user menu, signs out, and signs in with a code', { timeout: TEST_TIMEOUT }, async () => {
  const page = await openPage(browser, server.baseUrl);
  await loginUI(page, 'demo-inspector2');
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '启用双因素认证' }).click();
  const secretEl = page.getByTestId('totp-secret');
  await secretEl.waitFor();
  await page.getByAltText('身份验证器绑定二维码').waitFor();
  await screenshot(page, 'totp-enrol-qr');
  const secret = (await secretEl.innerText()).replace(/\s+/g, '');
  assert.match(secret, /^[A-Z2-7]{16,}$/);
  // A wrong code is refused on the field; the right one completes the binding.
  await page.getByLabel('动态口令').fill(String((Number(totpCode(secret)) + 1) % 1_000_000).padStart(6, '0'));
  await page.getByText(/动态口令不正确|格式不正确/).waitFor();
  await page.getByLabel('动态口令').fill(totpCode(secret));
  await page.getByText('请妥善保存以下恢复码', { exact: false }).waitFor();
  const codes = await page.locator('.recovery-codes li').allInnerTexts();
  assert.equal(codes.length, 10);
  await screenshot(page, 'totp-recovery-codes');
  await page.getByRole('button', { name: '我已妥善保存' }).click();
  const row = await users.findByUsername(server.deps.db, 'demo-inspector2');
  assert.ok(row?.totpSecretEnc, 'the secret is stored once confirmed');

  await signOutUI(page);
  await page.getByText('已退出登录').waitFor();

  // The password alone is no longer enough: the second step asks for the code.
  await page.getByLabel('用户名').fill('demo-inspector2');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel('密码', { exact: true }).press('Enter');
  await page.getByText('双因素认证').first().waitFor();
  await page.getByLabel('动态口令').fill('000000' === totpCode(secret) ? '111111' : '000000');
  await page.getByTestId('login-error').getByText('动态口令不正确或已过期').waitFor();
  await screenshot(page, 'login-totp-step');
  await page.getByLabel('动态口令').fill(totpCode(secret, new Date(Date.now() + 30_000)));
  await page.getByRole('heading', { name: '工作台', level: 4 }).waitFor();
  await page.getByText('李检查（演示），您好').waitFor();
  // Enrolled: the home page no longer nags about two-factor authentication.
  assert.equal(await page.getByText('尚未启用双因素认证').count(), 0);
  assertNoPageErrors(page);
  await page.context().close();
});

test('the audit admin opens the audit log, verifies the chain and reads an entry', { timeout: TEST_TIMEOUT }, async () => {
  const page = await openPage(browser, server.baseUrl);
  // A deep link while signed out: sign in first, then back to where the link pointed.
  await page.goto('/admin/audit');
  await page.waitForURL(/\/login\?next=%2Fadmin%2Faudit$/);
  await page.getByLabel('用户名').fill('demo-auditor');
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel('密码', { exact: true }).press('Enter');
  await page.waitForURL('**/admin/audit');
  await page.getByRole('heading', { name: '审计日志', level: 4 }).waitFor();
  assert.equal(await page.getByRole('menuitem', { name: '审计日志' }).getAttribute('class').then((c) => c?.includes('selected')), true);
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await rows.first().waitFor();
  assert.ok((await rows.count()) > 0);
  // The auditor's own sign-in is on the first page.
  await page.locator('.ant-table-tbody').getByText('登录成功').first().waitFor();
  await page.getByRole('button', { name: '校验审计链' }).click();
  const result = page.getByTestId('audit-verify-result');
  await result.waitFor();
  assert.match(await result.innerText(), /审计链完整：已校验 \d+ 条记录/);
  await screenshot(page, 'audit-log');
  await rows.first().click();
  await page.getByText('记录哈希').waitFor();
  await screenshot(page, 'audit-entry-drawer');
  // Filters live in the URL: a shared link opens the same filtered list.
  await page.keyboard.press('Escape');
  await page.goto('/admin/audit?action=user');
  await page.locator('.ant-select').getByTitle('user.*').waitFor();
  await eventually(async () => {
    const codes = await page.locator('.ant-table-tbody tr.ant-table-row .audit-action-code').allInnerTexts();
    assert.ok(codes.length > 0 && codes.every((c) => c.startsWith('user.')), codes.join(','));
  });
  // The session ends underneath (expired, revoked): the next request lands on the login page,
  // which will bring the user back here.
  await page.context().clearCookies();
  await page.getByRole('button', { name: '校验审计链' }).click();
  await page.waitForURL(/\/login\?next=%2Fadmin%2Faudit/);
  await page.locator('#username').waitFor();
  assertNoPageErrors(page);
  await page.context().close();
});

test('the shell works on a 10-inch tablet: the menu collapses and the unit tree shows', { timeout: TEST_TIMEOUT }, async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: TABLET });
  await loginUI(page, 'demo-sysadmin');
  await page.getByRole('button', { name: '展开菜单' }).waitFor();
  await screenshot(page, 'tablet-home-sysadmin');
  await page.goto('/admin/units');
  await page.locator('.ant-tree').getByText('宿迁市公安局网络安全保卫支队（演示）').click();
  await page.getByRole('button', { name: '新建下级单位' }).waitFor();
  await screenshot(page, 'tablet-units');
  assertNoPageErrors(page);
  await page.context().close();
});
