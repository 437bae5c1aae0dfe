// API views of the inspection module, as src/http/presenters/inspections.ts presents them.
export const inspectionStatuses = [
  'planned', 'notified', 'inProgress', 'recordSigning', 'recordFrozen', 'findingsConfirmed', 'closedCompliant', 'riskNoted', 'closedGuided',
  'rectificationOrdered', 'rectificationReported', 'reInspected', 'closedRectified', 'escalated', 'closedEscalated', 'cancelled',
] as const;
export type InspectionStatus = (typeof inspectionStatuses)[number];
export const planStatuses = ['draft', 'submitted', 'returned', 'approved', 'inProgress', 'completed', 'cancelled'] as const;
export const inspectionTypes = ['routine', 'focus', 'special', 'adHoc'] as const;
export const inspectionModes = ['onSite', 'remote'] as const;
export const itemResults = ['compliant', 'nonCompliant', 'notApplicable', 'notChecked'] as const;
export type ItemResult = (typeof itemResults)[number];

/** Colours of the inspection statuses on tags and the board. */
export const inspectionStatusColors: Record<string, 'success' | 'processing' | 'error' | 'warning' | 'default' | 'blue' | 'purple' | 'cyan' | 'gold' | 'magenta' | 'volcano'> = {
  planned: 'default', notified: 'blue', inProgress: 'processing', recordSigning: 'cyan', recordFrozen: 'purple', findingsConfirmed: 'gold',
  closedCompliant: 'success', riskNoted: 'warning', closedGuided: 'success', rectificationOrdered: 'volcano', rectificationReported: 'blue',
  reInspected: 'gold', closedRectified: 'success', escalated: 'magenta', closedEscalated: 'default', cancelled: 'default',
};

export type RuleSetRef = { id: string; version: string; contentHash: string };

export type InspectionView = {
  id: string;
  planId: string | null;
  entityId: string;
  unitId: string;
  type: string;
  mode: 'onSite' | 'remote';
  status: InspectionStatus;
  teamIds: string[];
  agencyId: string | null;
  agencyStaffIds: string[];
  scheduledOn: string;
  majorTask: { name: string; from: string; to: string } | null;
  place: string | null;
  startedAt: string | null;
  endedAt: string | null;
  checklistAsOf: string | null;
  ruleSets: RuleSetRef[] | null;
  measuresTaken: string[];
  guidance: string | null;
  cancelReason: string | null;
  closedAt: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
};

export type InspectionListItem = InspectionView & { entityName: string; entityUscc: string; overdue: boolean; openDeadline: string | null };

export type NoticeView = {
  id: string;
  docNumber: string;
  status: string;
  issuedAt: string;
  inspectionOn: string;
  windowEnd: string | null;
  scopeText: string;
  basis: string;
  team: { userId: string; name: string; credentialNumber: string }[];
  toPrepare: string[];
  contact: string | null;
  portalDeliveredAt: string | null;
  servedAt: string | null;
  serviceMethod: string | null;
};

export type SignatureView = {
  id: string;
  role: 'officer' | 'entity' | 'agency';
  userId: string | null;
  signerName: string;
  signerPost: string | null;
  credentialNumber: string | null;
  contentSha256: string;
  imagePng?: string;
  signedAt: string;
};

export type RecordView = {
  id: string;
  inspectionId: string;
  mode: string;
  version: number;
  previousId: string | null;
  docNumber: string;
  content: string;
  contentSha256: string;
  correctionReason: string | null;
  status: 'signing' | 'frozen' | 'superseded';
  objection: string | null;
  objectionAt: string | null;
  refusal: { reason: string; notedBy: string[]; notedAt: string } | null;
  frozenAt: string | null;
  createdAt: string;
  signatures: SignatureView[];
  missing: string[];
};

