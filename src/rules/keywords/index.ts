/**
 * Keyword lists for content checks (spec §3.4), versioned by effective date: each file
 * `<YYYY-MM-DD>.json` in this folder is one audited version, in force from its date on.
 */

import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const ZKeywordCategory = z.enum(['gambling', 'pornography', 'fraud', 'drugs', 'weapons', 'other']);
export type KeywordCategory = z.infer<typeof ZKeywordCategory>;

export const ZKeywordTerm = z.object({
  term: z.string().min(1),
  category: ZKeywordCategory,
  weight: z.number().int().min(1).max(10),
});
export type KeywordTerm = z.infer<typeof ZKeywordTerm>;

export const ZKeywordList = z.object({
  version: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  notes: z.string().optional(),
  terms: z.array(ZKeywordTerm).min(1),
  neutralisers: z.array(z.string().min(1)),
  defaceMarkers: z.array(z.string().min(1)),
});
export type KeywordList = z.infer<typeof ZKeywordList>;

const dir = fileURLToPath(new URL('.', import.meta.url));
const cache = new Map<string, KeywordList>();

/** Effective dates of the stored versions, oldest first. */
export function keywordListVersions(): string[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f))
    .map((f) => f.slice(0, 10))
    .sort();
}

/** Reads and validates one version. */
export function readKeywordList(version: string): KeywordList {
  const hit = cache.get(version);
  if (hit) return hit;
  const raw: unknown = JSON.parse(readFileSync(`${dir}/${version}.json`, 'utf8'));
  const list = ZKeywordList.parse(raw);
  cache.set(version, list);
  return list;
}

/**
 * The version in force at `asOf` (an ISO date or instant; compared by its date part). Before
 * the first version, the first version applies: it is the oldest list there is.
 */
export function loadKeywordList(asOf: string): KeywordList {
  const day = asOf.slice(0, 10);
  const versions = keywordListVersions();
  const version = versions.filter((v) => v <= day).pop() ?? versions[0];
  if (!version) throw new Error('no keyword list stored');
  return readKeywordList(version);
}
