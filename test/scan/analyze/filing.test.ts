import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findIcpNumbers, findPsbNumbers, parseIcp, parsePsb, psbProvinceMismatch } from '../../../src/scan/analyze/filing';
import { normaliseCompact } from '../../../src/scan/analyze/text';

const icp = (s: string): string[] => findIcpNumbers(normaliseCompact(s)).map((n) => n.text);

test('ICP numbers: 备 with site suffix, 证 licences, several on one line', () => {
  assert.deepEqual(icp('版权所有 京ICP备12345678号-1'), ['京ICP备12345678号-1']);
  assert.deepEqual(icp('京ICP证030173号 京ICP备11000001号'), ['京ICP证030173号', '京ICP备11000001号']);
  const n = parseIcp('粤ICP备2021012345号-3');
  assert.deepEqual(n && { p: n.province, k: n.kind, d: n.digits, s: n.suffix }, { p: '粤', k: '备', d: '2021012345', s: '3' });
});

test('ICP numbers: full-width, zero-width, inner spaces and lower case are normalised', () => {
  assert.deepEqual(icp('京ＩＣＰ备１２３４５６７８号－１'), ['京ICP备12345678号-1']);
  assert.deepEqual(icp('京ICP备1234\u200b5678号'), ['京ICP备12345678号']);
  assert.deepEqual(icp('京 ICP 备 12345678 号 - 1'), ['京ICP备12345678号-1']);
  assert.deepEqual(icp('京icp备12345678号'), ['京ICP备12345678号']);
  assert.deepEqual(icp('黔ICP备12345678号 陇ICP备1234567号'), ['黔ICP备12345678号', '陇ICP备1234567号']);
});

test('ICP numbers: not a province, too few digits or no 号 do not match', () => {
  assert.deepEqual(icp('中ICP备12345678号'), []);
  assert.deepEqual(icp('京ICP备12345号'), []);
  assert.deepEqual(icp('京ICP备12345678'), []);
});

test('PSB numbers: 14 digits, full-width accepted, province checked against GB/T 2260', () => {
  const psb = (s: string): string[] => findPsbNumbers(normaliseCompact(s)).map((n) => n.text);
  assert.deepEqual(psb('京公网安备11010502000001号'), ['京公网安备11010502000001号']);
  assert.deepEqual(psb('京公网安备 １１０１０５０２０００００１号'), ['京公网安备11010502000001号']);
  assert.deepEqual(psb('京公网安备1101050200001号'), []);
  const ok = parsePsb('京公网安备11010502000001号');
  const wrong = parsePsb('沪公网安备11010502000001号');
  const alt = parsePsb('蜀公网安备51010402000123号');
  assert.ok(ok && wrong && alt);
  assert.equal(psbProvinceMismatch(ok), false);
  assert.equal(psbProvinceMismatch(wrong), true);
  assert.equal(psbProvinceMismatch(alt), false);
});