export type FindingView = {
  id: string;
  seq: number;
  category: 'violation' | 'securityRisk' | 'hiddenDanger';
  severity: 'H' | 'M' | 'L';
  description: string;
  itemKey: string | null;
  basisText: string | null;
  penaltyTopic: string | null;
  status: string;
};

export type RectificationNoticeView = {
  id: string;
  inspectionId: string;
  entityId: string;
  entityName?: string;
  round: number;
  docNumber: string;
  deadline: string;
  status: 'issued' | 'reported' | 'reInspected';
  overdue: boolean;
  issuedAt: string;
  servedAt: string | null;
  measures: string[];
};

export type ReportView = { id: string; noticeId: string; content: string; submittedVia: string; submittedAt: string };
export type ReInspectionView = { id: string; noticeId: string; docNumber: string; conductedOn: string; opinion: string; allRectified: boolean; results: { findingId: string; rating: string; note: string | null }[] };
export type TalkView = { id: string; docNumber: string; heldAt: string; place: string; attendees: { name: string; post: string }[]; reason: string; demands: string; deadline: string | null };
export type PenaltyView = { id: string; status: string; topicKey: string; tier: string; fineAmount: number | null; measures: string[]; docNumber: string | null; legalBasis: { citationText?: string } & Record<string, unknown> };
export type ClueView = { id: string; title: string; status: string; receivingUnit: string };
export type TimelineEntry = { seq: number; at: string; action: string; targetType: string; from: string | null; to: string | null; reason: string | null; actorName: string | null };

/** A scan finding promoted into this (remote) inspection; evidence under /api/scans/:scanId/evidence/:sha256. */
export type ScanFindingLinkView = {
  scanFindingId: string; itemId: string; itemKey: string | null; scanId: string; siteId: string; hostname: string; checkId: string;
  result: string; severity: string; evidence: string[]; evidenceDigest: string; requestLogSha256: string | null; scanDigest: string | null; promotedAt: string;
};

export type InspectionDetail = {
  inspection: InspectionView;
  entity: { id: string; name: string; uscc: string; address: string; kind: string; type: string } | null;
  plan: { id: string; title: string; status: string } | null;
  notice: NoticeView | null;
  team: { id: string; name: string; credentialNumber: string | null }[];
  agencyStaff: { id: string; name: string }[];
  checklist: Record<string, number>;
  records: RecordView[];
  findings: FindingView[];
  scanFindings: ScanFindingLinkView[];
  rectificationNotices: RectificationNoticeView[];
  reports: ReportView[];
  reInspections: ReInspectionView[];
  talks: TalkView[];
  penalties: PenaltyView[];
  clues: ClueView[];
  overdue: boolean;
  timeline: TimelineEntry[];
};

export type ItemView = {
  id: string;
  seq: number;
  itemKey: string;
  ruleSetId: string;
  ruleSetVersion: string;
  text: { zh: string; en: string };
  citation: { document?: string; article?: string | null; clause?: string | null };
  severity: string;
  evidenceExpected: { zh: string; en: string };
  reason: string;
  result: ItemResult;
  note: string | null;
};

export type EvidenceView = { id: string; itemId: string | null; sha256: string; sizeBytes: number; contentType: string; fileName: string; uploadedAt: string };
export type ChecklistView = { inspection: InspectionView; items: ItemView[]; evidence: EvidenceView[] };

export type PlanView = {
  id: string;
  title: string;
  type: string;
  period: string | null;
  mode: string;
  basis: string;
  scopeText: string;
  startsOn: string;
  endsOn: string;
  teamIds: string[];
  status: string;
  createdBy: string | null;
  reviewComment: string | null;
  targetCount?: number;
  createdAt: string;
};
export type PlanDetail = {
  plan: PlanView;
  targets: { entityId: string; entityName: string; uscc: string; reason: string | null }[];
  team: { id: string; name: string; credentialNumber: string | null }[];
  inspections: { id: string; entityId: string; entityName: string; mode: string; status: string }[];
};
