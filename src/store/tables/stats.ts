import type { Generated } from 'kysely';
import type { Timestamp } from './core';

/** Derived roll-up tables (migrations 0060, 0061), kept by triggers; read through stats.store only. */
export interface StatsEntityDeltasTable {
  unitPath: string;
  type: string;
  regionCode: string;
  status: string;
  focusReasons: string[];
  n: number;
  compacted: Generated<boolean>;
}

export interface StatsSiteLatestTable {
  siteId: string;
  unitPath: string;
  taskId: string;
  finishedAt: Timestamp;
  siteStatus: string | null;
  grade: string | null;
}

export interface StatsSiteGradeDeltasTable {
  unitPath: string;
  bucket: string;
  n: number;
  compacted: Generated<boolean>;
}

export interface StatsTables {
  statsEntityDeltas: StatsEntityDeltasTable;
  statsSiteLatest: StatsSiteLatestTable;
  statsSiteGradeDeltas: StatsSiteGradeDeltasTable;
}
