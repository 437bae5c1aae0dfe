/** Text normalisation shared by filing regexes, keyword matching and fingerprints. */

const ZERO_WIDTH = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u180E]/g;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\u30FC]/g;
const HAN = '\\p{Script=Han}';
const SPACE_BETWEEN_HAN = new RegExp(`(?<=${HAN})\\s+(?=${HAN})`, 'gu');

/**
 * Full-width → half-width (NFKC), dashes unified, zero-width characters removed, whitespace
 * runs collapsed to one space. Keeps offsets meaningful for excerpts.
 */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(ZERO_WIDTH, '').replace(DASHES, '-').replace(/\s+/g, ' ');
}

/** For filing numbers: normaliseText plus every whitespace removed ("京ICP备 1234 5678号"). */
export function normaliseCompact(text: string): string {
  return normaliseText(text).replace(/\s+/g, '');
}

/** For keyword matching: normaliseText, lower case, spaces between CJK characters removed. */
export function normaliseForKeywords(text: string): string {
  return normaliseText(text).toLowerCase().replace(SPACE_BETWEEN_HAN, '');
}

/** Number of non-whitespace characters. */
export function countVisibleChars(text: string): number {
  return text.replace(/\s+/g, '').length;
}

/** A short excerpt around [start, end) for evidence references. */
export function excerptAround(text: string, start: number, end: number, radius = 60): string {
  const from = Math.max(0, start - radius);
  const to = Math.min(text.length, end + radius);
  return text.slice(from, to).slice(0, 2048);
}
