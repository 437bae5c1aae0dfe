import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from './core';

/** A `date` column: a 'YYYY-MM-DD' calendar day both ways. */
type Day = string;
/** numeric(14,2): read as number (db.ts parser), written as number. */
type Money = ColumnType<number, number, number>;

export type MajorTaskJson = { name: string; from: string; to: string };
export type PlanSourceJson = { kind: 'report' | 'incident' | 'clue' | 'dualInvestigation' | 'other'; ref?: string | null; description: string };
export type RuleSetRefJson = { id: string; version: string; contentHash: string };
export type NoticeTeamJson = { userId: string; name: string; credentialNumber: string }[];
export type ReceiptJson = { receivedBy?: string | null; note?: string | null; recordedBy?: string | null };
export type RefusalJson = { reason: string; notedBy: string[]; notedByIds: string[]; notedAt: string };
/** A checklist item as frozen at the start of checking (copied from the rule set). */
export type ItemSnapshotJson = {
  text: { zh: string; en: string };
  citation: { document: string; article: string | null; paragraph?: string; clause: string | null };
  severity: 'H' | 'M' | 'L';
  penaltyTopic: string | null;
  evidenceExpected: { zh: string; en: string };
  reason: string;
  confidence: string;
};

export interface InspectionPlansTable {
  id: Generated<string>;
  unitId: string;
  unitPath: string;
  title: string;
  type: string;
  period: string | null;
  mode: string;
  basis: string;
  scopeText: string;
  majorTask: Json<MajorTaskJson> | null;
  source: Json<PlanSourceJson> | null;
  startsOn: Day;
  endsOn: Day;
  teamIds: string[];
  status: Generated<string>;
  createdBy: string | null;
  submittedAt: Timestamp | null;
  reviewedBy: string | null;
  reviewedAt: Timestamp | null;
  reviewComment: string | null;
  cancelReason: string | null;
  isDemo: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
}

export interface InspectionPlanTargetsTable {
  planId: string;
  entityId: string;
  reason: string | null;
}

export interface InspectionsTable {
  id: Generated<string>;
  planId: string | null;
  entityId: string;
  unitId: string;
  unitPath: string;
  type: string;
  mode: string;
  status: Generated<string>;
  teamIds: string[];
  agencyId: string | null;
  agencyStaffIds: Generated<string[]>;
  scheduledOn: Day;
  majorTask: Json<MajorTaskJson> | null;
  place: string | null;
  startedAt: Timestamp | null;
  endedAt: Timestamp | null;
  checklistAsOf: Day | null;
  ruleSets: Json<RuleSetRefJson[]> | null;
  ruleWarnings: Json<unknown[]> | null;
  measuresTaken: Generated<string[]>;
  guidance: string | null;
  cancelReason: string | null;
  closedAt: Timestamp | null;
  createdBy: string | null;
  isDemo: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
}

export interface InspectionNoticesTable {
  id: Generated<string>;
  inspectionId: string;
  unitPath: string;
  entityId: string;
  docNumber: string;
  status: Generated<string>;
  issuedAt: Timestamp;
  issuedBy: string | null;
  inspectionOn: Day;
  windowEnd: Day | null;
  scopeText: string;
  basis: string;
  team: Json<NoticeTeamJson>;
  toPrepare: Generated<string[]>;
  contact: string | null;
  portalDeliveredAt: Timestamp | null;
  servedAt: Timestamp | null;
  serviceMethod: string | null;
  receipt: Json<ReceiptJson> | null;
}

export interface InspectionItemsTable {
  id: Generated<string>;
  inspectionId: string;
  unitPath: string;
  seq: number;
  itemKey: string;
  ruleSetId: string;
  ruleSetVersion: string;
  snapshot: Json<ItemSnapshotJson>;
  result: Generated<string>;
  note: string | null;
  updatedBy: string | null;
  updatedAt: Timestamp | null;
}

