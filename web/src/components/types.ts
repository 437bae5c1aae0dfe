// API views of the core module (users, units, audit), as the server presents them.
import type { Permission, Role } from '../../../src/domain/access';

export type { Permission, Role };
export type UnitLevel = 'ministry' | 'province' | 'city' | 'county' | 'station';

export type UserView = {
  id: string;
  username: string;
  displayName: string;
  kind: 'staff' | 'portal' | 'agency';
  unitId: string;
  roles: Role[];
  entityId: string | null;
  agencyId: string | null;
  credentialNumber: string | null;
  status: 'active' | 'disabled';
  totpEnabled: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  isDemo: boolean;
  createdAt: string;
};

export type UnitView = {
  id: string;
  parentId: string | null;
  path: string;
  level: UnitLevel;
  name: string;
  regionCode: string;
  docPrefix: string | null;
  isDemo: boolean;
};

export type Session = {
  user: UserView;
  unit: { id: string; name: string; level: UnitLevel; path: string; regionCode: string; isDemo?: boolean };
  permissions: Permission[];
  csrfToken: string;
};

export type AuditEntryView = {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  unitId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  summary: Record<string, unknown>;
  ip: string | null;
  source: string;
  hash: string;
};

export type AuditVerifyResult = { ok: boolean; entries: number; brokenAtSeq?: number; problem?: string; detail?: string };
