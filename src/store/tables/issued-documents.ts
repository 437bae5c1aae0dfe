import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from './core';

/** A `date` column: a 'YYYY-MM-DD' calendar day both ways. */
type Day = string;

export type BatchItemJson = { kind: string; subjectId: string };
export type BatchErrorJson = { index: number; subjectId: string; code: string; message: string };

export interface IssuedDocumentsTable {
  id: Generated<string>;
  unitId: string;
  unitPath: string;
  kind: string;
  title: string;
  docNumber: string | null;
  numberId: string | null;
  subjectType: string;
  subjectId: string;
  inspectionId: string | null;
  entityId: string | null;
  partyName: string;
  issueDate: Day;
  /** The exact data rendered (what the content hash covers). */
  content: Json<Record<string, unknown>>;
  contentHash: string;
  /** The unit template as printed, so a reprint is the same document. */
  template: Json<Record<string, unknown>>;
  pdfSha256: string;
  pdfSize: number;
  status: Generated<string>;
  issuedBy: string | null;
  issuedAt: Timestamp;
  voidedBy: string | null;
  voidedAt: Timestamp | null;
  voidedReason: string | null;
  printCount: Generated<number>;
  batchId: string | null;
  isDemo: Generated<boolean>;
}

export interface IssuedDocumentFilesTable {
  documentId: string;
  pdf: ColumnType<Buffer, Buffer, never>;
}

export interface DocumentPrintsTable {
  id: Generated<string>;
  documentId: string;
  unitPath: string;
  purpose: 'download' | 'reprint';
  reason: string | null;
  printedBy: string | null;
  printedAt: Timestamp;
}

export interface DocumentBatchesTable {
  id: Generated<string>;
  unitId: string;
  unitPath: string;
  requestedBy: string | null;
  items: Json<BatchItemJson[]>;
  total: number;
  done: Generated<number>;
  failed: Generated<number>;
  errors: Json<BatchErrorJson[]>;
  status: Generated<string>;
  createdAt: Timestamp;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
}

export interface DocumentTemplatesTable {
  unitId: string;
  unitPath: string;
  template: Json<Record<string, unknown>>;
  updatedBy: string | null;
  updatedAt: Timestamp;
}

export interface IssuedDocumentTables {
  issuedDocuments: IssuedDocumentsTable;
  issuedDocumentFiles: IssuedDocumentFilesTable;
  documentPrints: DocumentPrintsTable;
  documentBatches: DocumentBatchesTable;
  documentTemplates: DocumentTemplatesTable;
}
