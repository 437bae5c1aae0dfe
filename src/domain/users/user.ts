import { z } from 'zod';
import { ZRole, type Role } from '../access';
import { AppError } from '../errors';

export const ZUsername = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9_.-]{2,31}$/, '3–32 characters: a–z, 0–9, _ . -');
export const ZCredentialNumber = z.string().trim().regex(/^[0-9A-Z]{6,12}$/, '执法证号: 6–12 digits or capital letters');

const adminRoles: readonly Role[] = ['systemAdmin', 'securityAdmin', 'auditAdmin'];

/**
 * 三员分立: one person holds at most one of the three admin roles and no business role beside
 * it; portal and agency accounts hold exactly their own role.
 */
export function assertRoleSetAllowed(kind: 'staff' | 'portal' | 'agency', roles: readonly Role[]): void {
  const unique = new Set(roles);
  if (kind === 'portal' && (unique.size !== 1 || !unique.has('portalUser'))) {
    throw new AppError('RULE_VIOLATION', 'a portal account holds exactly the portalUser role', { field: 'roles' });
  }
  if (kind === 'agency' && (unique.size !== 1 || !unique.has('agencyStaff'))) {
    throw new AppError('RULE_VIOLATION', 'an agency account holds exactly the agencyStaff role', { field: 'roles' });
  }
  if (kind === 'staff' && (unique.has('portalUser') || unique.has('agencyStaff'))) {
    throw new AppError('RULE_VIOLATION', 'staff accounts cannot hold portal or agency roles', { field: 'roles' });
  }
  const admins = [...unique].filter((r) => adminRoles.includes(r));
  if (admins.length > 1 || (admins.length === 1 && unique.size > 1)) {
    throw new AppError('RULE_VIOLATION', 'separation of duties: an administrator role cannot be combined with any other role', { field: 'roles' });
  }
}

export const ZRoles = z.array(ZRole).max(6);

export type UserView = {
  id: string;
  username: string;
  displayName: string;
  kind: 'staff' | 'portal' | 'agency';
  unitId: string;
  roles: string[];
  entityId: string | null;
  agencyId: string | null;
  credentialNumber: string | null;
  status: 'active' | 'disabled';
  totpEnabled: boolean;
  lockedUntil: string | null;
  isDemo: boolean;
  createdAt: string;
};
