import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { issueDocument } from '../../src/domain/documents/issue-document';
import { downloadDocument } from '../../src/domain/documents/download-document';
import { insertCaseFile, type CaseFile } from '../domain/documents/case-fixture';
import { assertNoPageErrors, eventually, launchBrowser, loginUI, openPage, screenshot, startServer, type E2EServer } from './support';

let server: E2EServer;
let browser: Browser;
let caseA: CaseFile;
let pdfFile: string;
const cleanups: (() => unknown)[] = [];
const hooks = { after: (fn: () => unknown) => void cleanups.push(fn) };
const tableRows = '.ant-table-tbody tr.ant-table-row';

before(async () => {
  server = await startServer(hooks, { onlyUsers: ['demo-inspector', 'demo-inspector2', 'demo-leader', 'demo-nj-inspector', 'demo-nj-leader', 'demo-duty'] });
  caseA = await insertCaseFile(server.deps, server.org);
  const leader = await server.org.actor('demo-leader');
  const doc = await issueDocument(server.deps, leader, { kind: 'penaltyDecision', subjectId: caseA.penaltyId });
  const { pdf } = await downloadDocument(server.deps, leader, { documentId: doc.id, purpose: 'download' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangan-e2e-doc-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  pdfFile = path.join(dir, 'decision.pdf');
  fs.writeFileSync(pdfFile, pdf);
  browser = await launchBrowser(hooks);
});
after(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

test('a leader lists documents, opens one with its original PDF, and voids another with a reason', async () => {
  const leader = await server.org.actor('demo-leader');
  await issueDocument(server.deps, leader, { kind: 'warningTalkRecord', subjectId: caseA.talkId });
  const page = await openPage(browser, server.baseUrl);
  await loginUI(page, 'demo-leader');
  await page.getByRole('menuitem', { name: /文书$/ }).click(); // not 文书核验
  await page.getByRole('heading', { name: '文书', level: 4 }).waitFor();
  await eventually(async () => assert.equal(await page.locator(tableRows).count(), 2));
  await screenshot(page, 'documents-list');

  await page.getByText(caseA.numbers.penaltyDecision!).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByText('内容摘要 SHA-256').waitFor();
  await drawer.getByRole('button', { name: /查看原件/ }).click();
  await drawer.locator('iframe').waitFor();
  await drawer.getByText('下载与打印记录').waitFor();
  await eventually(async () => assert.ok(await drawer.getByText('下载', { exact: true }).count() >= 1));
  await screenshot(page, 'documents-drawer');
  await drawer.getByRole('button', { name: /关\s*闭|Close/ }).first().click().catch(() => page.keyboard.press('Escape'));

  await page.getByText(caseA.numbers.warningTalkRecord!).click();
  await page.getByRole('dialog').getByRole('button', { name: /作\s*废/ }).click();
  const modal = page.locator('.ant-modal').filter({ hasText: '作废文书' });
  await modal.getByRole('textbox').fill('约谈对象记录错误');
  await modal.getByRole('button', { name: /作\s*废/ }).click();
  await eventually(async () => assert.ok(await page.getByRole('dialog').getByText('已作废').count() >= 1));
  await screenshot(page, 'documents-voided');
  assertNoPageErrors(page);
});

test('a duty officer verifies an uploaded PDF', async () => {
  const page = await openPage(browser, server.baseUrl);
  await loginUI(page, 'demo-duty');
  await page.getByRole('menuitem', { name: '文书核验' }).click();
  await page.getByRole('heading', { name: '文书核验', level: 4 }).waitFor();
  await page.locator('input[type=file]').setInputFiles(pdfFile);
  await page.getByText('文书真实有效').first().waitFor();
  await page.getByText(caseA.numbers.penaltyDecision!).waitFor();
  await page.getByText('与存档原件逐字节一致').waitFor();
  await screenshot(page, 'documents-verify');
  assertNoPageErrors(page);
});
