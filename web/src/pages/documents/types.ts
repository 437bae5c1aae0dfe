// API views of the documents module (src/http/presenters/documents.ts, src/domain/documents/verify-document.ts).
export const documentKinds = [
  'inspectionNotice', 'onSiteRecord', 'remoteRecord', 'rectificationNotice',
  'reInspectionOpinion', 'warningTalkRecord', 'penaltyDecision', 'inspectionReport',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export type DocumentView = {
  id: string;
  unitId: string;
  kind: DocumentKind;
  title: string;
  docNumber: string | null;
  status: 'issued' | 'voided';
  subjectType: string;
  subjectId: string;
  inspectionId: string | null;
  entityId: string | null;
  partyName: string;
  issueDate: string;
  issuedAt: string;
  issuedBy: string | null;
  contentHash: string;
  pdfSha256: string;
  pdfSize: number;
  voidedAt: string | null;
  voidedBy: string | null;
  voidedReason: string | null;
  printCount: number;
  batchId: string | null;
  isDemo: boolean;
};

export type PrintView = { id: string; purpose: 'download' | 'reprint'; reason: string | null; printedAt: string; printedBy: string | null; printedByName: string | null };
export type DocumentDetailView = DocumentView & { prints: PrintView[] };

export type VerifyResultCode = 'valid' | 'voided' | 'modified' | 'mismatch' | 'tampered' | 'unknown' | 'noStamp';
export type Verification = {
  valid: boolean;
  result: VerifyResultCode;
  docNumber: string | null;
  kind: DocumentKind | null;
  title: string | null;
  issuedAt: string | null;
  issueDate: string | null;
  status: 'issued' | 'voided' | null;
  exactCopy: boolean;
  detail: string;
};

/** The lists with an XLSX export: GET /api/exports/<list>.xlsx?<the list's filters>. */
export type ExportList = 'inspections' | 'findings' | 'rectification-notices' | 'penalties';
