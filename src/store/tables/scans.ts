import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from './core';

/** A `date` column: a 'YYYY-MM-DD' calendar day both ways. */
type Day = string;

export type ScanTargetJson =
  | { kind: 'entity'; entityId: string }
  | { kind: 'unit'; unitId: string }
  | { kind: 'sites'; siteIds: string[] }
  | { kind: 'campaign'; campaignId: string };

export type ScanStampJson = {
  scoringVersion: string;
  catalogueHash: string;
  keywordsVersion: string;
  ruleSetVersions: Record<string, string>;
};

export type ScanLimitsJson = { globalRatePerSec?: number };

export type AuthorisedTargetJson = { siteId: string; hostname: string; ips: string[] };

/**
 * The first attempt of a task that was unreachable (AVL-01). While the retry waits, `first` holds
 * that attempt's whole commit record; the final row keeps only the summary and how it ended.
 */
export type LateRetryJson = {
  /** Claims of the first attempt (worker deaths included). */
  attempts: number;
  firstFinishedAt: string;
  /** AVL-01 result of the first attempt: dns_fail | no_service. */
  firstResult: string;
  dueAt: string;
  /** Unset while waiting. */
  retry?: 'done' | 'not_performed' | 'cancelled';
  /** Why the retry was not performed (the authorisation's state). */
  reason?: string;
  retriedAt?: string;
  /** The first attempt's commit record as JSON text (while waiting only). */
  first?: string;
};

export type TaskUsageJson = { requests: number; bytes: number; ms: number; budgetSpent: boolean; hostDropped: boolean };

export type ReviewedGradeJson = {
  score: number | null;
  grade: string | null;
  gradeIgnoringTrust: string | null;
  riskCount: number;
  reviewedAt: string;
  reviews: number;
};

export interface SecurityAgenciesTable {
  id: Generated<string>;
  unitId: string;
  unitPath: string;
  name: string;
  uscc: string;
  contractRef: string;
  contractFrom: Day;
  contractUntil: Day;
  status: Generated<'active' | 'suspended'>;
  createdBy: string | null;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
}

export interface SecurityAgencyStaffTable {
  agencyId: string;
  userId: string;
  unitPath: string;
  undertakingSigned: Generated<boolean>;
  undertakingRef: string | null;
  undertakingOn: Day | null;
  addedAt: CreatedAt;
}

export interface ScanAuthorisationsTable {
  id: Generated<string>;
  unitPath: string;
  entityId: string;
  siteIds: string[];
  targets: Json<AuthorisedTargetJson[]>;
  validFrom: Timestamp;
  validUntil: Timestamp;
  windowStart: string | null;
  windowEnd: string | null;
  profile: string;
  rateLimit: number | null;
  agencyId: string | null;
  agencyStaffIds: Generated<string[]>;
  purpose: string;
  noticeRef: string | null;
  notifiedAt: Timestamp | null;
  status: Generated<string>;
  createdBy: string;
  approvedBy: string | null;
  approvedAt: Timestamp | null;
  activatedAt: Timestamp | null;
  revokedBy: string | null;
  revokedAt: Timestamp | null;
  revokeReason: string | null;
  expiredAt: Timestamp | null;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
}

