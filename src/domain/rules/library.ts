import type { z } from 'zod';
import { requirePermission, type Actor, type Permission } from '../access';
import { appendAudit } from '../audit';
import { systemActor } from '../auth/actor';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { contentHash, loadShippedRuleSets, parseRuleSetFile, type LoadedRuleSet, type RuleSetRef } from '../../rules';
import type { DbOrTx, Tx } from '../../store/db';
import * as rulesStore from '../../store/rules.store';

/** One stored version: its row (without content) and the parsed, hashed file. */
export type LibraryVersion = { head: rulesStore.RuleSetVersionHead; set: LoadedRuleSet };

/**
 * Rule-set data is the law's text, the same for every unit: reading it needs rules.read, and
 * the console operator (`system`, CLI and start-up only, never a web session) may read and
 * import it too. Supervised data (entities, focus lists) never gets this exception.
 */
export function requireRulesPermission(actor: Actor, permission: Extract<Permission, 'rules.read' | 'rules.manage'>): void {
  if (actor.kind === 'system' && actor.userId === null) return;
  requirePermission(actor, permission);
}

// Versions are immutable (a trigger refuses UPDATE and DELETE), so a parsed version is cached
// by row id for the life of the process and checked against its stored hash once.
const cache = new Map<string, LoadedRuleSet>();

/** Every stored version, parsed; `db` may be the caller's transaction. */
export async function loadRuleLibrary(db: DbOrTx): Promise<LibraryVersion[]> {
  const heads = await rulesStore.listVersionHeads(db);
  const missing = heads.filter((h) => !cache.has(h.id)).map((h) => h.id);
  for (const row of await rulesStore.findVersionsByIds(db, missing)) {
    const file = parseRuleSetFile(row.content, `stored rule set ${row.ruleSetId} ${row.version}`);
    const hash = contentHash(file);
    if (hash !== row.contentHash) {
      // Not the caller's fault: the row was altered behind the trigger's back.
      throw new Error(`rule set ${row.ruleSetId} ${row.version}: stored content does not match its hash ${row.contentHash}`);
    }
    cache.set(row.id, { ...file, contentHash: hash });
  }
  return heads.map((head) => ({ head, set: cache.get(head.id)! }));
}

/**
 * The library a use case evaluates against. A database that never ran start-up (a fresh test
 * database, a CLI call before `serve`) gets the shipped sets first, inside the caller's
 * transaction when there is one, so a checklist is never computed from an empty library.
 */
export async function ruleLibrary(deps: Deps, db: DbOrTx = deps.db): Promise<LibraryVersion[]> {
  let library = await loadRuleLibrary(db);
  if (library.length === 0) {
    await syncShippedRuleSets(deps, db.isTransaction ? (db as Tx) : undefined);
    library = await loadRuleLibrary(db);
  }
  return library;
}

export const setsOf = (library: readonly LibraryVersion[]): LoadedRuleSet[] => library.map((v) => v.set);

export type SyncResult = { created: RuleSetRef[]; unchanged: number; skipped: { ref: RuleSetRef; reason: string }[] };

/**
 * Stores the shipped rule-set files (src/rules/sets) as versions: at start-up, demo seed and by
 * `wangan rules sync`. Idempotent: a file whose content hash is stored adds nothing. A shipped
 * file whose (id, version) is stored with other content is skipped with a warning: the stored
 * version stays what inspections froze.
 */
export async function syncShippedRuleSets(deps: Deps, trx?: Tx): Promise<SyncResult> {
  const shipped = await loadShippedRuleSets();
  const heads = await rulesStore.listVersionHeads(trx ?? deps.db);
  const result: SyncResult = { created: [], unchanged: 0, skipped: [] };
  const actor = systemActor({ id: '00000000-0000-0000-0000-000000000000', path: '/' }, 'system');
  for (const set of shipped) {
    const ref = { id: set.ruleSet.id, version: set.ruleSet.version, contentHash: set.contentHash };
    if (heads.some((h) => h.ruleSetId === ref.id && h.contentHash === ref.contentHash)) {
      result.unchanged += 1;
      continue;
    }
    const clash = heads.find((h) => h.ruleSetId === ref.id && h.version === ref.version);
    if (clash) {
      const reason = `stored ${ref.id} ${ref.version} has other content (${clash.contentHash.slice(0, 12)}…); shipped file not loaded`;
      deps.log.warn({ ruleSet: ref }, reason);
      result.skipped.push({ ref, reason });
      continue;
    }
    const store = async (tx: Tx) => {
      const row = await rulesStore.insertVersionIfNew(tx, {
        ruleSetId: ref.id,
        version: ref.version,
        content: stripHash(set),
        contentHash: ref.contentHash,
        effectiveFrom: set.ruleSet.effectiveFrom,
        effectiveTo: set.ruleSet.effectiveTo,
        status: set.ruleSet.status,
        source: 'shipped',
        importedBy: null,
        importedByName: actor.username,
      });
      if (row) await auditImported(tx, actor, row, set, null);
      return row;
    };
    // Inside a caller's transaction (first use in a fresh database) the rows commit with it.
    const created = trx ? await store(trx) : await deps.db.transaction().execute(store);
    if (created) result.created.push(ref);
    else result.unchanged += 1; // another process stored it first
  }
  return result;
}

/** The file without the computed hash, as stored in `content`. */
export function stripHash(set: LoadedRuleSet) {
  const { contentHash: _hash, ...file } = set;
  return file;
}

export async function auditImported(
  trx: Tx,
  actor: Actor,
  row: rulesStore.RuleSetVersionHead,
  set: LoadedRuleSet,
  diff: { previousVersion: string; added: number; removed: number; changed: number } | null,
): Promise<void> {
  await appendAudit(trx, actor, {
    action: 'rules.versionImported',
    targetType: 'ruleSetVersion',
    targetId: row.id,
    to: `${row.ruleSetId}@${row.version}`,
    unitPath: actor.unitPath,
    summary: {
      ruleSetId: row.ruleSetId,
      version: row.version,
      contentHash: row.contentHash,
      source: row.source,
      status: row.status,
      effectiveFrom: row.effectiveFrom,
      effectiveTo: row.effectiveTo,
      items: set.items.length,
      focusCriteria: set.focusCriteria?.length ?? 0,
      topics: Object.keys(set.topics ?? {}).length,
      ...(diff ? { diffFrom: diff.previousVersion, added: diff.added, removed: diff.removed, changed: diff.changed } : {}),
    },
  });
}

/** Parses a use case's input; field problems become VALIDATION_FAILED like a route's. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'invalid input', {
      fields: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  return parsed.data;
}
