import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { notifyPenaltyIntent } from '../../src/domain/escalation/penalty-steps';
import { shanghaiDate } from '../../src/domain/dates';
import { generateRecord } from '../../src/domain/inspections/generate-record';
import { saveChecklist } from '../../src/domain/inspections/checklist';
import * as inspectionsStore from '../../src/store/inspections.store';
import { inProgressInspection, makeEntity, makePortalUser, withViolations, type World } from '../domain/inspections/support';
import { assertNoPageErrors, dialog, eventually, launchBrowser, loginUI, openPage, screenshot, settle, startServer, TABLET, type E2EServer } from './support';

let server: E2EServer;
let browser: Browser;
let entity: { id: string; name: string };
const cleanups: (() => unknown)[] = [];
const hooks = { after: (fn: () => unknown) => void cleanups.push(fn) };

before(async () => {
  server = await startServer(hooks, { onlyUsers: ['demo-inspector', 'demo-inspector2', 'demo-leader', 'demo-legal'] });
  entity = await makeEntity(server.deps, await server.org.actor('demo-inspector'), server.org.cityA.id, '宿迁浏览器测试科技有限公司', '321300');
  browser = await launchBrowser(hooks);
});
after(async () => {
  for (const fn of cleanups.reverse()) await fn();
});

/** Types a day into an antd DatePicker input and confirms it. */
async function typeDate(page: Page, input: ReturnType<Page['locator']>, value: string) {
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

test('(a) an inspector drafts and submits a plan; the leader approves it', async () => {
  const page = await openPage(browser, server.baseUrl);
  await loginUI(page, 'demo-inspector');
  await page.goto('/plans');
  await page.getByRole('button', { name: /新建检查计划/ }).click();
  const drawer = page.locator('.ant-drawer').filter({ hasText: '新建检查计划' });
  await settle(page);
  await drawer.locator('#title').fill('浏览器测试日常检查');
  const range = drawer.locator('#dates');
  await typeDate(page, range, '2026-12-01');
  const end = drawer.locator('.ant-picker-range input').nth(1);
  await end.fill('2026-12-20');
  await end.press('Enter');
  await drawer.locator('#scopeText').fill('网络安全管理制度、技术措施落实情况');
  await drawer.locator('#teamIds').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '32130001' }).click();
  await page.locator('.ant-select-item-option').filter({ hasText: '32130002' }).click();
  await page.keyboard.press('Escape');
  await drawer.locator('#targets').fill('浏览器测试');
  await page.locator('.ant-select-item-option').filter({ hasText: entity.name }).click();
  await page.keyboard.press('Escape');
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await page.locator('.ant-drawer').filter({ hasText: '新建检查计划' }).waitFor({ state: 'hidden' });

  await page.getByText('浏览器测试日常检查').click();
  const planDrawer = page.locator('.ant-drawer').filter({ hasText: '浏览器测试日常检查' });
  await planDrawer.getByRole('button', { name: /提交审批/ }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
  await eventually(async () => assert.ok(await planDrawer.getByText('待审批').or(planDrawer.getByText('已提交')).count() >= 1));
  assertNoPageErrors(page);
  await page.close();

  const leader = await openPage(browser, server.baseUrl);
  await loginUI(leader, 'demo-leader');
  await leader.goto('/plans');
  await leader.getByText('浏览器测试日常检查').click();
  const d = leader.locator('.ant-drawer').filter({ hasText: '浏览器测试日常检查' });
  await d.getByRole('button', { name: /^批\s*准$/ }).click();
  await leader.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
  await eventually(async () => assert.ok(await d.getByText('已批准').count() >= 1));
  // Approval created the inspection of the target.
  await eventually(async () => assert.ok(await d.getByText(entity.name).count() >= 1));
  await screenshot(leader, 'inspections-plan-approved');
  assertNoPageErrors(leader);
  await leader.close();
});

