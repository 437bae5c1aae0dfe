import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { isAppError } from '../../src/domain/errors';
import { mapArticle } from '../../src/rules/article-mapping';
import {
  checkRuleSetLibrary,
  contentHash,
  loadArticleMapping,
  prepareRuleSet,
  shippedRuleSetsDir,
} from '../../src/rules/load';
import { itemAt } from '../../src/rules/resolve';
import type { Citation, RuleSetFile } from '../../src/rules/schema';
import { shippedSet, shippedSets, variant } from './fixtures/rule-sets';

const hasCode = (code: string) => (err: unknown) => isAppError(err) && err.code === code;

/** Issue paths and messages of a rejected file, for asserting on the reason. */
function rejection(raw: unknown): string[] {
  try {
    prepareRuleSet(raw);
  } catch (err) {
    if (isAppError(err) && err.code === 'VALIDATION_FAILED') {
      const issues = (err.details?.issues ?? []) as { path: string; message: string }[];
      return issues.map((i) => `${i.path}: ${i.message}`);
    }
    throw err;
  }
  assert.fail('the file was accepted');
}

function rawO151(): RuleSetFile {
  return JSON.parse(readFileSync(new URL('o151.json', shippedRuleSetsDir), 'utf8')) as RuleSetFile;
}

test('every shipped file loads: one (id, version) each, distinct content hashes', async () => {
  const sets = await shippedSets();
  const keys = sets.map((s) => `${s.ruleSet.id}@${s.ruleSet.version}`).sort();
  assert.deepEqual(keys, ['CSL@2016.1', 'CSL@2025.1', 'MLPS@2007.1', 'O151@2018.1', 'O176@2026.0-draft', 'O33@1997.1', 'O82@2006.1']);
  for (const s of sets) assert.match(s.contentHash, /^[0-9a-f]{64}$/);
  assert.equal(new Set(sets.map((s) => s.contentHash)).size, sets.length);
});

test('every shipped item, criterion and topic has a citation and both zh and en text (read from the raw files)', () => {
  const files = readdirSync(shippedRuleSetsDir).filter((n) => n.endsWith('.json'));
  assert.ok(files.length >= 7);
  const checked: string[] = [];
  const isText = (t: unknown) => {
    const v = t as { zh?: unknown; en?: unknown } | undefined;
    return typeof v?.zh === 'string' && v.zh.trim() !== '' && typeof v.en === 'string' && v.en.trim() !== '';
  };
  const isCitation = (c: unknown, setId: string) => {
    const v = c as Partial<Citation> | undefined;
    return v?.document === setId && (typeof v.article === 'string' || v.article === null) && 'clause' in v;
  };
  for (const name of files) {
    const raw = JSON.parse(readFileSync(new URL(name, shippedRuleSetsDir), 'utf8')) as RuleSetFile;
    const setId = raw.ruleSet.id;
    for (const item of raw.items) {
      assert.ok(isCitation(item.citation, setId), `${name} ${item.id}: citation`);
      assert.ok(isText(item.text), `${name} ${item.id}: text`);
      assert.ok(isText(item.evidenceExpected), `${name} ${item.id}: evidence`);
      // An unknown article is tolerated only where the source itself is a paraphrase.
      if (item.citation.article === null) assert.ok(['paraphrase', 'unverified'].includes(item.confidence), item.id);
      checked.push(item.id);
    }
    for (const c of raw.focusCriteria ?? []) {
      assert.ok(isCitation(c.citation, setId) && isText(c.text), `${name} ${c.id}`);
      checked.push(c.id);
    }
    for (const [key, topic] of Object.entries(raw.topics ?? {})) {
      assert.ok(isCitation(topic.citation, setId) && isText(topic.title), `${name} ${key}`);
    }
  }
  assert.ok(checked.includes('O151-A10-3') && checked.includes('O82-A14-5') && checked.includes('MLPS-EVAL'));
});

test('Order 151 ships Art 9 (4 scope items + F1–F3), Art 10 (7), Art 11 (6), Art 12 (5 + P2)', async () => {
  const o151 = await shippedSet('O151');
  const ids = o151.items.map((i) => i.id);
  const of = (prefix: string) => ids.filter((id) => id.startsWith(prefix));
  assert.deepEqual(of('O151-A9-'), ['O151-A9-1', 'O151-A9-2', 'O151-A9-3', 'O151-A9-4']);
  assert.equal(of('O151-A10-').length, 7);
  assert.equal(of('O151-A11-').length, 6);
  assert.deepEqual(of('O151-A12-'), ['O151-A12-1', 'O151-A12-2', 'O151-A12-3', 'O151-A12-4', 'O151-A12-5', 'O151-A12-P2']);
  assert.deepEqual(
    o151.focusCriteria?.map((c) => [c.id, c.windowYears]),
    [['O151-A9-F1', 1], ['O151-A9-F2', 2], ['O151-A9-F3', null]],
  );
  assert.equal(o151.ruleSet.effectiveTo, null);
  assert.deepEqual(
    { successor: o151.ruleSet.supersededBy?.ruleSetId, from: o151.ruleSet.supersededBy?.effectiveFrom, confirmed: o151.ruleSet.supersededBy?.confirmed },
    { successor: 'O176', from: '2026-10-01', confirmed: false },
  );
});

