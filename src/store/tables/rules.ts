import type { Generated } from 'kysely';
import type { Json } from './core';
import type { RuleSetFile } from '../../rules/schema';

/** A `date` column: a 'YYYY-MM-DD' calendar day both ways. */
type Day = string;

/** One immutable version of a rule set (0020_rule_set_versions.sql). */
export interface RuleSetVersionsTable {
  id: Generated<string>;
  ruleSetId: string;
  version: string;
  content: Json<RuleSetFile>;
  contentHash: string;
  effectiveFrom: Day;
  effectiveTo: Day | null;
  status: 'final' | 'draft';
  source: 'shipped' | 'import';
  importedBy: string | null;
  importedByName: string;
  importedAt: Generated<Date>;
}

export interface RulesTables {
  ruleSetVersions: RuleSetVersionsTable;
}
