import type { Actor } from '../access';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { checkRuleSetLibrary, diffRuleSets, prepareRuleSet, type LoadedRuleSet } from '../../rules';
import * as rulesStore from '../../store/rules.store';
import { auditImported, loadRuleLibrary, requireRulesPermission, stripHash, type LibraryVersion } from './library';

/** Counts of items, focus criteria and penalty topics added, removed or changed since the previous version. */
export type ImportDiffSummary = { version: string; added: number; removed: number; changed: number; headerChanged: boolean };

export type ImportRuleSetResult =
  | { status: 'created'; version: rulesStore.RuleSetVersionHead; previous: ImportDiffSummary | null }
  | { status: 'unchanged'; version: rulesStore.RuleSetVersionHead; previous: null };

/**
 * Stores an uploaded rule-set file (a new regulation, a corrected text) as a new version, with
 * no code change. The file must pass ZRuleSetFile (VALIDATION_FAILED lists every issue) and
 * fit the library (its penalty topics exist). Content already stored for the set is a no-op
 * ('unchanged'); a taken version number with other content is CONFLICT: a new text needs a
 * new version, since inspections froze the old one.
 */
export async function importRuleSet(deps: Deps, actor: Actor, raw: unknown): Promise<ImportRuleSetResult> {
  requireRulesPermission(actor, 'rules.manage');
  const set = prepareRuleSet(raw, 'the rule set file');
  const { id, version } = set.ruleSet;
  return deps.db.transaction().execute(async (trx): Promise<ImportRuleSetResult> => {
    const same = await rulesStore.findVersionByHash(trx, id, set.contentHash);
    if (same) return { status: 'unchanged', version: same, previous: null };
    await assertVersionFree(trx, id, version);
    const library = await loadRuleLibrary(trx);
    checkRuleSetLibrary([...library.map((v) => v.set), set]);
    const row = await rulesStore.insertVersionIfNew(trx, {
      ruleSetId: id,
      version,
      content: stripHash(set),
      contentHash: set.contentHash,
      effectiveFrom: set.ruleSet.effectiveFrom,
      effectiveTo: set.ruleSet.effectiveTo,
      status: set.ruleSet.status,
      source: 'import',
      importedBy: actor.userId,
      importedByName: actor.username,
    });
    if (!row) {
      // A concurrent import of the same set won between our checks and the insert.
      const again = await rulesStore.findVersionByHash(trx, id, set.contentHash);
      if (again) return { status: 'unchanged', version: again, previous: null };
      throw versionTaken(id, version);
    }
    const previous = previousVersion(library, set);
    const diff = previous ? summarise(previous, set) : null;
    await auditImported(trx, actor, row, set, diff && { ...diff, previousVersion: diff.version });
    return { status: 'created', version: row, previous: diff };
  });
}

async function assertVersionFree(trx: Parameters<typeof rulesStore.findVersion>[0], id: string, version: string): Promise<void> {
  if (await rulesStore.findVersion(trx, id, version)) throw versionTaken(id, version);
}

function versionTaken(id: string, version: string): AppError {
  return new AppError('CONFLICT', `${id} version ${version} is already stored with other content: give the new text a new version`, {
    fields: [{ path: 'ruleSet.version', message: 'version already stored with other content' }],
  });
}

/** The stored version of the same set that this one follows: the latest one before it. */
function previousVersion(library: readonly LibraryVersion[], set: LoadedRuleSet): LoadedRuleSet | null {
  const same = library.map((v) => v.set).filter((s) => s.ruleSet.id === set.ruleSet.id);
  const key = (s: LoadedRuleSet) => `${s.ruleSet.effectiveFrom}|${s.ruleSet.version}`;
  const before = same.filter((s) => key(s).localeCompare(key(set), 'en', { numeric: true }) < 0);
  const pool = before.length > 0 ? before : same;
  return pool.sort((a, b) => key(a).localeCompare(key(b), 'en', { numeric: true })).at(-1) ?? null;
}

function summarise(previous: LoadedRuleSet, set: LoadedRuleSet): ImportDiffSummary {
  const d = diffRuleSets(previous, set);
  const count = (k: { added: unknown[]; removed: unknown[]; changed: unknown[] }) => [k.added.length, k.removed.length, k.changed.length] as const;
  const [ia, ir, ic] = count(d.items);
  const [fa, fr, fc] = count(d.focusCriteria);
  const [ta, tr, tc] = count(d.topics);
  return { version: previous.ruleSet.version, added: ia + fa + ta, removed: ir + fr + tr, changed: ic + fc + tc, headerChanged: d.ruleSet.length > 0 };
}
