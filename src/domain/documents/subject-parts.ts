import type { DocumentTemplate } from '../../documents/template';
import type { DbOrTx } from '../../store/db';
import * as subjects from '../../store/document-subjects.store';
import type { ReceiptJson, RuleSetRefJson } from '../../store/tables/inspections';
import type { SealedPeople } from '../../store/tables/registry';
import { shanghaiDate } from '../../lib/dates';
import type { Actor } from '../access';
import type { FieldCipher } from '../crypto';
import { AppError } from '../errors';
import type { DocumentKind, SubjectType } from './document';

/** What the issuing use case adds to a subject's data: the number, the date and who issues. */
export type BuildContext = {
  docNumber: string;
  issueDate: string;
  draft: boolean;
  actor: Actor;
  now: Date;
  template: DocumentTemplate;
};

/** A subject found in the caller's scope, ready to turn into a document's data. */
export type LoadedSubject = {
  kind: DocumentKind;
  subjectType: SubjectType;
  subjectId: string;
  unitId: string;
  unitPath: string;
  entityId: string | null;
  inspectionId: string | null;
  isDemo: boolean;
  /** The number the subject already carries (its own use case allocated it), or null: the documents module allocates one. */
  docNumber: string | null;
  /** The subject's own date for the number it carries (the number's year follows it). */
  issueDate: string | null;
  /** Why the subject cannot be issued yet; a preview still renders it as a draft. */
  notReady: string | null;
  build: (ctx: BuildContext) => Promise<Record<string, unknown>>;
};

export type SubjectDeps = { db: DbOrTx; cipher: FieldCipher };

export const day = (d: Date): string => shanghaiDate(d);
export const iso = (d: Date): string => d.toISOString();
/** Fits free text from another module into a document field's limit. */
export const clip = (s: string, max = 200): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
/** Splits a stored multi-line text (basis, problems, demands) into its lines. */
export const lines = (s: string | null | undefined, separators = /\r?\n/): string[] =>
  (s ?? '').split(separators).map((l) => l.trim()).filter(Boolean);

/** The party block: name, USCC, address and the legal representative's name (opened for print). */
export async function partyOf(deps: SubjectDeps, entityId: string) {
  const entity = await subjects.entityById(deps.db, entityId);
  if (!entity) throw new AppError('NOT_FOUND', 'entity not found');
  const sealed = (entity.people ?? {}) as SealedPeople;
  let legalRepresentative: string | undefined;
  const name = sealed.legalRepresentative?.name;
  if (name) {
    try {
      legalRepresentative = deps.cipher.open(name);
    } catch {
      legalRepresentative = undefined; // a value sealed under another key: print the line empty
    }
  }
  return { entity, party: { name: clip(entity.name), uscc: entity.uscc, address: clip(entity.address), legalRepresentative } };
}

/** Officers by user id, in the given order, with their credential numbers (执法证号). */
export async function officersOf(db: DbOrTx, ids: readonly string[]) {
  const rows = await subjects.usersByIds(db, ids);
  return ids.flatMap((id) => {
    const u = rows.find((r) => r.id === id);
    return u ? [{ name: clip(u.displayName, 200), credentialNumber: u.credentialNumber ?? '未登记' }] : [];
  });
}

export async function userName(db: DbOrTx, id: string | null): Promise<string | null> {
  if (!id) return null;
  return (await subjects.userById(db, id))?.displayName ?? null;
}

/** 存根: approved by the leader (the plan's reviewer where there is one, else the issuer), issued by the issuer. */
export function stubOf(input: { approver: string | null; approvedAt: Date | null; issuer: string; issuedAt: Date; servedAt: Date | null }) {
  return {
    approver: input.approver ?? input.issuer,
    approvedAt: iso(input.approvedAt ?? input.issuedAt),
    issuer: input.issuer,
    issuedAt: iso(input.issuedAt),
    servedAt: input.servedAt ? iso(input.servedAt) : undefined,
    copyTo: [],
  };
}

/** 送达回证: filled in once served; blank lines to sign on paper before. */
export function receiptOf(input: { servedAt: Date | null; serviceMethod: string | null; receipt: ReceiptJson | null; place?: string }) {
  const method = (['inPerson', 'portal', 'post', 'left'] as const).find((m) => m === input.serviceMethod) ?? 'inPerson';
  if (!input.servedAt) return { method, place: input.place, servedBy: [] };
  return {
    method,
    place: input.place,
    servedBy: input.receipt?.recordedBy ? [clip(input.receipt.recordedBy)] : [],
    receivedBy: input.receipt?.receivedBy ? { name: clip(input.receipt.receivedBy) } : undefined,
    receivedAt: iso(input.servedAt),
    note: input.receipt?.note ? clip(input.receipt.note, 500) : undefined,
  };
}

/** The first frozen rule set as printed (id and version, content hash). */
export function ruleSetOf(ruleSets: readonly RuleSetRefJson[] | null) {
  const first = ruleSets?.[0];
  return first ? { id: clip(`${first.id} ${first.version}`), contentHash: first.contentHash } : undefined;
}
