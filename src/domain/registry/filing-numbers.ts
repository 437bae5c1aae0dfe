import { z } from 'zod';
import { PROVINCE_CHARS, PROVINCE_CODES, PSB_DIGITS } from '../../scan/analyze/filing';
import { normaliseCompact } from '../../scan/analyze/text';

/**
 * Filing numbers as the registry stores them: the ICP number (MIIT 备案/许可证) and the public
 * security filing number (公安联网备案号) of a site, and the number our filing workflow assigns.
 * The patterns and province table come from the scanner (scan/analyze/filing.ts), which looks
 * for the same numbers on the sites' pages.
 */
const ICP_EXACT = new RegExp(`^([${PROVINCE_CHARS}])ICP(备|证)(\\d{6,10})号(?:-(\\d{1,3}))?$`, 'i');
const PSB_EXACT = new RegExp(`^([${PROVINCE_CHARS}])公网安备(\\d{${PSB_DIGITS}})号$`);

/** Canonical ICP number (京ICP备12345678号-1, 京ICP证030173号), or null if malformed. */
export function canonicalIcp(raw: string): string | null {
  const m = ICP_EXACT.exec(normaliseCompact(raw));
  if (!m) return null;
  return `${m[1]}ICP${m[2]}${m[3]}号${m[4] ? `-${m[4]}` : ''}`;
}

export type PsbProblem = 'format' | 'province';

/** Canonical PSB number (京公网安备11010502000001号) or why it is not one. */
export function checkPsb(raw: string): { ok: true; value: string } | { ok: false; problem: PsbProblem } {
  const m = PSB_EXACT.exec(normaliseCompact(raw));
  if (!m) return { ok: false, problem: 'format' };
  const code = PROVINCE_CODES[m[1]!];
  if (code !== undefined && !m[2]!.startsWith(code)) return { ok: false, problem: 'province' };
  return { ok: true, value: `${m[1]}公网安备${m[2]}号` };
}

export const ZIcpFilingNumber = z.string().trim().transform((raw, ctx) => {
  const v = canonicalIcp(raw);
  if (!v) {
    ctx.addIssue({ code: 'custom', message: 'an ICP number such as 京ICP备12345678号-1 or 京ICP证030173号' });
    return z.NEVER;
  }
  return v;
});

export const ZPsbFilingNumber = z.string().trim().transform((raw, ctx) => {
  const r = checkPsb(raw);
  if (!r.ok) {
    ctx.addIssue({
      code: 'custom',
      message: r.problem === 'format'
        ? `a public-security filing number such as 京公网安备11010502000001号 (province + ${PSB_DIGITS} digits)`
        : 'the province character does not match the first two digits of the number (GB/T 2260)',
    });
    return z.NEVER;
  }
  return r.value;
});

/** The primary abbreviation of a province-level region code (32 → 苏). */
export function provinceCharOf(regionCode: string): string | null {
  const prefix = regionCode.slice(0, 2);
  for (const c of PROVINCE_CHARS) if (PROVINCE_CODES[c] === prefix) return c;
  return null;
}

/**
 * The number our workflow assigns on approval: the jurisdiction unit's region code, the year
 * and a gap-free sequence per unit and year: 6 + 4 + 4 = 14 digits.
 */
export function composeFilingNumber(regionCode: string, year: number, sequence: number): string {
  if (!/^\d{6}$/.test(regionCode) || sequence < 1 || sequence > 9999) throw new Error('filing number out of range');
  return `${regionCode}${year}${String(sequence).padStart(4, '0')}`;
}

/** As printed on a site: 苏公网安备32130020260001号. */
export function displayFilingNumber(number: string): string {
  const c = provinceCharOf(number);
  return c ? `${c}公网安备${number}号` : number;
}
