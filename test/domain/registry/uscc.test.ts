import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicalIcp, checkPsb, composeFilingNumber, displayFilingNumber } from '../../../src/domain/registry/filing-numbers';
import { isIpOrCidr, normaliseHostname } from '../../../src/domain/registry/net';
import { isValidIdNumber, maskIdNumber, maskName, maskPhone } from '../../../src/domain/registry/personal-data';
import { composeUscc, isValidUscc, USCC_CHARSET, usccCheckChar, usccProblem, ZUscc } from '../../../src/domain/registry/uscc';

test('USCC: published codes pass the GB 32100 check', () => {
  // Real codes from public business registers.
  for (const code of ['91110000802100433B', '91110108551385082Q', '91440300708461136T']) {
    assert.equal(usccProblem(code), null, code);
  }
});

test('USCC: a wrong check character, bad length, forbidden letters and a non-numeric region are refused', () => {
  // The two sample codes given in the issue do not pass the check (their last character would be H and L).
  assert.equal(usccProblem('91310000MA1FL5FB2U'), 'checkChar');
  assert.equal(usccCheckChar('91310000MA1FL5FB2'), 'H');
  assert.equal(usccProblem('911100001000016838'), 'checkChar');
  assert.equal(usccCheckChar('91110000100001683'), 'L');
  assert.equal(usccProblem('91110000802100433'), 'length');
  assert.equal(usccProblem('91110000802100433BX'), 'length');
  assert.equal(usccProblem('9111000080210O433B'), 'charset'); // letter O
  assert.equal(usccProblem('91I10000802100433B'), 'charset'); // letter I
  assert.equal(usccProblem('91A1000080210043' + '3B'), 'region');
  const r = ZUscc.safeParse('91110000802100433C');
  assert.equal(r.success, false);
  assert.match(r.error!.issues[0]!.message, /check character.*expected B/);
  assert.equal(ZUscc.parse(' 91110000802100433b '), '91110000802100433B');
});

test('USCC: every composed code is valid and changing any one character breaks it', () => {
  const body = fc.tuple(fc.constantFrom(...'123456789ABCDEFGY'), fc.constantFrom(...'123459'), fc.stringMatching(/^\d{6}$/), fc.array(fc.constantFrom(...USCC_CHARSET), { minLength: 9, maxLength: 9 }));
  fc.assert(fc.property(body, fc.nat(17), fc.nat(30), ([a, b, region, org], pos, delta) => {
    const code = composeUscc(`${a}${b}${region}${org.join('')}`);
    assert.ok(isValidUscc(code));
    const chars = [...code];
    const alphabet = pos >= 2 && pos < 8 ? '0123456789' : USCC_CHARSET;
    const i = alphabet.indexOf(chars[pos]!);
    chars[pos] = alphabet[(i + 1 + (delta % (alphabet.length - 1))) % alphabet.length]!;
    assert.equal(isValidUscc(chars.join('')), false, `${code} → ${chars.join('')}`);
  }), { numRuns: 300 });
});

test('resident ID numbers: check character, masking of ID, phone and name', () => {
  assert.equal(isValidIdNumber('11010519491231002X'), true);
  assert.equal(isValidIdNumber('110105194912310021'), false);
  assert.equal(maskIdNumber('11010519491231002X'), '110105********002X');
  assert.equal(maskPhone('13812345678'), '138****5678');
  assert.equal(maskPhone('0527-84201234'), '052******1234');
  assert.equal(maskName('王大明'), '王**');
  assert.equal(maskName(null), null);
});

test('filing numbers: ICP and PSB formats, province check, our 14-digit numbers', () => {
  assert.equal(canonicalIcp('京ICP备12345678号-1'), '京ICP备12345678号-1');
  assert.equal(canonicalIcp('京ICP证030173号'), '京ICP证030173号');
  assert.equal(canonicalIcp('京ＩＣＰ备１２３４５６７８号'), '京ICP备12345678号'); // full-width normalised
  assert.equal(canonicalIcp('ICP备12345678号'), null);
  assert.equal(canonicalIcp('京ICP备123号'), null);
  assert.deepEqual(checkPsb('京公网安备11010502000001号'), { ok: true, value: '京公网安备11010502000001号' });
  assert.deepEqual(checkPsb('沪公网安备11010502000001号'), { ok: false, problem: 'province' });
  assert.deepEqual(checkPsb('京公网安备1101050200001号'), { ok: false, problem: 'format' });
  assert.equal(composeFilingNumber('321300', 2026, 7), '32130020260007');
  assert.equal(displayFilingNumber('32130020260007'), '苏公网安备32130020260007号');
  assert.throws(() => composeFilingNumber('321300', 2026, 10000));
});

test('hostnames and IP ranges', () => {
  assert.equal(normaliseHostname('WWW.Example.CN.'), 'www.example.cn');
  assert.equal(normaliseHostname('中文.example'), 'xn--fiq228c.example');
  assert.equal(normaliseHostname('http://example.cn'), null);
  assert.equal(normaliseHostname('example'), null);
  assert.equal(normaliseHostname('a..example'), null);
  assert.equal(isIpOrCidr('203.0.113.0/24'), true);
  assert.equal(isIpOrCidr('2001:db8::/32'), true);
  assert.equal(isIpOrCidr('203.0.113.0/33'), false);
  assert.equal(isIpOrCidr('300.1.1.1'), false);
});
