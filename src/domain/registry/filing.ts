import { z } from 'zod';
import type { FieldCipher } from '../crypto';
import { ZCalendarDay } from '../../rules/schema';
import type { SealedPeople } from '../../store/tables/registry';
import type { EntityRow } from '../../store/registry.store';
import { ZEntityCore, type EntityCore } from './entity';
import { mergeSealedPeople, openPeople, personRoles, ZPeople, type PlainPeople } from './personal-data';

/** Public-security filing (公安联网备案) states (domain.md §5.1). */
export const ZFilingStatus = z.enum(['draft', 'submitted', 'returned', 'approved', 'changeSubmitted', 'cancelled']);
export type FilingStatus = z.infer<typeof ZFilingStatus>;

/**
 * draft → submitted → approved | returned → submitted; approved → changeSubmitted → approved |
 * returned; approved → cancelled. A returned change is resubmitted as a change (it keeps its number).
 */
export const filingTransitions = {
  draft: ['submitted'],
  submitted: ['approved', 'returned'],
  returned: ['submitted', 'changeSubmitted'],
  approved: ['changeSubmitted', 'cancelled'],
  changeSubmitted: ['approved', 'returned'],
  cancelled: [],
} as const satisfies Record<FilingStatus, readonly FilingStatus[]>;

/**
 * The proposed entity data. People may be left out: an omitted person keeps the value already
 * on file (the submitter only ever sees it masked), null removes it.
 */
export const ZFilingPayload = ZEntityCore.extend({
  serviceStartDate: ZCalendarDay.nullable().default(null),
  isCii: z.boolean().default(false),
  isCounterTerrorTarget: z.boolean().default(false),
  providesPublicInfoService: z.boolean().default(false),
  people: ZPeople.default({}),
});
export type FilingPayload = z.infer<typeof ZFilingPayload>;

/** The payload as stored: personal data sealed. */
const ZSealedPerson = z.object({ name: z.string().optional(), phone: z.string().optional(), idNumber: z.string().optional() });
export const ZStoredPayload = ZEntityCore.omit({ people: true }).extend({
  people: z.object({ legalRepresentative: ZSealedPerson.optional(), securityOfficer: ZSealedPerson.optional(), contact: ZSealedPerson.optional() }),
});
export type StoredPayload = z.infer<typeof ZStoredPayload>;

/** The entity's current data as a payload: where a new filing starts. */
export function snapshotOf(entity: EntityRow): StoredPayload {
  return {
    kind: entity.kind as StoredPayload['kind'],
    type: entity.type as StoredPayload['type'],
    name: entity.name,
    uscc: entity.uscc,
    address: entity.address,
    regionCode: entity.regionCode,
    serviceStartDate: entity.serviceStartDate,
    isCii: entity.isCii,
    isCounterTerrorTarget: entity.isCounterTerrorTarget,
    providesPublicInfoService: entity.providesPublicInfoService,
    people: entity.people,
  };
}

/** Overlays a proposed payload on the stored one, sealing new personal data. */
export function mergePayload(cipher: FieldCipher, base: StoredPayload, proposed: FilingPayload): StoredPayload {
  const { people, ...fields } = proposed;
  return { ...fields, people: mergeSealedPeople(cipher, base.people as SealedPeople, people) };
}

export function parseStoredPayload(raw: unknown): StoredPayload {
  return ZStoredPayload.parse(raw);
}

export type OpenPayload = Omit<EntityCore, 'people'> & { people: PlainPeople };

export function openPayload(cipher: FieldCipher, stored: StoredPayload): OpenPayload {
  return { ...stored, people: openPeople(cipher, stored.people as SealedPeople) };
}

/** Fields whose value differs between two payloads (personal data compared by role presence only). */
export function changedFields(a: StoredPayload, b: StoredPayload): string[] {
  const keys = ['kind', 'type', 'name', 'uscc', 'address', 'regionCode', 'serviceStartDate', 'isCii', 'isCounterTerrorTarget', 'providesPublicInfoService'] as const;
  const out: string[] = keys.filter((k) => a[k] !== b[k]);
  for (const r of personRoles) if (JSON.stringify(a.people[r] ?? null) !== JSON.stringify(b.people[r] ?? null)) out.push(`people.${r}`);
  return out;
}
