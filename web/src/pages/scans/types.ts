// API views of remote detection (src/http/presenters/scans.ts).

export type ScanStatus = 'queued' | 'planning' | 'running' | 'paused' | 'finalizing' | 'completed' | 'completed_partial' | 'cancelled' | 'failed';
export const ACTIVE_STATUSES: readonly string[] = ['queued', 'planning', 'running', 'paused', 'finalizing'];

export type Progress = {
  status: ScanStatus; total: number; done: number; failed: number; skipped: number; cancelled: number;
  running: number; pending: number; lateRetries: number; sitesPerSecond: number; etaSeconds: number | null;
};

export type ScanSummary = {
  grades?: Record<string, number>; siteStatus?: Record<string, number>; risks?: number; findings?: number; newFindings?: number;
  persistingFindings?: number; fixedFindings?: number; tentative?: number; digest?: string;
};

export type ScanView = {
  id: string; status: ScanStatus; target: Record<string, unknown>; targetLabel: string; profile: string;
  stamp: { scoringVersion: string; catalogueHash: string; keywordsVersion: string; ruleSetVersions: Record<string, string> };
  authorisationIds: string[]; agencyId: string | null; startedBy: string;
  total: number; done: number; failed: number; skipped: number; cancelled: number;
  summary: ScanSummary | null; digest: string | null; error: string | null;
  createdAt: string; plannedAt: string | null; finishedAt: string | null; statusChangedAt: string;
};

export type ReviewedGrade = { score: number | null; grade: string | null; gradeIgnoringTrust: string | null; riskCount: number; reviewedAt: string; reviews: number } | null;

export type ScanSiteView = {
  taskId: string; siteId: string; entityId: string; hostname: string; seq: number; status: string; attempt: number;
  startedAt: string | null; finishedAt: string | null; durationMs: number | null; siteStatus: string | null; score: number | null;
  grade: string | null; gradeIgnoringTrust: string | null; riskCount: number | null; findingCount: number | null;
  cappedBy: string[] | null; reviewedGrade: ReviewedGrade; error: string | null;
};

export type Title = { zh: string; en: string } | null;

export type FindingView = {
  id: string; siteId: string; fingerprint: string; checkId: string; checkVersion: number; title: Title; result: string; severity: string;
  confidence: string; points: number; cites: string[]; detail: unknown; evidenceRefs: unknown[]; evidence: string[]; diffStatus: string;
  reviewStatus: string | null; reviewedBy: string | null; reviewedAt: string | null; reviewReason: string | null; hostname?: string;
};

export type OutcomeView = { id: string; v: number; r: string; c: string; p: number; s?: string; cap?: string; t?: number; st?: string; b?: number; title: Title };

export type EvidenceView = { sha256: string; kind: string; content: unknown; bytes: number; hasBody: boolean };

export type RequestLogEntry = {
  seq: number; at: string; method: string; url: string; ip: string | null; port: number | null; status: number | null; bytes: number;
  durationMs: number; tlsVersion: string | null; error: string | null; attempt: number; purpose: string;
};

export type SiteDetail = {
  scan: ScanView;
  site: ScanSiteView & { registered: unknown; usage: unknown; logSha256: string | null; authorisationId: string };
  outcomes: OutcomeView[];
  findings: FindingView[];
  evidence: EvidenceView[];
  diff: { previousTaskId: string | null; previousScanId: string | null; previousGrade: string | null; fixed: { fingerprint: string; checkId: string; result: string; severity: string; title: Title }[] };
  requestLog: RequestLogEntry[];
};

export type GradeDistribution = { grades: { grade: string; n: number }[]; unreachable: number; zombie: number; unfinished: number; notDone: number };

export type AuthorisationView = {
  id: string; entityId: string; entityName: string | null; siteIds: string[]; targets: { siteId: string; hostname: string; ips: string[] }[];
  validFrom: string; validUntil: string; window: { start: string; end: string } | null; profile: string; rateLimit: number | null;
  agencyId: string | null; agencyStaffIds: string[]; purpose: string; noticeRef: string | null; notifiedAt: string | null;
  status: string; effectiveStatus: string; openNow: boolean; createdBy: string; approvedBy: string | null; approvedAt: string | null;
  activatedAt: string | null; revokedAt: string | null; revokeReason: string | null; createdAt: string; updatedAt: string;
};

export type AgencyView = {
  id: string; unitId: string; name: string; uscc: string; contractRef: string; contractFrom: string; contractUntil: string; status: string;
  createdAt: string; updatedAt: string;
};
export type AgencyDetail = AgencyView & {
  staff: { userId: string; username: string; displayName: string; userStatus: string; undertakingSigned: boolean; undertakingRef: string | null; undertakingOn: string | null }[];
};

export type PromotionItem = {
  findingId: string; checkId: string; title: { zh: string; en: string }; result: string; severity: string; confidence: string; cites: string[];
  evidenceDigest: string; promotedTo: string | null;
};
export type PromotionView = {
  scanId: string; siteId: string; entityId: string; hostname: string; requestLogSha256: string | null; scanDigest: string | null;
  items: PromotionItem[];
};

export const GRADE_COLORS: Record<string, string> = {
  'A+': '#237804', A: '#389e0d', 'A-': '#52c41a', 'B+': '#7cb305', B: '#a0d911', 'B-': '#d4b106', 'C+': '#fadb14', C: '#faad14',
  'C-': '#fa8c16', 'D+': '#fa541c', D: '#f5222d', 'D-': '#cf1322', F: '#a8071a', T: '#820014',
};
