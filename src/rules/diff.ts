import { canonicalJson } from '../lib/canonical';
import type { FocusCriterion, PenaltyTopic, RuleItem, RuleSetFile } from './schema';

/** One changed leaf: `path` like 'text.zh' or 'appliesTo.conditions' (arrays compare whole). */
export type FieldChange = { path: string; before: unknown; after: unknown };

export type KeyedDiff<T> = {
  added: T[];
  removed: T[];
  changed: { id: string; changes: FieldChange[] }[];
};

export type RuleSetDiff = {
  from: { id: string; version: string };
  to: { id: string; version: string };
  /** Header changes (effective dates, status, supersededBy…). */
  ruleSet: FieldChange[];
  items: KeyedDiff<RuleItem>;
  focusCriteria: KeyedDiff<FocusCriterion>;
  topics: KeyedDiff<{ key: string; topic: PenaltyTopic }>;
  identical: boolean;
};

/** What changed from `a` to `b`: header fields, and items, focus criteria and topics by id, field by field. */
export function diffRuleSets(a: RuleSetFile, b: RuleSetFile): RuleSetDiff {
  const ruleSet: FieldChange[] = [];
  diffValues(a.ruleSet, b.ruleSet, '', ruleSet);
  const items = diffKeyed(a.items, b.items, (i) => i.id);
  const focusCriteria = diffKeyed(a.focusCriteria ?? [], b.focusCriteria ?? [], (c) => c.id);
  const topics = diffKeyed(topicList(a), topicList(b), (t) => t.key, (t) => t.topic);
  const identical = [items, focusCriteria, topics].every((d) => d.added.length + d.removed.length + d.changed.length === 0) && ruleSet.length === 0;
  return {
    from: { id: a.ruleSet.id, version: a.ruleSet.version },
    to: { id: b.ruleSet.id, version: b.ruleSet.version },
    ruleSet,
    items,
    focusCriteria,
    topics,
    identical,
  };
}

function topicList(file: RuleSetFile): { key: string; topic: PenaltyTopic }[] {
  return Object.entries(file.topics ?? {}).map(([key, topic]) => ({ key, topic }));
}

function diffKeyed<T>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (v: T) => string,
  compared: (v: T) => unknown = (v) => v,
): KeyedDiff<T> {
  const old = new Map(before.map((v) => [keyOf(v), v]));
  const now = new Map(after.map((v) => [keyOf(v), v]));
  const changed: KeyedDiff<T>['changed'] = [];
  for (const [id, value] of now) {
    const prev = old.get(id);
    if (prev === undefined) continue;
    const changes: FieldChange[] = [];
    diffValues(compared(prev), compared(value), '', changes);
    if (changes.length > 0) changed.push({ id, changes });
  }
  return {
    added: after.filter((v) => !old.has(keyOf(v))),
    removed: before.filter((v) => !now.has(keyOf(v))),
    changed,
  };
}

function diffValues(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) diffValues(before[key], after[key], path ? `${path}.${key}` : key, out);
    return;
  }
  if (canonical(before) !== canonical(after)) out.push({ path, before, after });
}

function canonical(value: unknown): string {
  return value === undefined ? 'undefined' : canonicalJson(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