export interface ScansTable {
  id: Generated<string>;
  unitPath: string;
  startedBy: string;
  agencyId: string | null;
  target: Json<ScanTargetJson>;
  targetLabel: string;
  authorisationIds: string[];
  profile: string;
  limits: Json<ScanLimitsJson>;
  status: Generated<string>;
  stamp: Json<ScanStampJson>;
  totalTasks: Generated<number>;
  doneTasks: Generated<number>;
  failedTasks: Generated<number>;
  skippedTasks: Generated<number>;
  cancelledTasks: Generated<number>;
  summary: Json<Record<string, unknown>> | null;
  digest: string | null;
  error: string | null;
  createdAt: ColumnType<Date, Date | string | undefined, never>;
  plannedAt: Timestamp | null;
  finishedAt: Timestamp | null;
  lastCommitAt: Timestamp | null;
  statusChangedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ScanTasksTable {
  id: Generated<string>;
  scanId: string;
  siteId: string;
  entityId: string;
  unitPath: string;
  authorisationId: string;
  hostname: string;
  registered: Json<Record<string, unknown>>;
  seq: number;
  chunkNo: number;
  pos: number;
  status: Generated<string>;
  workerId: string | null;
  attempt: Generated<number>;
  previousTaskId: string | null;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
  durationMs: number | null;
  siteStatus: string | null;
  score: number | null;
  grade: string | null;
  gradeIgnoringTrust: string | null;
  riskCount: number | null;
  findingCount: number | null;
  cappedBy: string[] | null;
  outcomes: Json<unknown[]> | null;
  requestLog: Json<unknown[]> | null;
  logSha256: string | null;
  usage: Json<TaskUsageJson> | null;
  reviewedGrade: Json<ReviewedGradeJson> | null;
  error: string | null;
  /** AVL-01 late retry: when the waiting task may be claimed again (migration 0055). */
  retryDueAt: Timestamp | null;
  lateRetry: Json<LateRetryJson> | null;
}

export interface ScanFindingsTable {
  id: Generated<string>;
  scanId: string;
  taskId: string;
  siteId: string;
  unitPath: string;
  fingerprint: string;
  checkId: string;
  checkVersion: number;
  result: string;
  severity: string;
  confidence: string;
  points: number;
  cites: string[];
  detail: Json<Record<string, unknown>> | null;
  evidenceRefs: Json<unknown[]>;
  evidence: string[];
  diffStatus: Generated<'new' | 'persisting'>;
  reviewStatus: 'pending' | 'confirmed' | 'dismissed' | null;
  reviewedBy: string | null;
  reviewedAt: Timestamp | null;
  reviewReason: string | null;
}

export interface ScanEvidenceTable {
  scanId: string;
  sha256: string;
  unitPath: string;
  kind: string;
  content: Json<Record<string, unknown>>;
  bodyGzip: Buffer | null;
  bytes: number;
}

export interface ScanWorkersTable {
  id: string;
  host: string;
  pid: number;
  startedAt: CreatedAt;
  heartbeatAt: Generated<Date>;
  scanId: string | null;
}

export type FingerprintJson = {
  minhash: number[];
  title: string;
  meta: string;
  linkHosts: string[];
  scriptHosts: string[];
  excerpt: string;
};

export interface SiteBaselinesTable {
  siteId: string;
  status: 'candidate' | 'approved';
  unitPath: string;
  capturedAt: Timestamp;
  taskId: string | null;
  fingerprint: Json<FingerprintJson>;
  approval: 'auto' | 'inspector' | null;
  approvedBy: string | null;
  approvedAt: Timestamp | null;
  updatedAt: Generated<Date>;
}

export type HistoryTaskJson = { scannedAt: string; siteStatus: 'active' | 'unreachable' | 'zombie'; signals: ('U' | 'D' | 'P' | 'S')[] };

export interface SiteHistoryTable {
  siteId: string;
  unitPath: string;
  tasks: Json<HistoryTaskJson[]>;
  lastMinhash: Json<number[]> | null;
  unchangedSince: Timestamp | null;
  updatedAt: Generated<Date>;
}

export interface ScanTables {
  securityAgencies: SecurityAgenciesTable;
  securityAgencyStaff: SecurityAgencyStaffTable;
  scanAuthorisations: ScanAuthorisationsTable;
  scans: ScansTable;
  scanTasks: ScanTasksTable;
  scanFindings: ScanFindingsTable;
  scanEvidence: ScanEvidenceTable;
  scanWorkers: ScanWorkersTable;
  siteBaselines: SiteBaselinesTable;
  siteHistory: SiteHistoryTable;
}
