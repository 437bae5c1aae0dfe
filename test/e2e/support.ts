// Browser end-to-end harness: the real server (in-process, on a loopback port, over a fresh test
// database with the demo org) and Debian's Chromium driven by playwright-core. Needs a built UI
// (`npm run build:web`; `npm test` builds it first) and `apt-get install chromium fonts-noto-cjk`.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { totpCode } from '../../src/domain/auth/totp';
import { buildServer } from '../../src/http/server';
import { testDeps } from '../support/db';
import { DEMO_PASSWORD, seedOrg, type TestOrg } from '../support/org';

export { DEMO_PASSWORD };
type Hooks = Pick<TestContext, 'after'>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// E2E_WEB_DIST: test another build (e.g. a development build that logs React and antd warnings).
const webDist = process.env.E2E_WEB_DIST ?? path.join(root, 'web/dist');
const webSrc = path.join(root, 'web/src');
export const artifactsDir = path.join(root, 'test-artifacts/e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, d.name);
    newest = Math.max(newest, d.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Fails fast with the fix when the UI is not built or Chromium is missing. */
export function requirePrerequisites(): void {
  const index = path.join(webDist, 'index.html');
  if (!fs.existsSync(index)) throw new Error('web/dist is not built: run `npm run build:web` (npm test does it first)');
  if (fs.existsSync(webSrc) && newestMtime(webSrc) > fs.statSync(index).mtimeMs) {
    console.warn('[e2e] web/src is newer than web/dist: run `npm run build:web` to test the current UI');
  }
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
}

/**
 * A private copy of web/dist for one server: a `npm run build:web` elsewhere during the run (it
 * empties web/dist) cannot then break the pages under test. Retries while a build is half-written.
 */
async function snapshotWebDist(t: Hooks): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangan-web-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const deadline = Date.now() + 60_000;
  for (;;) {
    fs.rmSync(dir, { recursive: true, force: true });
    try {
      fs.cpSync(webDist, dir, { recursive: true });
      const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
      const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
      if (assets.length > 0 && assets.every((a) => fs.existsSync(path.join(dir, a)))) return dir;
    } catch {
      // web/dist is being rebuilt right now
    }
    if (Date.now() > deadline) throw new Error('web/dist stayed incomplete: run `npm run build:web`');
    await new Promise((r) => setTimeout(r, 500));
  }
}

export type E2EServer = { app: FastifyInstance; baseUrl: string; org: TestOrg; deps: Awaited<ReturnType<typeof testDeps>> };

/** The API + web server over a fresh database seeded with the demo org, listening on 127.0.0.1. */
export async function startServer(t: Hooks, opts: { onlyUsers?: string[] } = {}): Promise<E2EServer> {
  requirePrerequisites();
  const deps = await testDeps(t);
  const org = await seedOrg(deps, opts.onlyUsers);
  const app = await buildServer(deps, { serveWeb: true, webDist: await snapshotWebDist(t) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.after(() => app.close());
  const { port } = app.server.address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, org, deps };
}

export async function launchBrowser(t: Hooks): Promise<Browser> {
  requirePrerequisites();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  t.after(() => browser.close());
  return browser;
}

export type Viewport = { width: number; height: number };
export const DESKTOP: Viewport = { width: 1280, height: 800 };
/** A 10-inch tablet held upright. */
export const TABLET: Viewport = { width: 800, height: 1280 };

export type E2EPage = Page & { errors: string[] };

/**
 * A fresh browser context (own cookies) at `baseUrl`, zh-CN, Shanghai time. Uncaught page errors
 * and console errors (other than failed-resource noise) are collected in `page.errors`;
 * `assertNoPageErrors(page)` fails a test that produced any.
 */
export async function openPage(browser: Browser, baseUrl: string, opts: { viewport?: Viewport; locale?: string } = {}): Promise<E2EPage> {
  const context: BrowserContext = await browser.newContext({
    baseURL: baseUrl,
    viewport: opts.viewport ?? DESKTOP,
    locale: opts.locale ?? 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
  });
  context.setDefaultTimeout(30_000); // generous: CI runs two browser files at once on two cores
  const page = (await context.newPage()) as E2EPage;
  page.errors = [];
  page.on('pageerror', (err) => page.errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // A 401/4xx the UI handles (the login page's session probe, a rejected form) is logged by Chromium as a resource error.
    if (/Failed to load resource/.test(text)) return;
    page.errors.push(`console: ${text}`);
  });
  return page;
}

export function assertNoPageErrors(page: E2EPage): void {
  assert.deepEqual(page.errors, [], `the page logged errors:\n${page.errors.join('\n')}`);
}

/**
 * Signs in through the login form; with `totpSecret`, also through the second-factor step
 * (the code is computed here, as the user's authenticator would). Resolves once the shell shows a page.
 */
export async function loginUI(page: Page, username: string, password: string = DEMO_PASSWORD, totpSecret?: string): Promise<void> {
  // By field id, not label, so it works in either language.
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#password').press('Enter');
  if (totpSecret) {
    const code = page.locator('#code');
    await code.waitFor();
    // The code of the next 30 s step: accepted (±1 step) and never the one used at enrolment.
    await code.fill(totpCode(totpSecret, new Date(Date.now() + 30_000)));
  }
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.getByTestId('user-menu').waitFor();
  await page.locator('.app-content h4').first().waitFor();
}

/** A dialog by its title, once its opening animation has finished (clicks during it can miss). */
export async function dialog(page: Page, name: string | RegExp): Promise<Locator> {
  const modal = page.getByRole('dialog', { name });
  await modal.waitFor();
  await settle(page);
  return modal;
}

/** Waits for running CSS animations (antd's motion) to finish. */
export async function settle(page: Page): Promise<void> {
  // A string, not a function: this file is type-checked without the DOM library.
  // Infinite ones (spinners, skeleton shimmer) never finish, so they are skipped, and the wait is capped.
  await page.evaluate(`Promise.race([
    Promise.all(document.getAnimations()
      .filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity)
      .map((a) => a.finished.catch(() => null))),
    new Promise((resolve) => setTimeout(resolve, 2000)),
  ]).then(() => true)`);
}

/** Saves a PNG to test-artifacts/e2e/<name>.png (look at it: that is what inspectors see). */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  // Let antd's animations finish so screenshots are stable.
  await settle(page);
  await page.waitForTimeout(100);
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? false });
  return file;
}

/** Retries an assertion until it passes (the UI settles asynchronously) or the time is up. */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Signs out through the user menu and waits for the login page. The menu is
 * opened again when a click was swallowed (a header re-render after a session
 * refresh can close the dropdown between the two clicks on a loaded machine);
 * a screenshot is kept when it never gets there.
 */
export async function signOutUI(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (!(await page.getByRole('menuitem', { name: '退出登录' }).isVisible())) await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    try {
      await page.waitForURL('**/login?loggedOut=1', { timeout: 15_000 });
      return;
    } catch (err) {
      if (attempt >= 3) {
        await screenshot(page, 'sign-out-failed').catch(() => undefined);
        throw err;
      }
    }
  }
}
