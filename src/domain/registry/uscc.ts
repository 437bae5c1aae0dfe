import { z } from 'zod';

/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters over
 * 0-9ABCDEFGHJKLMNPQRTUWXY (no I, O, S, V, Z): registration authority, entity type, 6-digit
 * region code (GB/T 2260), 9-character organisation code, and a check character.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weight of position i (0-based) is 3^i mod 31. */
const WEIGHTS = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

/** The check character for the first 17 characters, or null when one is outside the charset. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Completes 17 characters with their check character (demo data, tests, benchmarks). */
export function composeUscc(first17: string): string {
  const check = usccCheckChar(first17);
  if (!check) throw new Error(`not a USCC body: ${first17}`);
  return first17 + check;
}

export type UsccProblem = 'length' | 'charset' | 'region' | 'checkChar';

/** Why a code is not a valid USCC, or null when it is. Input is expected trimmed and upper-case. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  for (const c of code) if (!USCC_CHARSET.includes(c)) return 'charset';
  if (!/^\d{6}$/.test(code.slice(2, 8))) return 'region';
  return usccCheckChar(code.slice(0, 17)) === code[17] ? null : 'checkChar';
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}

const problemText: Record<UsccProblem, string> = {
  length: 'a unified social credit code has 18 characters',
  charset: 'a unified social credit code uses only 0-9 and A-Y without I, O, S, V, Z',
  region: 'characters 3–8 of a unified social credit code are the 6-digit region code',
  checkChar: 'the check character of this unified social credit code is wrong (GB 32100)',
};

/** Human-readable reason for a problem (API details, import report). */
export function usccProblemText(problem: UsccProblem, code?: string): string {
  if (problem === 'checkChar' && code && code.length === 18) {
    return `${problemText.checkChar}: expected ${usccCheckChar(code.slice(0, 17)) ?? '?'}`;
  }
  return problemText[problem];
}

/** A USCC field: trimmed, upper-cased, checked including its check character. */
export const ZUscc = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const problem = usccProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: usccProblemText(problem, code) });
  });
