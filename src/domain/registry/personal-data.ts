import { z } from 'zod';
import type { FieldCipher } from '../crypto';
import type { SealedPeople, SealedPerson } from '../../store/tables/registry';

/**
 * Personal data held on an entity (Order 151 Art 5: confidential, shown only within scope and
 * need): the legal representative, the network-security responsible person and a contact.
 * Sealed at rest, masked on every way out unless revealed with a reason.
 */
export const personRoles = ['legalRepresentative', 'securityOfficer', 'contact'] as const;
export type PersonRole = (typeof personRoles)[number];
export const ZPersonRole = z.enum(personRoles);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID number. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return '10X98765432'[sum % 11]!;
}

/** GB 11643 resident ID number: 17 digits + check character. */
export function isValidIdNumber(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && idNumberCheckChar(id.slice(0, 17)) === id[17];
}

/** A mainland mobile number or a landline with area code (0527-84201234, 02584201234). */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export const ZPhone = z.string().trim().transform((s) => s.replace(/\s+/g, '')).pipe(z.string().regex(PHONE_PATTERN, 'a mobile number (11 digits) or a landline with area code'));
export const ZIdNumber = z.string().trim().toUpperCase().refine(isValidIdNumber, 'an 18-character resident ID number with a valid check character (GB 11643)');

export const ZPerson = z.strictObject({
  name: z.string().trim().min(1).max(50),
  phone: ZPhone.nullable().optional(),
  idNumber: ZIdNumber.nullable().optional(),
});
export type Person = z.infer<typeof ZPerson>;

export const ZPeople = z.strictObject({
  legalRepresentative: ZPerson.nullable().optional(),
  securityOfficer: ZPerson.nullable().optional(),
  contact: ZPerson.nullable().optional(),
});
export type People = z.infer<typeof ZPeople>;

/** Plain people as the domain hands them to presenters (masked there) or to a reveal. */
export type PlainPerson = { name: string | null; phone: string | null; idNumber: string | null };
export type PlainPeople = Partial<Record<PersonRole, PlainPerson>>;

export function sealPeople(cipher: FieldCipher, people: People | null | undefined): SealedPeople {
  const out: SealedPeople = {};
  if (!people) return out;
  for (const role of personRoles) {
    const p = people[role];
    if (!p) continue;
    const sealed: SealedPerson = { name: cipher.seal(p.name) };
    if (p.phone) sealed.phone = cipher.seal(p.phone);
    if (p.idNumber) sealed.idNumber = cipher.seal(p.idNumber);
    out[role] = sealed;
  }
  return out;
}

/** Merges a partial change: a role set to null is removed, an absent role kept as it was. */
export function mergeSealedPeople(cipher: FieldCipher, current: SealedPeople, change: People): SealedPeople {
  const next: SealedPeople = { ...current };
  const sealed = sealPeople(cipher, change);
  for (const role of personRoles) {
    if (change[role] === null) delete next[role];
    else if (sealed[role]) next[role] = sealed[role];
  }
  return next;
}

export function openPeople(cipher: FieldCipher, sealed: SealedPeople): PlainPeople {
  const out: PlainPeople = {};
  for (const role of personRoles) {
    const p = sealed[role];
    if (!p) continue;
    out[role] = {
      name: p.name ? cipher.open(p.name) : null,
      phone: p.phone ? cipher.open(p.phone) : null,
      idNumber: p.idNumber ? cipher.open(p.idNumber) : null,
    };
  }
  return out;
}

/** 138****5678; landlines keep the area code and the last 4 digits. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** 110105********123X: region and the last 4 characters only. */
export function maskIdNumber(id: string | null): string | null {
  if (!id) return id;
  if (id.length < 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** 张** : the family name only. */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  const chars = [...name];
  return chars.length === 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

export function maskPeople(people: PlainPeople): PlainPeople {
  const out: PlainPeople = {};
  for (const role of personRoles) {
    const p = people[role];
    if (p) out[role] = { name: maskName(p.name), phone: maskPhone(p.phone), idNumber: maskIdNumber(p.idNumber) };
  }
  return out;
}