export interface InspectionRecordsTable {
  id: Generated<string>;
  inspectionId: string;
  unitPath: string;
  entityId: string;
  mode: string;
  version: number;
  previousId: string | null;
  docNumber: string;
  content: string;
  contentSha256: string;
  correctionReason: string | null;
  status: Generated<string>;
  objection: string | null;
  objectionBy: string | null;
  objectionAt: Timestamp | null;
  refusal: Json<RefusalJson> | null;
  frozenAt: Timestamp | null;
  createdBy: string | null;
  createdAt: CreatedAt;
}

export interface RecordSignaturesTable {
  id: Generated<string>;
  recordId: string;
  unitPath: string;
  role: string;
  userId: string | null;
  signerName: string;
  signerPost: string | null;
  credentialNumber: string | null;
  imagePng: string;
  imageSha256: string;
  contentSha256: string;
  signedAt: Timestamp;
  recordedBy: string | null;
}

export interface FindingsTable {
  id: Generated<string>;
  inspectionId: string;
  recordId: string;
  itemId: string | null;
  unitPath: string;
  entityId: string;
  seq: number;
  category: string;
  severity: string;
  description: string;
  itemKey: string | null;
  citation: Json<ItemSnapshotJson['citation']> | null;
  basisText: string | null;
  penaltyTopic: string | null;
  status: Generated<string>;
  createdBy: string | null;
  createdAt: CreatedAt;
}

export interface RectificationNoticesTable {
  id: Generated<string>;
  inspectionId: string;
  unitId: string;
  unitPath: string;
  entityId: string;
  round: number;
  previousId: string | null;
  docNumber: string;
  recordDocNumber: string;
  inspectedOn: Day;
  deadline: Day;
  orderBasis: string;
  measures: Generated<string[]>;
  status: Generated<string>;
  issuedAt: Timestamp;
  issuedBy: string | null;
  portalDeliveredAt: Timestamp | null;
  servedAt: Timestamp | null;
  serviceMethod: string | null;
  receipt: Json<ReceiptJson> | null;
}

export interface RectificationNoticeFindingsTable {
  noticeId: string;
  findingId: string;
  measure: string | null;
}

export interface RectificationReportsTable {
  id: Generated<string>;
  noticeId: string;
  inspectionId: string;
  unitPath: string;
  entityId: string;
  content: string;
  submittedVia: string;
  submittedBy: string | null;
  submittedAt: Timestamp;
}

export interface ReInspectionsTable {
  id: Generated<string>;
  inspectionId: string;
  noticeId: string;
  unitId: string;
  unitPath: string;
  entityId: string;
  docNumber: string;
  conductedOn: Day;
  officerIds: string[];
  opinion: string;
  allRectified: boolean;
  createdBy: string | null;
  createdAt: CreatedAt;
}

export interface ReInspectionResultsTable {
  reInspectionId: string;
  findingId: string;
  rating: string;
  note: string | null;
}

export interface InspectionEvidenceTable {
  id: Generated<string>;
  inspectionId: string;
  itemId: string | null;
  rectificationNoticeId: string | null;
  rectificationReportId: string | null;
  unitPath: string;
  entityId: string;
  purpose: string;
  sha256: string;
  sizeBytes: number;
  contentType: string;
  fileName: string;
  uploadedBy: string | null;
  uploadedAt: Timestamp;
}

/** A scan finding promoted into a remote-detection inspection: the item it cites and the evidence the record cites. */
export interface InspectionScanFindingsTable {
  id: Generated<string>;
  inspectionId: string;
  itemId: string;
  unitPath: string;
  entityId: string;
  scanId: string;
  taskId: string;
  siteId: string;
  scanFindingId: string;
  hostname: string;
  checkId: string;
  result: string;
  severity: string;
  confidence: string;
  cites: string[];
  evidence: string[];
  evidenceDigest: string;
  requestLogSha256: string | null;
  scanDigest: string | null;
  scannedAt: Timestamp | null;
  promotedBy: string | null;
  promotedAt: Timestamp;
}

