import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { syncShippedRuleSets } from '../../src/domain/rules';
import { makeEntity, o151v2 } from '../domain/rules/support';
import { assertNoPageErrors, eventually, launchBrowser, loginUI, openPage, screenshot, startServer, type E2EServer } from './support';

let server: E2EServer;
let browser: Browser;
const cleanups: (() => unknown)[] = [];
const hooks = { after: (fn: () => unknown) => void cleanups.push(fn) };

before(async () => {
  server = await startServer(hooks, { onlyUsers: ['demo-inspector', 'demo-leader'] });
  await syncShippedRuleSets(server.deps);
  const { org, deps } = server;
  await makeEntity(deps, org.countyA1, { name: '宿城新上线网络公司', services: [{ type: 'icp', startDate: '2025-11-24' }] });
  await makeEntity(deps, org.cityA, {
    name: '宿迁事件数据中心', services: [{ type: 'idc', startDate: '2012-01-01' }],
    history: [{ kind: 'incident', occurredOn: '2025-09-01' }, { kind: 'penalty', occurredOn: '2020-06-01', category: 'cybersecurityDuty' }],
  });
  await makeEntity(deps, org.cityA, { name: '宿迁平稳公司', services: [{ type: 'idc', startDate: '2012-01-01' }] });
  browser = await launchBrowser(hooks);
});
after(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

const tableRows = '.ant-table-tbody tr.ant-table-row';

test('an inspector sees the focus entities of the city with counts, and why one is a focus entity', async () => {
  const page = await openPage(browser, server.baseUrl);
  await loginUI(page, 'demo-inspector');
  await page.getByRole('menuitem', { name: '重点对象' }).click();
  await page.getByRole('heading', { name: '重点监督检查对象', level: 4 }).waitFor();
  await page.goto('/focus?asOf=2026-03-01');
  await eventually(async () => assert.equal(await page.locator(tableRows).count(), 2));
  await page.locator('canvas').first().waitFor();
  await page.getByText('在管 3 家，重点对象 2 家').waitFor();
  await screenshot(page, 'rules-focus-list');
  await page.getByText('宿迁事件数据中心').click();
  const drawer = page.getByRole('dialog');
  await drawer.getByText('符合 2 项重点监督检查情形').waitFor();
  await drawer.getByText('O151-A9-F3').waitFor();
  await screenshot(page, 'rules-focus-reasons');
  assertNoPageErrors(page);
});

test('a leader browses rule sets, imports a new version and compares it', async () => {
  const page = await openPage(browser, server.baseUrl);
  await loginUI(page, 'demo-leader');
  await page.getByRole('menuitem', { name: '规则' }).click();
  await page.getByRole('heading', { name: '检查规则', level: 4 }).waitFor();
  await page.goto('/rules?set=O151&version=2018.1');
  await page.locator(tableRows).first().waitFor();
  const all = await page.locator(tableRows).count();
  await page.getByPlaceholder('搜索编号、内容、证据').fill('A11');
  await eventually(async () => assert.ok((await page.locator(tableRows).count()) < all));
  await screenshot(page, 'rules-sets');

  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wangan-e2e-')), 'o151-2018.2.json');
  fs.writeFileSync(file, JSON.stringify(o151v2()));
  await page.getByRole('button', { name: '导入新版本' }).click();
  await page.locator('.ant-modal input[type=file]').setInputFiles(file);
  await page.locator('.ant-modal').getByText('相对 2018.1：新增 1，删除 1，修改 1').waitFor();
  await screenshot(page, 'rules-import');
  await page.locator('.ant-modal').getByRole('button', { name: /关\s*闭/ }).last().click();

  await page.goto('/rules/compare?a=O151@2018.1&b=O151@2018.2');
  await page.getByText('检查项：新增 1，删除 1，修改 1').waitFor();
  await page.getByText('text.zh').waitFor();
  await screenshot(page, 'rules-compare', { fullPage: true });
  assertNoPageErrors(page);
});
