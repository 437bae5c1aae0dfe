import { readdir, readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { canonicalJson, sha256Hex } from '../lib/canonical';
import { AppError } from '../domain/errors';
import { ZArticleMapping, type ArticleMapping } from './article-mapping';
import { ZRuleSetFile, type LoadedRuleSet, type RuleSetFile } from './schema';

/** The rule sets shipped with wangan; imports of new versions arrive through `prepareRuleSet`. */
export const shippedRuleSetsDir = new URL('./sets/', import.meta.url);
const shippedArticleMapping = new URL('./penalty-mapping.json', import.meta.url);

/** Validates a rule-set file from outside (a shipped file, an upload); VALIDATION_FAILED lists every issue. */
export function parseRuleSetFile(raw: unknown, source = 'rule set'): RuleSetFile {
  const parsed = ZRuleSetFile.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', `${source} is not a valid rule set`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

/**
 * SHA-256 of the canonical JSON (sorted keys, no whitespace) of one set version: the hash an
 * inspection freezes, unchanged by key order or formatting of the file.
 */
export function contentHash(file: RuleSetFile): string {
  const { schemaVersion, ruleSet, items, focusCriteria, topics } = file;
  return sha256Hex(canonicalJson({ schemaVersion, ruleSet, items, focusCriteria, topics }));
}

/** Parses and hashes one rule-set file. */
export function prepareRuleSet(raw: unknown, source?: string): LoadedRuleSet {
  const file = parseRuleSetFile(raw, source);
  return { ...file, contentHash: contentHash(file) };
}

/**
 * Checks what no single file can: each (id, version) appears once, and every item's
 * penaltyTopic names a topic some set defines. Throws VALIDATION_FAILED with the problems.
 */
export function checkRuleSetLibrary(sets: readonly RuleSetFile[]): void {
  const problems: string[] = [];
  const versions = new Set<string>();
  const topics = new Set(sets.flatMap((s) => Object.keys(s.topics ?? {})));
  for (const set of sets) {
    const key = `${set.ruleSet.id}@${set.ruleSet.version}`;
    if (versions.has(key)) problems.push(`${key} appears twice`);
    versions.add(key);
    for (const item of set.items) {
      if (item.penaltyTopic !== null && !topics.has(item.penaltyTopic)) {
        problems.push(`${item.id} names penalty topic ${item.penaltyTopic}, which no rule set defines`);
      }
    }
  }
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'rule sets are inconsistent', { problems });
  }
}

/** Reads, validates and hashes every *.json in a directory (sorted by file name), then checks them together. */
export async function loadRuleSetsFromDir(dir: string | URL): Promise<LoadedRuleSet[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const base = typeof dir === 'string' ? pathToFileURL(dir.endsWith('/') ? dir : `${dir}/`) : dir;
  const sets: LoadedRuleSet[] = [];
  for (const name of names) {
    sets.push(prepareRuleSet(await readJson(new URL(name, base), name), name));
  }
  checkRuleSetLibrary(sets);
  return sets;
}

export function loadShippedRuleSets(): Promise<LoadedRuleSet[]> {
  return loadRuleSetsFromDir(shippedRuleSetsDir);
}

/** The CSL 2016 → 2025 article mapping (src/rules/penalty-mapping.json). */
export async function loadArticleMapping(file: URL = shippedArticleMapping): Promise<ArticleMapping> {
  const parsed = ZArticleMapping.safeParse(await readJson(file, 'penalty-mapping.json'));
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'penalty-mapping.json is not a valid article mapping', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

async function readJson(file: URL, source: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new AppError('VALIDATION_FAILED', `${source} is not JSON: ${(err as Error).message}`);
  }
}
