// API views of the registry module, as src/http/presenters/registry.ts presents them.
export const entityKinds = ['serviceProvider', 'networkUser'] as const;
export const entityTypes = ['isp', 'idc', 'cdn', 'dns', 'icp', 'publicAccess', 'school', 'hospital', 'government', 'enterprise', 'other'] as const;
export const entityStatuses = ['registered', 'active', 'suspended', 'closed'] as const;
export const serviceTypes = ['access', 'idc', 'cdn', 'dns', 'icp', 'publicAccess', 'other'] as const;
export const personRoles = ['legalRepresentative', 'securityOfficer', 'contact'] as const;
export const icpFeatures = ['news', 'publishing', 'bbs', 'portal', 'ecommerce', 'email', 'sms', 'appStore'] as const;
export const mlpsStatuses = ['graded', 'expertReviewed', 'supervisorApproved', 'filed', 'evaluated'] as const;
export const filingStatuses = ['draft', 'submitted', 'returned', 'approved', 'changeSubmitted', 'cancelled'] as const;

export type EntityKind = (typeof entityKinds)[number];
export type EntityType = (typeof entityTypes)[number];
export type EntityStatus = (typeof entityStatuses)[number];
export type ServiceType = (typeof serviceTypes)[number];
export type PersonRole = (typeof personRoles)[number];
export type MlpsStatus = (typeof mlpsStatuses)[number];
export type FilingStatus = (typeof filingStatuses)[number];

/** Entity status moves (domain: registered → active ⇄ suspended → closed). */
export const entityTransitions: Record<EntityStatus, EntityStatus[]> = {
  registered: ['active'],
  active: ['suspended'],
  suspended: ['active', 'closed'],
  closed: [],
};
export const mlpsNext: Record<MlpsStatus, MlpsStatus | null> = {
  graded: 'expertReviewed',
  expertReviewed: 'supervisorApproved',
  supervisorApproved: 'filed',
  filed: 'evaluated',
  evaluated: 'evaluated',
};

export type PersonView = { name: string | null; phone: string | null; idNumber: string | null } | null;
export type PeopleView = Record<PersonRole, PersonView>;

export type EntityListItem = {
  id: string;
  unitId: string;
  kind: EntityKind;
  type: EntityType;
  name: string;
  uscc: string;
  address: string;
  regionCode: string;
  serviceStartDate: string | null;
  status: EntityStatus;
  isCii: boolean;
  isCounterTerrorTarget: boolean;
  providesPublicInfoService: boolean;
  serviceTypes: ServiceType[];
  focusReasons: string[] | null;
  psbFilingNumber: string | null;
  psbFilingDisplay: string | null;
  version: number;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
};
export type EntityView = EntityListItem & { people: PeopleView; mlps: { total: number; level3Plus: number } };

export type ServiceView = { id: string; entityId: string; type: ServiceType; startDate: string; endDate: string | null; attributes: Record<string, unknown>; createdAt: string; updatedAt: string };
export type SiteView = {
  id: string; entityId: string; kind: 'website' | 'app' | 'ipRange'; name: string | null; hostname: string | null; ips: string[]; ports: number[];
  icpFilingNumber: string | null; psbFilingNumber: string | null; attributes: Record<string, unknown>; status: 'active' | 'closed'; createdAt: string; updatedAt: string;
};
export type MlpsView = {
  id: string; entityId: string; name: string; level: number; status: MlpsStatus; gradedOn: string | null; expertReviewedOn: string | null;
  approvedOn: string | null; filedOn: string | null; certificateNumber: string | null; lastEvaluatedOn: string | null; nextEvaluationDue: string | null;
  createdAt: string; updatedAt: string;
};
export type HistoryView = {
  id: string; entityId: string; kind: 'incident' | 'case' | 'penalty'; occurredOn: string; category: string; severity: string | null; status: string | null;
  caseKind: string | null; authority: string | null; decisionNumber: string | null; description: string | null; createdAt: string; updatedAt: string;
};
export type FilingListItem = {
  id: string; entityId: string; entityName?: string; entityUscc?: string; status: FilingStatus; filingNumber: string | null; filingDisplay: string | null;
  returnReasons: string[]; version: number; submittedAt: string | null; reviewedAt: string | null; approvedAt: string | null; createdAt: string; updatedAt: string;
};
export type FilingPayloadView = Omit<EntityListItem, 'id' | 'unitId' | 'status' | 'serviceTypes' | 'focusReasons' | 'psbFilingNumber' | 'psbFilingDisplay' | 'version' | 'isDemo' | 'createdAt' | 'updatedAt'> & { people: PeopleView };
export type FilingView = FilingListItem & {
  payload: FilingPayloadView;
  versions: { version: number; status: FilingStatus; reasons: string[]; filingNumber: string | null; actorName: string; at: string }[];
};
export type ImportReport = {
  mode: 'all' | 'valid'; fileName: string; sha256: string; totalRows: number; validRows: number; rejectedRows: number; written: number; committed: boolean;
  issues: { row: number; column: string | null; field: string | null; message: string }[]; moreIssues: number;
};
