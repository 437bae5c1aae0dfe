import { z } from 'zod';
import type { UserRow } from '../../store/users.store';

export const ZUserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(['staff', 'portal', 'agency']),
  unitId: z.string(),
  roles: z.array(z.string()),
  entityId: z.string().nullable(),
  agencyId: z.string().nullable(),
  credentialNumber: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  totpEnabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  isDemo: z.boolean(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof ZUserView>;

export function presentUser(u: UserRow): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    kind: u.kind,
    unitId: u.unitId,
    roles: u.roles,
    entityId: u.entityId,
    agencyId: u.agencyId,
    credentialNumber: u.credentialNumber,
    status: u.status,
    totpEnabled: u.totpSecretEnc !== null,
    lockedUntil: u.lockedUntil ? u.lockedUntil.toISOString() : null,
    mustChangePassword: u.mustChangePassword,
    isDemo: u.isDemo,
    createdAt: u.createdAt.toISOString(),
  };
}

/** Standard list envelope for every paginated endpoint. */
export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
}
