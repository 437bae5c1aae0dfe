import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fingerprintText, jaccard, MINHASH_SIZE, shingles, similarity, tokenise } from '../../../src/scan/analyze/minhash';

test('tokens are single CJK characters and Latin words, digit runs collapsed', () => {
  assert.deepEqual(tokenise('政务公开 Open Data 2026年3月'), ['政', '务', '公', '开', 'open', 'data', '0', '年', '0', '月']);
});

test('shingles are 3-token windows; a short text is one shingle', () => {
  assert.deepEqual([...shingles(['a', 'b', 'c', 'd'])], ['a b c', 'b c d']);
  assert.deepEqual([...shingles(['a', 'b'])], ['a b']);
  assert.equal(shingles([]).size, 0);
});

test('signatures have 128 slots and identical texts are identical', () => {
  const a = fingerprintText('区政府召开常务会议研究部署春季农业生产工作');
  assert.equal(a.length, MINHASH_SIZE);
  assert.equal(similarity(a, fingerprintText('区政府召开常务会议研究部署春季农业生产工作')), 1);
});

test('dates and counters are not change', () => {
  const a = fingerprintText('访问量 12345 更新于 2026-03-14 区政府门户网站欢迎您');
  const b = fingerprintText('访问量 99871 更新于 2026-03-15 区政府门户网站欢迎您');
  assert.equal(similarity(a, b), 1);
});

test('similarity estimates Jaccard within a few points', () => {
  const words = Array.from({ length: 400 }, (_, i) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`);
  const a = words.join(' ');
  const b = [...words.slice(0, 300), ...Array.from({ length: 100 }, (_, i) => `x${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`)].join(' ');
  const exact = jaccard(shingles(tokenise(a)), shingles(tokenise(b)));
  const est = similarity(fingerprintText(a), fingerprintText(b));
  assert.ok(Math.abs(exact - est) < 0.12, `exact ${exact} vs estimate ${est}`);
  assert.ok(est > 0.4 && est < 0.8);
});

test('unrelated texts are far apart; two empty texts are equal; empty vs text is 0', () => {
  const a = fingerprintText('区政府召开第十二次常务会议研究部署春季农业生产和防汛准备工作');
  const b = fingerprintText('The quick brown fox jumps over the lazy dog again and again');
  assert.ok(similarity(a, b) < 0.1);
  assert.equal(similarity(fingerprintText(''), fingerprintText('')), 1);
  assert.equal(similarity(fingerprintText(''), a), 0);
});
