/**
 * Filing numbers (spec §3.2): ICP (MIIT) and public-security (公安联网备案) numbers, matched over
 * text normalised by normaliseCompact (full-width → half-width, zero-width and spaces removed).
 */

import { normaliseCompact } from './text';

/** Province abbreviations (short and alternative) in use on filing numbers. */
export const PROVINCE_CHARS = '京津沪渝冀豫云滇辽黑湘皖鲁新苏浙赣鄂桂甘陇晋蒙陕吉闽贵黔粤青藏川蜀宁琼港澳';

/** GB/T 2260 province-level code (first two digits) of each abbreviation. */
export const PROVINCE_CODES: Readonly<Record<string, string>> = {
  京: '11', 津: '12', 冀: '13', 晋: '14', 蒙: '15', 辽: '21', 吉: '22', 黑: '23', 沪: '31', 苏: '32',
  浙: '33', 皖: '34', 闽: '35', 赣: '36', 鲁: '37', 豫: '41', 鄂: '42', 湘: '43', 粤: '44', 桂: '45',
  琼: '46', 渝: '50', 川: '51', 蜀: '51', 贵: '52', 黔: '52', 云: '53', 滇: '53', 藏: '54', 陕: '61',
  甘: '62', 陇: '62', 青: '63', 宁: '64', 新: '65', 港: '81', 澳: '82',
};

/** Digits of a public-security number: 14 in published examples; rule data to confirm. */
export const PSB_DIGITS = 14;

export const ICP_PATTERN = new RegExp(`([${PROVINCE_CHARS}])ICP(备|证)(\\d{6,10})号(?:-(\\d{1,3}))?`, 'gi');
export const PSB_PATTERN = new RegExp(`([${PROVINCE_CHARS}])公网安备(\\d{${PSB_DIGITS}})号`, 'g');

export type IcpNumber = {
  province: string;
  kind: '备' | '证';
  digits: string;
  /** Site suffix after "号-", or null. */
  suffix: string | null;
  /** Canonical text, e.g. "京ICP备12345678号-1". */
  text: string;
  /** Offset of the match in the searched (normalised) text. */
  index: number;
  length: number;
};

export type PsbNumber = { province: string; digits: string; text: string; index: number; length: number };

/** ICP numbers in already normalised (normaliseCompact) text. */
export function findIcpNumbers(compact: string): IcpNumber[] {
  const out: IcpNumber[] = [];
  for (const m of compact.matchAll(ICP_PATTERN)) {
    const [whole, province = '', kind = '', digits = '', suffix] = m;
    out.push({
      province, kind: kind as '备' | '证', digits, suffix: suffix ?? null,
      text: `${province}ICP${kind}${digits}号${suffix ? `-${suffix}` : ''}`,
      index: m.index, length: whole.length,
    });
  }
  return out;
}

/** Public-security numbers in already normalised (normaliseCompact) text. */
export function findPsbNumbers(compact: string): PsbNumber[] {
  const out: PsbNumber[] = [];
  for (const m of compact.matchAll(PSB_PATTERN)) {
    const [whole, province = '', digits = ''] = m;
    out.push({ province, digits, text: `${province}公网安备${digits}号`, index: m.index, length: whole.length });
  }
  return out;
}

/** Parses one ICP number written anywhere (registry values are normalised the same way). */
export function parseIcp(raw: string): IcpNumber | null {
  return findIcpNumbers(normaliseCompact(raw))[0] ?? null;
}

/** Parses one public-security number. */
export function parsePsb(raw: string): PsbNumber | null {
  return findPsbNumbers(normaliseCompact(raw))[0] ?? null;
}

/** True when the abbreviation's province code differs from the number's first two digits. */
export function psbProvinceMismatch(n: PsbNumber): boolean {
  const code = PROVINCE_CODES[n.province];
  return code !== undefined && !n.digits.startsWith(code);
}
