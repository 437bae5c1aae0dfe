import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  formatChineseDate, formatChineseDateTime, formatChineseDay, formatDocNumber, formatYuan, formatYuanCapital, toShanghaiDay,
} from '../../src/documents/format';

test('formatDocNumber pads the sequence and uses the official brackets', () => {
  assert.equal(formatDocNumber({ prefix: 'X公网安', typeCode: '整', year: 2026, seq: 1 }), 'X公网安整字〔2026〕第0001号');
  assert.equal(formatDocNumber({ prefix: 'X公网安', typeCode: '罚', year: 2027, seq: 12345 }), 'X公网安罚字〔2027〕第12345号');
  assert.equal(formatDocNumber({ prefix: '京公网安', typeCode: '检', year: 2026, seq: 7, width: 3 }), '京公网安检字〔2026〕第007号');
});

test('formatDocNumber rejects a sequence or year that cannot be a number', () => {
  assert.throws(() => formatDocNumber({ prefix: 'X公网安', typeCode: '整', year: 2026, seq: 0 }), RangeError);
  assert.throws(() => formatDocNumber({ prefix: 'X公网安', typeCode: '整', year: 2026, seq: 1.5 }), RangeError);
  assert.throws(() => formatDocNumber({ prefix: 'X公网安', typeCode: '整', year: 26, seq: 1 }), RangeError);
  assert.throws(() => formatDocNumber({ prefix: ' ', typeCode: '整', year: 2026, seq: 1 }), RangeError);
});

test('formatChineseDay writes dates as official documents do', () => {
  assert.equal(formatChineseDay('2026-11-23'), '二〇二六年十一月二十三日');
  assert.equal(formatChineseDay('2026-01-01'), '二〇二六年一月一日');
  assert.equal(formatChineseDay('2030-10-10'), '二〇三〇年十月十日');
  assert.equal(formatChineseDay('2026-12-31'), '二〇二六年十二月三十一日');
  assert.equal(formatChineseDay('2027-02-20'), '二〇二七年二月二十日');
  assert.throws(() => formatChineseDay('2026-13-01'), RangeError);
  assert.throws(() => formatChineseDay('23/11/2026'), RangeError);
});

test('an instant takes its Asia/Shanghai calendar day, not the UTC one', () => {
  const lateUtc = new Date('2026-11-22T16:30:00Z'); // 00:30 on the 23rd in Shanghai
  assert.equal(toShanghaiDay(lateUtc), '2026-11-23');
  assert.equal(formatChineseDate(lateUtc), '二〇二六年十一月二十三日');
  assert.equal(formatChineseDateTime(lateUtc), '2026年11月23日 00时30分');
  assert.equal(formatChineseDateTime(new Date('2026-11-23T06:05:00Z')), '2026年11月23日 14时05分');
});

test('formatYuanCapital writes amounts in capitals with the zeros read aloud', () => {
  const cases: Array<[number, string]> = [
    [0, '零元整'],
    [12, '壹拾贰元整'],
    [10000, '壹万元整'],
    [50000, '伍万元整'],
    [100010, '壹拾万零壹拾元整'],
    [10105, '壹万零壹佰零伍元整'],
    [1010000, '壹佰零壹万元整'],
    [2000000, '贰佰万元整'],
    [100000001, '壹亿零壹元整'],
    [1234.5, '壹仟贰佰叁拾肆元伍角'],
    [1.05, '壹元零伍分'],
    [0.05, '伍分'],
    [10000000, '壹仟万元整'],
  ];
  for (const [amount, expected] of cases) assert.equal(formatYuanCapital(amount), expected, String(amount));
  assert.throws(() => formatYuanCapital(-1), RangeError);
  assert.throws(() => formatYuanCapital(Number.NaN), RangeError);
  assert.equal(formatYuan(50000), '¥50,000.00');
});
