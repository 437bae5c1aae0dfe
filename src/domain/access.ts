import { z } from 'zod';
import { AppError } from './errors';

export const ZRole = z.enum([
  'inspector',
  'leader',
  'legalReviewer',
  'statistician',
  'dutyOfficer',
  'systemAdmin',
  'securityAdmin',
  'auditAdmin',
  'portalUser',
  'agencyStaff',
]);
export type Role = z.infer<typeof ZRole>;
export const staffRoles: readonly Role[] = ZRole.options.filter((r) => r !== 'portalUser' && r !== 'agencyStaff');

/** Every permission the system knows. A use case names exactly one; nothing else grants access. */
export const permissions = [
  // organisation and accounts (三员: system admin = accounts, security admin = roles, audit admin = log)
  'unit.read',
  'unit.manage',
  'user.manage',
  'role.assign',
  'audit.read',
  // registry
  'entity.read',
  'entity.write',
  'entity.import',
  'entity.export',
  'personal.reveal',
  'filing.submit',
  'filing.review',
  // rules
  'rules.read',
  'rules.manage',
  'focus.read',
  // inspections
  'plan.create',
  'plan.approve',
  'inspection.read',
  'inspection.record',
  'record.sign',
  'notice.issue',
  'rectification.report',
  'reinspection.record',
  'escalation.propose',
  'escalation.approve', // a leader approves a clue transfer and closes an escalation
  'penalty.review',
  'penalty.decide',
  'selfcheck.submit',
  // documents
  'document.read',
  'document.issue',
  'document.void',
  // remote detection
  'scan.authorise',
  'scan.approve',
  'scan.run',
  'scan.read',
  'scan.review',
  // statistics
  'stats.read',
  // campaigns (专项行动)
  'campaign.read',
  'campaign.manage',
] as const;
export type Permission = (typeof permissions)[number];

const inspectorGrants: Permission[] = [
  'unit.read', 'entity.read', 'entity.write', 'entity.import', 'entity.export', 'personal.reveal',
  'filing.submit', 'filing.review', 'rules.read', 'focus.read', 'plan.create', 'inspection.read',
  'inspection.record', 'record.sign', 'rectification.report', 'reinspection.record', 'escalation.propose',
  'document.read', 'scan.authorise', 'scan.run', 'scan.read', 'scan.review', 'stats.read', 'campaign.read', 'campaign.manage',
];

/** Deny by default: a role gets exactly what its row lists; a new role without a row fails to compile. */
export const grants: Record<Role, readonly Permission[]> = {
  inspector: inspectorGrants,
  leader: [
    'unit.read', 'entity.read', 'entity.export', 'personal.reveal', 'rules.read', 'rules.manage', 'focus.read',
    'plan.create', 'plan.approve', 'inspection.read', 'notice.issue', 'penalty.decide', 'escalation.approve', 'document.read',
    'document.issue', 'document.void', 'scan.approve', 'scan.read', 'stats.read', 'campaign.read', 'campaign.manage',
  ],
  legalReviewer: ['unit.read', 'entity.read', 'rules.read', 'inspection.read', 'penalty.review', 'document.read', 'campaign.read'],
  statistician: ['unit.read', 'entity.read', 'entity.export', 'rules.read', 'focus.read', 'inspection.read', 'stats.read', 'scan.read', 'campaign.read'],
  dutyOfficer: ['unit.read', 'entity.read', 'rules.read', 'inspection.read', 'campaign.read'],
  // 三员分立: none of the three reads business data.
  systemAdmin: ['unit.read', 'unit.manage', 'user.manage'],
  securityAdmin: ['unit.read', 'role.assign'],
  auditAdmin: ['unit.read', 'audit.read'],
  portalUser: ['entity.read', 'filing.submit', 'rules.read', 'inspection.read', 'record.sign', 'rectification.report', 'selfcheck.submit', 'document.read'],
  agencyStaff: ['scan.run', 'scan.read', 'record.sign', 'rules.read'],
};

export type ActorSource = 'web' | 'cli' | 'job' | 'system';

/** Who is acting: built from a session (web), explicitly by the CLI, or by a job from its payload. */
export type Actor = {
  userId: string | null; // null only for the built-in system actor (CLI bootstrap, demo seed)
  username: string;
  displayName: string;
  kind: 'staff' | 'portal' | 'agency' | 'system';
  unitId: string;
  unitPath: string;
  roles: readonly Role[];
  entityId: string | null;
  agencyId: string | null;
  credentialNumber?: string | null;
  ip: string | null;
  source: ActorSource;
  sessionId?: string;
};

export type UnitScope = { kind: 'units'; unitId: string; unitPath: string };
export type EntityScope = { kind: 'entity'; entityId: string; unitPath: string };
export type AgencyScope = { kind: 'agency'; agencyId: string; unitPath: string };
export type Scope = UnitScope | EntityScope | AgencyScope;

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.roles.some((role) => grants[role].includes(permission));
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) {
    throw new AppError('FORBIDDEN', `missing permission ${permission}`, { permission });
  }
}

/** The actor's data scope: staff see their unit's subtree, portal users their entity, agency staff their authorisations. */
export function scopeOf(actor: Actor): Scope {
  if (actor.kind === 'portal') {
    if (!actor.entityId) throw new AppError('FORBIDDEN', 'portal account without an entity');
    return { kind: 'entity', entityId: actor.entityId, unitPath: actor.unitPath };
  }
  if (actor.kind === 'agency') {
    if (!actor.agencyId) throw new AppError('FORBIDDEN', 'agency account without an agency');
    return { kind: 'agency', agencyId: actor.agencyId, unitPath: actor.unitPath };
  }
  return { kind: 'units', unitId: actor.unitId, unitPath: actor.unitPath };
}

/** Narrows to a staff scope; portal and agency accounts never reach staff-only queries. */
export function requireUnitScope(actor: Actor): UnitScope {
  const scope = scopeOf(actor);
  if (scope.kind !== 'units') throw new AppError('FORBIDDEN', 'staff account required');
  return scope;
}

/** True when `path` is the scope's unit or below it. */
export function pathInScope(scopePath: string, path: string): boolean {
  return path.startsWith(scopePath);
}

/** A like-pattern for "this unit and below"; unit paths are [a-z0-9/] so nothing needs escaping. */
export function subtreePattern(unitPath: string): string {
  return `${unitPath}%`;
}
