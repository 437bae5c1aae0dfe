// The UI catalogues: every module file merged, no key defined twice (a later spread would silently
// win), and the same {placeholders} in both languages.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { zhCN } from '../../web/src/i18n/zh-CN';
import { enUS } from '../../web/src/i18n/en-US';
import { makeTranslate } from '../../web/src/i18n/translate';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/src/i18n');

async function moduleCatalogs(locale: string): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (const file of fs.readdirSync(path.join(dir, locale)).filter((f) => f.endsWith('.ts') && f !== 'index.ts').sort()) {
    const mod = (await import(pathToFileURL(path.join(dir, locale, file)).href)) as Record<string, unknown>;
    const objects = Object.values(mod).filter((v): v is Record<string, string> => typeof v === 'object' && v !== null);
    assert.equal(objects.length, 1, `${locale}/${file} should export exactly one catalogue object`);
    out.set(file, objects[0]!);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('no key is defined by two zh-CN module files, and the index merges them all', async () => {
  const owners = new Map<string, string>();
  let total = 0;
  for (const [file, catalog] of await moduleCatalogs('zh-CN')) {
    for (const key of Object.keys(catalog)) {
      assert.ok(!owners.has(key), `${key} is defined in both ${owners.get(key)} and ${file}`);
      owners.set(key, file);
      total++;
    }
  }
  assert.equal(Object.keys(zhCN).length, total, 'every zh-CN/<module>.ts must be spread into zh-CN/index.ts');
});

test('each English file matches its Chinese file key for key, with the same placeholders', async () => {
  const zh = await moduleCatalogs('zh-CN');
  const en = await moduleCatalogs('en-US');
  assert.deepEqual([...en.keys()], [...zh.keys()], 'one en-US file per zh-CN file');
  for (const [file, zhCat] of zh) {
    const enCat = en.get(file)!;
    assert.deepEqual(Object.keys(enCat).sort(), Object.keys(zhCat).sort(), `keys of ${file}`);
    for (const [key, text] of Object.entries(zhCat)) {
      assert.deepEqual(placeholders(enCat[key]!), placeholders(text), `placeholders of ${key}`);
      assert.ok(enCat[key]!.trim().length > 0, `${key} is empty in en-US`);
    }
  }
  assert.equal(Object.keys(enUS).length, Object.keys(zhCN).length);
});

test('translate interpolates placeholders and falls back for unknown dynamic keys', () => {
  const zh = makeTranslate('zh-CN');
  const en = makeTranslate('en-US');
  assert.equal(zh('list.total', { total: 42 }), '共 42 条');
  assert.equal(en('list.total', { total: 42 }), '42 in total');
  assert.equal(zh.optional('errors.INVALID_STATE'), '当前状态不允许此操作，请刷新后重试');
  assert.equal(zh.optional('errors.NO_SUCH_CODE'), undefined);
  // A placeholder without a value stays visible rather than turning into "undefined".
  assert.equal(zh('home.greeting'), '{name}，您好');
});