test('(escalation) a penalty out of range is refused on the form; legal review and decision in the UI', async () => {
  const page = await openPage(browser, server.baseUrl);
  await loginUI(page, 'demo-inspector');
  await page.goto('/escalation');
  await page.getByRole('button', { name: /提出处罚建议/ }).click();
  const modal = await dialog(page, '提出处罚建议');
  await modal.locator('#entityId').fill('浏览器测试');
  await page.locator('.ant-select-item-option').filter({ hasText: entity.name }).click();
  await modal.locator('#topicKey').fill('CSL-PEN-MLPS');
  await modal.locator('#tier').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '拒不改正或造成危害' }).click();
  await typeDate(page, modal.locator('#violationDate'), '2026-03-11');
  await modal.locator('#fineAmount').fill('20000');
  await modal.locator('#facts').fill('拒不改正，日志留存不足六个月');
  await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
  // The API's 422 field error lands on the amount.
  await modal.locator('#fineAmount_help, .ant-form-item-explain-error').first().waitFor();
  await eventually(async () => assert.match(await modal.locator('.ant-form-item-explain-error').first().innerText(), /超出法定罚款幅度 ¥50000–500000/));
  await screenshot(page, 'escalation-penalty-out-of-range');
  await modal.locator('#fineAmount').fill('60000');
  await modal.getByRole('button', { name: /确\s*定|OK/ }).click();
  await modal.waitFor({ state: 'hidden' });
  const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
  await eventually(async () => assert.match(await row.innerText(), /处罚建议/));
  await row.getByRole('button', { name: /查\s*看/ }).click();
  const drawer = page.locator('.ant-drawer').filter({ hasText: '处罚详情' });
  await drawer.getByRole('button', { name: /提交法制审核/ }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
  await eventually(async () => assert.ok(await drawer.getByText('法制审核中').count() >= 1));
  assertNoPageErrors(page);
  await page.close();

  const legal = await openPage(browser, server.baseUrl);
  await loginUI(legal, 'demo-legal');
  await legal.getByRole('menuitem', { name: /法制审核/ }).click();
  const queued = legal.locator('.ant-table-tbody tr.ant-table-row');
  await eventually(async () => assert.equal(await queued.count(), 1));
  await queued.first().getByRole('button', { name: /查\s*看/ }).click();
  const d = legal.locator('.ant-drawer').filter({ hasText: '处罚详情' });
  await d.getByRole('button', { name: /法制审核/ }).click();
  const review = await dialog(legal, '法制审核');
  await review.locator('#comment').fill('事实清楚，证据充分，适用法律正确');
  await review.getByRole('button', { name: /确\s*定|OK/ }).click();
  await review.waitFor({ state: 'hidden' });
  await eventually(async () => assert.ok(await d.getByText('审核通过').count() >= 1));
  assertNoPageErrors(legal);
  await legal.close();

  const penaltyId = (await server.deps.db.selectFrom('penalties').select('id').executeTakeFirstOrThrow()).id;
  await notifyPenaltyIntent(server.deps, await server.org.actor('demo-inspector'), { penaltyId, hearingOffered: true });

  const leader = await openPage(browser, server.baseUrl);
  await loginUI(leader, 'demo-leader');
  await leader.goto('/escalation');
  await leader.locator('.ant-table-tbody tr.ant-table-row').first().getByRole('button', { name: /查\s*看/ }).click();
  const ld = leader.locator('.ant-drawer').filter({ hasText: '处罚详情' });
  await ld.getByRole('button', { name: /作出处罚决定/ }).click();
  const decide = await dialog(leader, '作出处罚决定');
  await decide.locator('#comment').fill('依法作出处罚决定');
  // Enter in the date input confirms the day and submits the form (Enter submits every form).
  await typeDate(leader, decide.locator('#paymentDeadline'), '2027-01-15');
  await decide.waitFor({ state: 'hidden' });
  await eventually(async () => assert.ok(await ld.getByText(/罚字〔\d{4}〕第\d{4}号|〔\d{4}〕第\d{4}号/).count() >= 1));
  await screenshot(leader, 'escalation-penalty-decided');
  assertNoPageErrors(leader);
  await leader.close();
});

