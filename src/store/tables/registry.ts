import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Json, Timestamp } from './core';

/** A `date` column: a 'YYYY-MM-DD' calendar day both ways. */
type Day = string;

/** Sealed personal data of one person: each value is a FieldCipher.seal() string. */
export type SealedPerson = { name?: string; phone?: string; idNumber?: string };
export type SealedPeople = Partial<Record<'legalRepresentative' | 'securityOfficer' | 'contact', SealedPerson>>;

export interface EntitiesTable {
  id: Generated<string>;
  unitId: string;
  unitPath: string;
  kind: string;
  type: string;
  name: string;
  uscc: string;
  address: string;
  regionCode: string;
  people: Json<SealedPeople>;
  serviceStartDate: Day | null;
  status: Generated<string>;
  isCii: Generated<boolean>;
  isCounterTerrorTarget: Generated<boolean>;
  providesPublicInfoService: Generated<boolean>;
  serviceTypes: Generated<string[]>;
  focusReasons: string[] | null;
  psbFilingNumber: string | null;
  version: Generated<number>;
  isDemo: Generated<boolean>;
  createdBy: string | null;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
}

export interface EntityServicesTable {
  id: Generated<string>;
  entityId: string;
  unitPath: string;
  type: string;
  startDate: Day;
  endDate: Day | null;
  attributes: Json<Record<string, unknown>>;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
}

export interface EntitySitesTable {
  id: Generated<string>;
  entityId: string;
  unitPath: string;
  kind: string;
  name: string | null;
  hostname: string | null;
  ips: Generated<string[]>;
  ports: Generated<number[]>;
  icpFilingNumber: string | null;
  psbFilingNumber: string | null;
  attributes: Json<Record<string, unknown>>;
  status: Generated<string>;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
}

export interface EntityMlpsSystemsTable {
  id: Generated<string>;
  entityId: string;
  unitPath: string;
  name: string;
  level: number;
  status: string;
  gradedOn: Day | null;
  expertReviewedOn: Day | null;
  approvedOn: Day | null;
  filedOn: Day | null;
  certificateNumber: string | null;
  lastEvaluatedOn: Day | null;
  nextEvaluationDue: Day | null;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
}

export interface EntityHistoryTable {
  id: Generated<string>;
  entityId: string;
  unitPath: string;
  kind: string;
  occurredOn: Day;
  category: string;
  severity: string | null;
  status: string | null;
  caseKind: string | null;
  authority: string | null;
  decisionNumber: string | null;
  description: string | null;
  createdBy: string | null;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
}

export interface PsbFilingsTable {
  id: Generated<string>;
  entityId: string;
  unitPath: string;
  status: string;
  filingNumber: string | null;
  payload: Json<Record<string, unknown>>;
  approvedPayload: Json<Record<string, unknown>> | null;
  returnReasons: Generated<string[]>;
  version: Generated<number>;
  createdBy: string | null;
  submittedBy: string | null;
  submittedAt: Timestamp | null;
  reviewedBy: string | null;
  reviewedAt: Timestamp | null;
  approvedAt: Timestamp | null;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
}

export interface PsbFilingVersionsTable {
  filingId: string;
  version: number;
  status: string;
  payload: Json<Record<string, unknown>>;
  reasons: Generated<string[]>;
  filingNumber: string | null;
  actorId: string | null;
  actorName: string;
  at: ColumnType<Date, Date | string | undefined, never>;
}

export interface PsbFilingCountersTable {
  unitId: string;
  year: number;
  lastNumber: number;
}

export interface RegistryTables {
  entities: EntitiesTable;
  entityServices: EntityServicesTable;
  entitySites: EntitySitesTable;
  entityMlpsSystems: EntityMlpsSystemsTable;
  entityHistory: EntityHistoryTable;
  psbFilings: PsbFilingsTable;
  psbFilingVersions: PsbFilingVersionsTable;
  psbFilingCounters: PsbFilingCountersTable;
}
