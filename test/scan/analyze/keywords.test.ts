import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadKeywordList, keywordListVersions } from '../../../src/rules/keywords';
import { buildAhoCorasick, searchAll } from '../../../src/scan/analyze/aho-corasick';
import { compileKeywords, scanKeywords } from '../../../src/scan/analyze/keywords';

const kw = compileKeywords(loadKeywordList('2026-03-15'));

test('Aho–Corasick finds every overlapping pattern with offsets', () => {
  const ac = buildAhoCorasick(['he', 'she', 'his', 'hers', '赌场', '澳门赌场']);
  const found = searchAll(ac, 'ushers 去澳门赌场').map((m) => `${ac.patterns[m.pattern]}@${m.start}`);
  assert.deepEqual(found.sort(), ['he@2', 'hers@2', 'she@1', '澳门赌场@8', '赌场@10'].sort());
});

test('the keyword list loads by effective date and validates', () => {
  assert.ok(keywordListVersions().includes('2026-01-01'));
  const list = loadKeywordList('2026-06-01T00:00:00Z');
  assert.equal(list.version, '2026-01-01');
  assert.ok(list.terms.every((t) => t.weight >= 1 && t.weight <= 10));
  assert.ok(list.neutralisers.includes('打击'));
});

test('terms score once each, longest match wins, spaces between CJK characters removed', () => {
  const s = scanKeywords('欢迎光临澳门 赌 场，百家乐、真人娱乐24小时在线，百家乐', kw);
  assert.deepEqual(s.terms.sort(), ['澳门赌场', '百家乐', '真人娱乐'].sort());
  assert.equal(s.score, 9 + 8 + 8);
  assert.equal(s.maxWeight, 9);
});

test('a neutraliser within ±20 characters zeroes a term; farther away it does not', () => {
  const near = scanKeywords('警方依法打击澳门赌场网络平台', kw);
  assert.equal(near.score, 0);
  assert.ok(near.hits.every((h) => h.neutralised));
  const far = scanKeywords(`澳门赌场${'。'.repeat(30)}严厉打击`, kw);
  assert.equal(far.score, 9);
});

test('Latin terms match whole words only; deface markers are found case-insensitively', () => {
  assert.equal(scanKeywords('binary bbinfo', kw).score, 0);
  assert.equal(scanKeywords('BBIN 旗舰厅', kw).terms[0], 'bbin');
  assert.deepEqual(scanKeywords('HACKED BY someone', kw).markers, ['hacked by']);
});

test('full-width Latin and zero-width characters do not hide a term', () => {
  assert.deepEqual(scanKeywords('ＡＧ真人 百\u200b家乐', kw).terms.sort(), ['ag真人', '百家乐'].sort());
});