test('(c)(d) the leader issues a rectification notice; the entity reports its rectification; the re-inspection finds it rectified and closes the inspection', async () => {
  const { deps, org } = server;
  const inspector = await org.actor('demo-inspector');
  const entityD = await makeEntity(deps, inspector, org.cityA.id, '宿迁整改测试网络有限公司', '321300');
  const portal = await makePortalUser(deps, org, entityD.id, org.cityA.id, 'e2e-portal-d');
  const plus = (days: number) => shanghaiDate(new Date(deps.now().getTime() + days * 86_400_000));
  // Setup through the use cases: an inspection with one violation, record frozen, findings confirmed.
  const w = {
    deps, org, inspector, inspector2: await org.actor('demo-inspector2'), leader: await org.actor('demo-leader'), entityA: entityD, portalA: portal,
  } as unknown as World;
  const { inspectionId } = await withViolations(w, 1);

  // (c) The leader issues the rectification notice (责令限期整改通知书) in the UI; its number appears.
  const lead = await openPage(browser, server.baseUrl);
  await loginUI(lead, 'demo-leader');
  await lead.goto(`/inspections/${inspectionId}`);
  await lead.getByRole('button', { name: /责令限期整改/ }).click();
  const rectify = await dialog(lead, /责令限期整改/);
  await rectify.locator('#measures').fill('完善日志留存，留存不少于六个月');
  await typeDate(lead, rectify.locator('#deadline'), plus(10));
  // Enter may already have submitted the form; otherwise OK does.
  await rectify.getByRole('button', { name: /确\s*定|OK/ }).click({ timeout: 2000 }).catch(() => undefined);
  await rectify.waitFor({ state: 'hidden' });
  const notice = await eventually(async () => {
    const row = await deps.db.selectFrom('rectificationNotices').select(['docNumber']).where('inspectionId', '=', inspectionId).executeTakeFirstOrThrow();
    assert.match(row.docNumber, /整字〔\d{4}〕第\d{4}号$/);
  }).then(() => deps.db.selectFrom('rectificationNotices').select(['docNumber']).where('inspectionId', '=', inspectionId).executeTakeFirstOrThrow());
  await lead.getByText(notice.docNumber).first().waitFor();
  await screenshot(lead, 'inspections-rectification-issued', { fullPage: true });
  assertNoPageErrors(lead);
  await lead.close();

  const page = await openPage(browser, server.baseUrl);
  await loginUI(page, 'e2e-portal-d', 'Portal@wangan2026');
  await page.goto(`/inspections/${inspectionId}`);
  await page.getByText(notice.docNumber).first().waitFor();
  await page.getByRole('button', { name: /报送整改情况/ }).click();
  const report = await dialog(page, '报送整改情况');
  await report.locator('#content').fill('已将日志留存调整为180天并补充安全管理制度');
  await report.getByRole('button', { name: /确\s*定|OK/ }).click();
  await report.waitFor({ state: 'hidden' });
  await eventually(async () => {
    const row = await deps.db.selectFrom('inspections').select('status').where('id', '=', inspectionId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'rectificationReported');
  });
  assertNoPageErrors(page);
  await page.close();

  const officer = await openPage(browser, server.baseUrl);
  await loginUI(officer, 'demo-inspector');
  await officer.goto(`/inspections/${inspectionId}`);
  await officer.getByRole('button', { name: /^复\s*查$/ }).click();
  const re = await dialog(officer, /^复\s*查$/);
  await re.locator('#opinion').fill('经复查，日志留存已达六个月以上，整改到位');
  await re.getByRole('button', { name: /确\s*定|OK/ }).click();
  await re.waitFor({ state: 'hidden' });
  await eventually(async () => {
    const row = await deps.db.selectFrom('inspections').select('status').where('id', '=', inspectionId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'closedRectified');
  });
  await officer.reload();
  await officer.getByText(notice.docNumber).first().waitFor();
  await screenshot(officer, 'inspections-closed-rectified', { fullPage: true });
  assertNoPageErrors(officer);
  await officer.close();
});

