import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { seedRegistryDemo } from '../../src/domain/demo/seed-registry';
import { composeUscc } from '../../src/domain/registry/uscc';
import { assertNoPageErrors, DESKTOP, launchBrowser, loginUI, openPage, screenshot, startServer, type E2EServer } from './support';

let server: E2EServer;
let browser: Browser;
const cleanups: (() => unknown)[] = [];
const hooks = { after: (fn: () => unknown) => void cleanups.push(fn) };

before(async () => {
  server = await startServer(hooks);
  await seedRegistryDemo(server.deps, server.org);
  browser = await launchBrowser(hooks);
});
after(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

test('a city user opening a sibling city\'s entity by URL is refused and sees nothing of it', async () => {
  const { deps, org } = server;
  const target = await deps.db.selectFrom('entities').select(['id', 'name']).where('unitPath', 'like', `${org.cityA.path}%`).orderBy('name').executeTakeFirstOrThrow();
  // The owner city sees it …
  const owner = await openPage(browser, server.baseUrl, { viewport: DESKTOP });
  await loginUI(owner, 'demo-inspector');
  await owner.goto(`${server.baseUrl}/entities/${target.id}`);
  await owner.getByText(target.name).first().waitFor({ timeout: 20_000 });
  // … the sibling city gets the out-of-scope message and no trace of the record.
  const sibling = await openPage(browser, server.baseUrl, { viewport: DESKTOP });
  await loginUI(sibling, 'demo-nj-inspector');
  const apiCalls: number[] = [];
  sibling.on('response', (r) => { if (r.url().includes(`/api/entities/${target.id}`)) apiCalls.push(r.status()); });
  await sibling.goto(`${server.baseUrl}/entities/${target.id}`);
  await sibling.getByText(/不存在|不在本单位管辖范围内/).first().waitFor({ timeout: 20_000 });
  assert.equal(await sibling.getByText(target.name).count(), 0, 'the entity name must not appear');
  assert.ok(apiCalls.length > 0 && apiCalls.every((s) => s === 404), `API answered ${apiCalls.join(',')}`);
  await screenshot(sibling, 'registry-sibling-refused');
  assertNoPageErrors(owner);
});

test('an inspector registers an entity through the form and finds it in the list', async () => {
  const page = await openPage(browser, server.baseUrl, { viewport: DESKTOP });
  await loginUI(page, 'demo-inspector');
  await page.goto(`${server.baseUrl}/entities/new`);
  const name = '宿迁端到端测试网络科技有限公司（演示）';
  await page.getByLabel('单位名称').fill(name);
  await page.getByLabel('统一社会信用代码').fill(composeUscc('91321300E2E000001'));
  await page.getByLabel('行业类型').click();
  await page.getByTitle(/互联网信息服务/).first().click();
  await page.getByLabel('地址').fill('宿迁市宿城区测试路1号');
  await page.getByRole('button', { name: /保\s*存|登\s*记|提\s*交/ }).last().click();
  await page.getByText(name).first().waitFor({ timeout: 20_000 });
  await page.goto(`${server.baseUrl}/entities?q=${encodeURIComponent('端到端测试')}`);
  await page.locator('.ant-table-tbody').getByText(name).first().waitFor({ timeout: 20_000 });
  await screenshot(page, 'registry-entity-registered');
  const row = await server.deps.db.selectFrom('entities').select(['name', 'unitPath']).where('name', '=', name).executeTakeFirst();
  assert.equal(row?.unitPath, server.org.cityA.path);
  assertNoPageErrors(page);
});
