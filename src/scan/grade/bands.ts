/** Letter bands (spec §4.1.3) and the order letters compare in. */

export const LETTERS = ['A+', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-', 'F'] as const;
export type Letter = (typeof LETTERS)[number];

/** A shown grade: a letter, or T when certificate trust fails (sorts with F). */
export type Grade = Letter | 'T';

/** Lower bound of each band on the score rounded down to a multiple of 5 (capped at 100). */
const BANDS: readonly [number, Letter][] = [
  [100, 'A+'], [90, 'A'], [85, 'A-'], [80, 'B+'], [70, 'B'], [65, 'B-'], [60, 'C+'],
  [50, 'C'], [45, 'C-'], [40, 'D+'], [30, 'D'], [25, 'D-'], [0, 'F'],
];

/** The letter for a score: round down to a multiple of 5, cap at 100, then the band. */
export function letterFor(score: number): Letter {
  const s = Math.min(100, Math.floor(Math.max(0, score) / 5) * 5);
  for (const [min, letter] of BANDS) if (s >= min) return letter;
  return 'F';
}

/** Rank of a letter: 0 = A+ (best) … 12 = F; T ranks with F. */
export function letterRank(g: Grade): number {
  return g === 'T' ? LETTERS.length - 1 : LETTERS.indexOf(g);
}

/** The worse of two letters. */
export function worseLetter(a: Letter, b: Letter): Letter {
  return letterRank(a) >= letterRank(b) ? a : b;
}