/** Draws a stroke on the signature pad of the open sign dialog and confirms. */
async function signInDialog(page: Page) {
  const modal = page.locator('.ant-modal').filter({ has: page.locator('canvas') });
  await modal.waitFor();
  await settle(page);
  const box = (await modal.locator('canvas').boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 40);
  await page.mouse.down();
  for (let i = 1; i <= 10; i += 1) await page.mouse.move(box.x + 30 + i * 25, box.y + 40 + (i % 2) * 60);
  await page.mouse.up();
  await modal.locator('.ant-modal-footer .ant-btn-primary').click();
  await modal.waitFor({ state: 'hidden' });
}

test('(b) checklist with evidence upload, signed by two inspectors and the entity: the record freezes', async () => {
  const { deps, org } = server;
  const inspector = await org.actor('demo-inspector');
  const entityB = await makeEntity(deps, inspector, org.cityA.id, '宿迁签名测试信息有限公司', '321300');
  const portal = await makePortalUser(deps, org, entityB.id, org.cityA.id, 'e2e-portal-b');
  const plus = (days: number) => shanghaiDate(new Date(deps.now().getTime() + days * 86_400_000));
  const w = { deps, org, inspector, inspector2: await org.actor('demo-inspector2'), leader: await org.actor('demo-leader'), entityA: entityB, portalA: portal } as unknown as World;
  const { inspectionId } = await inProgressInspection(w, { startsOn: plus(0), endsOn: plus(20) });

  const page = await openPage(browser, server.baseUrl, { viewport: TABLET });
  await loginUI(page, 'demo-inspector');
  await page.goto(`/inspections/${inspectionId}/checklist`);
  const firstItem = page.locator('.ant-segmented').first();
  await firstItem.getByText('符合', { exact: true }).click();
  await page.locator('input[type=file]').first().setInputFiles({ name: 'screen.png', mimeType: 'image/png', buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64') });
  await eventually(async () => assert.equal((await inspectionsStore.listEvidenceOfInspection(deps.db, inspectionId)).length, 1));
  await page.getByRole('button', { name: /保存检查结果/ }).click();
  await eventually(async () => {
    const items = await inspectionsStore.listItems(deps.db, inspectionId);
    assert.equal(items.find((i) => i.seq === 1)?.result, 'compliant');
  });
  assertNoPageErrors(page);
  // The other items through the use case, to keep the journey short; then the record.
  const items = await inspectionsStore.listItems(deps.db, inspectionId);
  await saveChecklist(deps, inspector, { inspectionId, items: items.map((i) => ({ itemKey: i.itemKey, result: 'compliant' as const })) });
  await generateRecord(deps, inspector, { inspectionId, measuresTaken: ['enterPremises'] });

  await page.goto(`/inspections/${inspectionId}`);
  await page.getByRole('button', { name: /检查人员签名/ }).click();
  await signInDialog(page);
  await page.close();

  const second = await openPage(browser, server.baseUrl, { viewport: TABLET });
  await loginUI(second, 'demo-inspector2');
  await second.goto(`/inspections/${inspectionId}`);
  await second.getByRole('button', { name: /检查人员签名/ }).click();
  await signInDialog(second);
  assertNoPageErrors(second);
  await second.close();

  const entityPage = await openPage(browser, server.baseUrl);
  await loginUI(entityPage, 'e2e-portal-b', 'Portal@wangan2026');
  await entityPage.goto(`/inspections/${inspectionId}`);
  await entityPage.getByRole('button', { name: /被检查单位签名/ }).click();
  await signInDialog(entityPage);
  await eventually(async () => {
    const row = await deps.db.selectFrom('inspections').select('status').where('id', '=', inspectionId).executeTakeFirstOrThrow();
    assert.equal(row.status, 'recordFrozen');
  });
  await entityPage.reload();
  await entityPage.getByText('已固定').first().waitFor();
  await screenshot(entityPage, 'inspections-record-frozen');
  assertNoPageErrors(entityPage);
  await entityPage.close();
});
