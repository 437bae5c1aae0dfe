import type { ColumnType, Generated } from 'kysely';

/** A timestamptz column: Date out, Date or ISO string in. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** jsonb column holding T. */
export type Json<T> = ColumnType<T, string | T, string | T>;

export interface UnitsTable {
  id: Generated<string>;
  parentId: string | null;
  path: string;
  level: 'ministry' | 'province' | 'city' | 'county' | 'station';
  name: string;
  regionCode: string;
  docPrefix: string | null;
  isDemo: Generated<boolean>;
  createdAt: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  displayName: string;
  kind: 'staff' | 'portal' | 'agency';
  unitId: string;
  unitPath: string;
  roles: string[];
  entityId: string | null;
  agencyId: string | null;
  credentialNumber: string | null;
  passwordHash: string;
  passwordChangedAt: Generated<Date>;
  mustChangePassword: Generated<boolean>;
  totpSecretEnc: string | null;
  totpPendingEnc: string | null;
  recoveryCodeHashes: Generated<string[]>;
  failedLogins: Generated<number>;
  lockedUntil: Timestamp | null;
  status: Generated<'active' | 'disabled'>;
  isDemo: Generated<boolean>;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
}

export interface SessionsTable {
  id: string;
  userId: string;
  csrfToken: string;
  mfaPassed: boolean;
  createdAt: CreatedAt;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  revokedAt: Timestamp | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: Timestamp;
  actorId: string | null;
  actorName: string;
  unitId: string | null;
  unitPath: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  summary: Json<Record<string, unknown>>;
  ip: string | null;
  source: string;
  prevHash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface CoreTables {
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  auditLog: AuditLogTable;
  auditChainHead: AuditChainHeadTable;
}
