/**
 * "N余" as reports print figures (domain.md §6): round DOWN to two significant figures, write
 * 万 from 10 000 (and 亿 from 100 000 000), and add 余 only when something was cut off.
 *
 *   86 → "86"   920 → "920"   2187 → "2100余"   2100 → "2100"   12 345 → "1.2万余"
 *   913 400 → "91万余"   18 370 000 → "1800万余"   183 700 000 → "1.8亿余"
 *
 * Rounding down keeps the claim true: "2100余" never overstates 2187. Fractions (yuan amounts)
 * are floored first; numbers below 100 already have at most two significant figures.
 */
export function formatApprox(value: number): string {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`formatApprox needs a finite non-negative number, got ${value}`);
  const n = Math.floor(value);
  if (n > Number.MAX_SAFE_INTEGER) throw new RangeError(`formatApprox: ${value} is beyond exact integers`);
  const digits = String(n);
  if (digits.length <= 2) return digits + (n < value ? '余' : '');
  // Two significant digits and how many zeros follow them.
  const head = digits.slice(0, 2);
  const zeros = digits.length - 2;
  const cut = /[1-9]/.test(digits.slice(2)) || n < value;
  const suffix = cut ? '余' : '';
  if (zeros >= 7) return `${scaled(head, zeros - 8)}亿${suffix}`;
  if (zeros >= 3) return `${scaled(head, zeros - 4)}万${suffix}`;
  return `${head}${'0'.repeat(zeros)}${suffix}`;
}

/** `head` (two digits) times 10^exp, for exp ≥ -1: "12",-1 → "1.2"; "10",-1 → "1"; "91",2 → "9100". */
function scaled(head: string, exp: number): string {
  if (exp >= 0) return head + '0'.repeat(exp);
  return head[1] === '0' ? head.slice(0, 1) : `${head[0]}.${head[1]}`;
}
