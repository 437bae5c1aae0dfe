import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { CjkFontMissingError, resolveCjkFont } from '../../src/documents/fonts';

test('the npm package is the font source after npm install', () => {
  const font = resolveCjkFont();
  assert.equal(font.source, 'npm');
  assert.ok(existsSync(font.regular.path) && existsSync(font.bold.path));
  assert.match(font.regular.path, /NotoSansHans-Regular\.otf$/);
});

test('a missing font fails with a message naming both ways to install one', () => {
  assert.throws(
    () => resolveCjkFont({ override: { regular: '/nonexistent/font.otf' } }),
    (err: unknown) => err instanceof CjkFontMissingError && /npm install/.test(err.message) && /fonts-noto-cjk/.test(err.message),
  );
});

// The resolver's order on machines we do not have here: temporary copies of the npm font stand
// in for each installation, so every branch runs on every machine.
function fakeInstalls(t: { after: (fn: () => void) => void }) {
  const npm = resolveCjkFont({ locations: {} });
  const root = mkdtempSync(join(tmpdir(), 'wangan-fonts-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const npmDir = join(root, 'npm', 'fonts');
  const debianDir = join(root, 'debian');
  mkdirSync(npmDir, { recursive: true });
  mkdirSync(debianDir, { recursive: true });
  copyFileSync(npm.regular.path, join(npmDir, 'NotoSansHans-Regular.otf'));
  copyFileSync(npm.bold.path, join(npmDir, 'NotoSansHans-Bold.otf'));
  const debianRegular = join(debianDir, 'NotoSansCJK-Regular.ttc');
  copyFileSync(npm.regular.path, debianRegular);
  return { root, npmDir, debianDir, debianRegular, npmOriginalDir: dirname(npm.regular.path) };
}

test('without the npm package the resolver picks Debian fonts-noto-cjk, simplified-Chinese face by name', (t) => {
  const f = fakeInstalls(t);
  const font = resolveCjkFont({ locations: { npmDir: null, debianDir: f.debianDir } });
  assert.equal(font.source, 'debian');
  assert.equal(font.regular.path, f.debianRegular);
  assert.equal(font.regular.postscriptName, 'NotoSansCJKsc-Regular');
  // Only the regular weight installed: bold falls back to it rather than failing.
  assert.equal(font.bold.path, f.debianRegular);
  assert.equal(font.bold.postscriptName, 'NotoSansCJKsc-Regular');
});

test('with both installed the npm package wins; an npm directory without the files falls through to Debian', (t) => {
  const f = fakeInstalls(t);
  const both = resolveCjkFont({ locations: { npmDir: f.npmDir, debianDir: f.debianDir } });
  assert.equal(both.source, 'npm');
  assert.equal(both.regular.path, join(f.npmDir, 'NotoSansHans-Regular.otf'));
  assert.equal(both.bold.path, join(f.npmDir, 'NotoSansHans-Bold.otf'));

  const brokenNpm = resolveCjkFont({ locations: { npmDir: join(f.root, 'nowhere'), debianDir: f.debianDir } });
  assert.equal(brokenNpm.source, 'debian');
});

test('Debian bold is used when present', (t) => {
  const f = fakeInstalls(t);
  copyFileSync(f.debianRegular, join(f.debianDir, 'NotoSansCJK-Bold.ttc'));
  const font = resolveCjkFont({ locations: { npmDir: null, debianDir: f.debianDir } });
  assert.equal(font.bold.path, join(f.debianDir, 'NotoSansCJK-Bold.ttc'));
  assert.equal(font.bold.postscriptName, 'NotoSansCJKsc-Bold');
});

test('neither installed: the error lists where it looked', (t) => {
  const f = fakeInstalls(t);
  const empty = join(f.root, 'empty');
  assert.throws(
    () => resolveCjkFont({ locations: { npmDir: null, debianDir: empty } }),
    (err: unknown) => err instanceof CjkFontMissingError && err.message.includes(join(empty, 'NotoSansCJK-Regular.ttc')),
  );
});

test('an override wins over both installations', (t) => {
  const f = fakeInstalls(t);
  const regular = join(f.npmDir, 'NotoSansHans-Regular.otf');
  const font = resolveCjkFont({ override: { regular }, locations: { npmDir: f.npmDir, debianDir: f.debianDir } });
  assert.equal(font.source, 'override');
  assert.equal(font.regular.path, regular);
  assert.equal(font.bold.path, regular);
});
