import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatApprox } from '../../../src/domain/stats/approx';

test('the examples of domain.md §6', () => {
  assert.equal(formatApprox(2187), '2100余');
  assert.equal(formatApprox(913_400), '91万余');
});

test('two significant figures rounded down, 余 only when something was cut off', () => {
  const cases: [number, string][] = [
    [0, '0'], [7, '7'], [86, '86'], [99, '99'], [100, '100'], [920, '920'], [999, '990余'], [1640, '1600余'],
    [2100, '2100'], [5400, '5400'], [9999, '9900余'], [10_000, '1万'], [10_500, '1万余'], [12_345, '1.2万余'],
    [20_000, '2万'], [99_999, '9.9万余'], [100_000, '10万'], [360_000, '36万'], [910_000, '91万'], [1_000_001, '100万余'],
    [18_370_000, '1800万余'], [99_999_999, '9900万余'], [100_000_000, '1亿'], [183_700_000, '1.8亿余'], [1_234_567_890, '12亿余'],
    [86.5, '86余'], [2187.9, '2100余'],
  ];
  for (const [n, expected] of cases) assert.equal(formatApprox(n), expected, `${n}`);
});

test('never overstates: the printed figure is at most the value and within 10 % of it', () => {
  const parse = (s: string): number => {
    const m = /^(\d+(?:\.\d)?)(万|亿)?余?$/.exec(s);
    assert.ok(m, `unexpected form ${s}`);
    const scale = m[2] === '亿' ? 1e8 : m[2] === '万' ? 1e4 : 1;
    return Math.round(Number(m[1]) * scale);
  };
  fc.assert(fc.property(fc.integer({ min: 0, max: 1e12 }), (n) => {
    const s = formatApprox(n);
    const shown = parse(s);
    assert.ok(shown <= n, `${s} overstates ${n}`);
    assert.ok(n < 100 || shown > n * 0.9 - 1, `${s} understates ${n} by more than 10 %`);
    assert.equal(s.endsWith('余'), shown !== n, `${s} for ${n}: 余 iff cut off`);
  }));
});

test('negative or non-finite values are a programming error', () => {
  assert.throws(() => formatApprox(-1), RangeError);
  assert.throws(() => formatApprox(Number.NaN), RangeError);
  assert.throws(() => formatApprox(Number.POSITIVE_INFINITY), RangeError);
});
