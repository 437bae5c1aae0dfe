/**
 * Keyword scoring (spec §3.4): Aho–Corasick over normalised text; a term with a neutraliser
 * within ±20 characters scores 0, so police news about fighting gambling does not fire.
 */

import type { KeywordCategory, KeywordList } from '../../rules/keywords';
import { buildAhoCorasick, searchAll, type AhoCorasick, type AcMatch } from './aho-corasick';
import { normaliseForKeywords } from './text';

export type CompiledKeywords = {
  version: string;
  terms: { term: string; category: KeywordCategory; weight: number }[];
  termAc: AhoCorasick;
  neutraliserAc: AhoCorasick;
  markerAc: AhoCorasick;
  markers: string[];
};

export type KeywordHit = {
  term: string;
  category: KeywordCategory;
  weight: number;
  /** Offsets in the normalised text. */
  start: number;
  end: number;
  neutralised: boolean;
};

export type KeywordScan = {
  /** Normalised text the offsets refer to. */
  text: string;
  hits: KeywordHit[];
  /** Sum of weights of distinct terms with at least one non-neutralised hit. */
  score: number;
  /** Distinct non-neutralised terms. */
  terms: string[];
  /** Highest weight among non-neutralised terms (0 if none). */
  maxWeight: number;
  /** Deface markers found. */
  markers: string[];
};

export const NEUTRALISER_RADIUS = 20;

/** Compiles a keyword list once per scan. */
export function compileKeywords(list: KeywordList): CompiledKeywords {
  const terms = list.terms.map((t) => ({ ...t, term: normaliseForKeywords(t.term) }));
  const markers = list.defaceMarkers.map(normaliseForKeywords);
  return {
    version: list.version,
    terms,
    termAc: buildAhoCorasick(terms.map((t) => t.term)),
    neutraliserAc: buildAhoCorasick(list.neutralisers.map(normaliseForKeywords)),
    markerAc: buildAhoCorasick(markers),
    markers,
  };
}

/** Leftmost-longest non-overlapping matches, so 赌场 inside 澳门赌场 is not counted twice. */
function longestFirst(matches: AcMatch[]): AcMatch[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: AcMatch[] = [];
  let reach = -1;
  for (const m of sorted) {
    if (m.start < reach) continue;
    out.push(m);
    reach = m.end;
  }
  return out;
}

const WORD = /[a-z0-9]/;

/** Latin edges of a match must not continue a word: "bbin" does not match inside "bbinary". */
function onWordBoundary(text: string, m: AcMatch, pattern: string): boolean {
  if (WORD.test(pattern[0] ?? '') && WORD.test(text[m.start - 1] ?? '')) return false;
  if (WORD.test(pattern[pattern.length - 1] ?? '') && WORD.test(text[m.end] ?? '')) return false;
  return true;
}

function searchWords(ac: AhoCorasick, text: string): AcMatch[] {
  return searchAll(ac, text).filter((m) => onWordBoundary(text, m, ac.patterns[m.pattern] ?? ''));
}

/** Scores raw text (normalised here). */
export function scanKeywords(raw: string, kw: CompiledKeywords): KeywordScan {
  const text = normaliseForKeywords(raw);
  const neutralisers = searchAll(kw.neutraliserAc, text);
  const hits: KeywordHit[] = longestFirst(searchWords(kw.termAc, text)).map((m) => {
    const t = kw.terms[m.pattern] as CompiledKeywords['terms'][number];
    const neutralised = neutralisers.some(
      (n) => n.end > m.start - NEUTRALISER_RADIUS && n.start < m.end + NEUTRALISER_RADIUS,
    );
    return { term: t.term, category: t.category, weight: t.weight, start: m.start, end: m.end, neutralised };
  });
  const weights = new Map<string, number>();
  for (const h of hits) if (!h.neutralised) weights.set(h.term, h.weight);
  let score = 0;
  let maxWeight = 0;
  for (const w of weights.values()) {
    score += w;
    maxWeight = Math.max(maxWeight, w);
  }
  const markers = [...new Set(searchWords(kw.markerAc, text).map((m) => kw.markers[m.pattern] as string))];
  return { text, hits, score, terms: [...weights.keys()], maxWeight, markers };
}
