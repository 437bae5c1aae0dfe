/**
 * Text fingerprint (spec §3.4): tokens are single CJK characters and Latin words, digit runs
 * collapsed so dates and counters are not change; 3-token shingles; 128-hash MinHash whose
 * share of equal slots estimates the Jaccard similarity of the shingle sets.
 */

import { normaliseText } from './text';

export const MINHASH_SIZE = 128;
const EMPTY_SLOT = 0xffffffff;

/** Tokens of a text: one per CJK character, one per Latin word or number (digits → "0"). */
export function tokenise(text: string): string[] {
  const t = normaliseText(text).toLowerCase().replace(/\d+/g, '0');
  return t.match(/\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu) ?? [];
}

/** Distinct 3-token shingles (a text shorter than 3 tokens is one shingle). */
export function shingles(tokens: readonly string[], size = 3): Set<string> {
  const out = new Set<string>();
  if (tokens.length === 0) return out;
  if (tokens.length < size) {
    out.add(tokens.join(' '));
    return out;
  }
  for (let i = 0; i + size <= tokens.length; i++) out.add(tokens.slice(i, i + size).join(' '));
  return out;
}

/** MurmurHash3's 32-bit finaliser. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Per-slot seeds: slot i orders shingles by mix(h XOR SEEDS[i]). Fixed, so signatures are stable across runs. */
const SEEDS = Uint32Array.from({ length: MINHASH_SIZE }, (_, i) => fmix32(0x9e3779b9 + Math.imul(i + 1, 0x7f4a7c15)));

/** Pages beyond this many shingles are fingerprinted from their first part (bounded work on 512 KB bodies). */
export const MAX_SHINGLES = 20_000;

function signatureOf(hashes: Iterable<number>): number[] {
  const sig = new Uint32Array(MINHASH_SIZE).fill(EMPTY_SLOT);
  for (const h of hashes) {
    for (let i = 0; i < MINHASH_SIZE; i++) {
      let v = Math.imul(h ^ (SEEDS[i] as number), 0x9e3779b1);
      v = (v ^ (v >>> 15)) >>> 0;
      if (v < (sig[i] as number)) sig[i] = v;
    }
  }
  return Array.from(sig);
}

/** Hashes of the distinct 3-token shingles, without building shingle strings. */
function shingleHashes(tokens: readonly string[]): Set<number> {
  const th = tokens.map(fnv1a);
  const out = new Set<number>();
  if (th.length === 0) return out;
  if (th.length < 3) {
    out.add(fmix32(fnv1a(tokens.join(' '))));
    return out;
  }
  for (let i = 0; i + 3 <= th.length && out.size < MAX_SHINGLES; i++) {
    const a = th[i] as number;
    const b = th[i + 1] as number;
    const c = th[i + 2] as number;
    out.add(fmix32(Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d) ^ ((a >>> 7) + c)));
  }
  return out;
}

/** MinHash of a text's visible words. */
export function fingerprintText(text: string): number[] {
  return signatureOf(shingleHashes(tokenise(text)));
}

/** Estimated Jaccard similarity of two signatures, 0–1 (two empty texts are identical). */
export function similarity(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return a.length === b.length ? 1 : 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

/** Exact Jaccard similarity of two sets (1 when both are empty). */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}