test('the content hash ignores key order and formatting but not content', () => {
  const raw = rawO151();
  const base = prepareRuleSet(raw).contentHash;
  const reverseKeys = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(reverseKeys)
      : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]))
        : v;
  const reordered = reverseKeys(raw);
  assert.notEqual(JSON.stringify(reordered), JSON.stringify(raw));
  assert.equal(prepareRuleSet(reordered).contentHash, base);
  assert.equal(contentHash(prepareRuleSet(raw)), base, 'the hash field itself is not hashed');
  const edited = structuredClone(raw);
  edited.items[4]!.text.en += '.';
  assert.notEqual(prepareRuleSet(edited).contentHash, base);
});

test('a file is rejected with the reason: missing citation, id/citation mismatch, unknown condition, check without severity', () => {
  const noCitation = rawO151() as unknown as { items: Record<string, unknown>[] };
  delete noCitation.items[5]!.citation;
  assert.ok(rejection(noCitation).some((m) => m.startsWith('items.5.citation')));

  const mismatch = rawO151();
  mismatch.items[6]!.citation.clause = '4'; // O151-A10-3 citing clause 4
  assert.ok(rejection(mismatch).some((m) => m.includes('O151-A10-3: id names clause 3')));

  const condition = rawO151();
  condition.items[6]!.appliesTo = { entityKinds: 'all', conditions: ['usesNAT'] };
  assert.ok(rejection(condition).some((m) => m.startsWith('items.6.appliesTo') && m.includes('unknown condition')));

  const noSeverity = rawO151();
  noSeverity.items[6]!.severity = null;
  assert.ok(rejection(noSeverity).some((m) => m === 'items.6.severity: a check item needs a severity'));

  const foreignId = rawO151();
  foreignId.items[6]!.id = 'O82-A10-3';
  foreignId.items[6]!.citation.document = 'O82';
  assert.ok(rejection(foreignId).some((m) => m.includes('does not start with the rule set id O151')));

  const dates = rawO151();
  dates.ruleSet.effectiveTo = '2018-10-31';
  assert.ok(rejection(dates).some((m) => m === 'ruleSet.effectiveTo: effectiveTo is before effectiveFrom'));

  const unknownField = rawO151() as unknown as { items: Record<string, unknown>[] };
  unknownField.items[0]!.severty = 'H';
  assert.ok(rejection(unknownField).length > 0);

  assert.throws(() => prepareRuleSet('not an object'), hasCode('VALIDATION_FAILED'));
});

test('the library check rejects an unknown penalty topic and a duplicate version', async () => {
  const sets = await shippedSets();
  assert.doesNotThrow(() => checkRuleSetLibrary(sets));
  const o151 = await shippedSet('O151');
  const typo = variant(o151, (f) => {
    f.ruleSet.version = '2018.2';
    f.items[4]!.penaltyTopic = 'CSL-PEN-MLSP';
  });
  assert.throws(() => checkRuleSetLibrary([...sets, typo]), (err: unknown) => {
    const problems = isAppError(err) ? (err.details?.problems as string[]) : [];
    return problems.some((p) => p.includes('O151-A10-1 names penalty topic CSL-PEN-MLSP'));
  });
  assert.throws(() => checkRuleSetLibrary([...sets, o151]), (err: unknown) => {
    const problems = isAppError(err) ? (err.details?.problems as string[]) : [];
    return problems.includes('O151@2018.1 appears twice');
  });
});

test('the CSL 2016 → 2025 article mapping agrees with both versions, item by item and topic by topic', async () => {
  const mapping = await loadArticleMapping();
  const old = await shippedSet('CSL', '2016.1');
  const now = await shippedSet('CSL', '2025.1');
  const strip = (c: Citation) => ({ article: c.article, ...(c.clause ? { clause: c.clause } : {}) });
  let compared = 0;
  for (const item of old.items) {
    const next = now.items.find((i) => i.id === item.id);
    assert.ok(next, `${item.id} exists in 2025`);
    assert.deepEqual(mapArticle(mapping, { article: item.citation.article ?? '', clause: item.citation.clause }), strip(next.citation), item.id);
    compared += 1;
  }
  for (const [key, topic] of Object.entries(old.topics ?? {})) {
    const next = now.topics?.[key];
    assert.ok(next, `${key} exists in 2025`);
    assert.deepEqual(mapArticle(mapping, { article: topic.citation.article ?? '', clause: topic.citation.clause }), strip(next.citation), key);
    for (const also of topic.alsoCites ?? []) {
      assert.deepEqual(mapArticle(mapping, { article: also.article ?? '', clause: also.clause }), strip(next.citation), `${key} also cites`);
    }
    compared += 1;
  }
  assert.equal(compared, 14);
  assert.deepEqual(mapArticle(mapping, { article: '21', clause: '3' }), { article: '23', clause: '3' });
  assert.deepEqual(mapArticle(mapping, { article: '69', clause: '2' }), { article: '70', clause: '1' });
  assert.equal(mapArticle(mapping, { article: '1' }), null);
});

test('keys used by remote detection resolve, CSL keys to the article of the version in force', async () => {
  const sets = await shippedSets();
  for (const key of ['O82-A7-1', 'O82-A9-1', 'O82-A9-3', 'O151-A10-1', 'O151-A10-4', 'O151-A10-5', 'O151-A11-4', 'O151-A10-7', 'CSL-TECH', 'CSL-CONTENT']) {
    assert.equal(itemAt(sets, key, '2026-06-01').item.id, key);
  }
  assert.deepEqual(itemAt(sets, 'CSL-TECH', '2025-12-31').item.citation, { document: 'CSL', article: '21', clause: '2' });
  assert.deepEqual(itemAt(sets, 'CSL-TECH', '2026-01-01').item.citation, { document: 'CSL', article: '23', clause: '2' });
  assert.throws(() => itemAt(sets, 'CSL-TECH', '2017-05-31'), hasCode('NOT_FOUND'));
});