export type AttendeeJson = { name: string; post: string };
export type PersonFineJson = { name: string; post?: string | null; amount: number };

export interface WarningTalksTable {
  id: Generated<string>;
  inspectionId: string | null;
  entityId: string;
  unitId: string;
  unitPath: string;
  docNumber: string;
  heldAt: Timestamp;
  place: string;
  officerIds: string[];
  attendees: Json<AttendeeJson[]>;
  reason: string;
  basis: string;
  problems: string;
  demands: string;
  deadline: Day | null;
  entityStatement: string | null;
  createdBy: string | null;
  isDemo: Generated<boolean>;
  createdAt: CreatedAt;
}

export interface PenaltiesTable {
  id: Generated<string>;
  inspectionId: string | null;
  entityId: string;
  unitId: string;
  unitPath: string;
  findingIds: Generated<string[]>;
  topicKey: string;
  tier: string;
  subject: string;
  violationDate: Day;
  legalBasis: Json<Record<string, unknown>>;
  measures: Generated<string[]>;
  fineAmount: Money | null;
  personFines: Json<PersonFineJson[]>;
  facts: string;
  evidenceSummary: string | null;
  status: Generated<string>;
  proposedBy: string | null;
  reviewResult: string | null;
  reviewComment: string | null;
  reviewedBy: string | null;
  reviewedAt: Timestamp | null;
  intentNotifiedAt: Timestamp | null;
  hearingOffered: boolean | null;
  docNumber: string | null;
  decidedAt: Timestamp | null;
  decidedBy: string | null;
  paymentDeadline: Day | null;
  servedAt: Timestamp | null;
  serviceMethod: string | null;
  executedAt: Timestamp | null;
  challengedAt: Timestamp | null;
  challengeKind: string | null;
  closedAt: Timestamp | null;
  closeNote: string | null;
  isDemo: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
}

export interface CaseCluesTable {
  id: Generated<string>;
  inspectionId: string | null;
  entityId: string | null;
  unitId: string;
  unitPath: string;
  title: string;
  facts: string;
  suspectedOffence: string | null;
  receivingUnit: string;
  status: Generated<string>;
  draftedBy: string | null;
  approvedBy: string | null;
  approvedAt: Timestamp | null;
  sentAt: Timestamp | null;
  acknowledgedAt: Timestamp | null;
  acknowledgement: string | null;
  cancelReason: string | null;
  isDemo: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
}

export interface DocumentCountersTable {
  unitId: string;
  kind: string;
  year: number;
  lastNumber: number;
}

export interface DocumentNumbersTable {
  id: Generated<string>;
  unitId: string;
  unitPath: string;
  kind: string;
  year: number;
  seq: number;
  docNumber: string;
  status: Generated<string>;
  targetType: string;
  targetId: string;
  issuedAt: Timestamp;
  issuedBy: string | null;
  voidedAt: Timestamp | null;
  voidedBy: string | null;
  voidReason: string | null;
}

export interface InspectionTables {
  inspectionPlans: InspectionPlansTable;
  inspectionPlanTargets: InspectionPlanTargetsTable;
  inspections: InspectionsTable;
  inspectionNotices: InspectionNoticesTable;
  inspectionItems: InspectionItemsTable;
  inspectionRecords: InspectionRecordsTable;
  recordSignatures: RecordSignaturesTable;
  findings: FindingsTable;
  rectificationNotices: RectificationNoticesTable;
  rectificationNoticeFindings: RectificationNoticeFindingsTable;
  rectificationReports: RectificationReportsTable;
  reInspections: ReInspectionsTable;
  reInspectionResults: ReInspectionResultsTable;
  inspectionEvidence: InspectionEvidenceTable;
  inspectionScanFindings: InspectionScanFindingsTable;
  warningTalks: WarningTalksTable;
  penalties: PenaltiesTable;
  caseClues: CaseCluesTable;
  documentCounters: DocumentCountersTable;
  documentNumbers: DocumentNumbersTable;
}
