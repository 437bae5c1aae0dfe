import { createHash } from 'node:crypto';
import { z } from 'zod';
import { hasPermission, requirePermission, scopeOf, type Actor, type Scope } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import type { Tx } from '../../store/db';
import { isUniqueViolation } from '../../store/pg-errors';
import * as store from '../../store/inspections.store';
import { assertTeamMember, moveInspection } from './lifecycle';
import { ZSignerRole } from './states';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** A handwritten signature from a canvas: a PNG data URL of at most ~300 KB. */
export const ZSignatureImage = z
  .string()
  .max(400_000, 'the signature image is too large')
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/, 'a signature must be a PNG data URL')
  .refine((url) => Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').subarray(0, 8).equals(PNG_MAGIC), 'not a PNG image');

export const ZSignRecordBody = z.object({
  role: ZSignerRole,
  /** SHA-256 of the exact record text the signer was shown: a stale screen cannot sign. */
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  image: ZSignatureImage,
  /** The entity's person signing on the officers' tablet: name and post are required then. */
  signerName: z.string().trim().min(1).max(50).optional(),
  signerPost: z.string().trim().min(1).max(50).optional(),
});

export const ZRefuseBody = z.object({ reason: z.string().trim().min(2).max(1000) });
export const ZObjectionBody = z.object({ text: z.string().trim().min(1).max(5000), contentSha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** Locks the inspection, then the record (always in that order), both in the caller's scope. */
async function lockRecord(trx: Tx, scope: Scope, recordId: string) {
  const seen = await store.findRecord(trx, scope, recordId);
  if (!seen) throw new AppError('NOT_FOUND', 'inspection record not found');
  const inspection = await store.findInspectionByIdForUpdate(trx, seen.inspectionId);
  const record = (await store.findRecordForUpdate(trx, scope, recordId))!;
  if (record.status !== 'signing') throw new AppError('INVALID_STATE', `the record is ${record.status}`, { from: record.status });
  return { inspection, record };
}

/**
 * Signs a record version. Officers sign as themselves (team members with a credential number);
 * the entity signs through its portal account, or its person signs on the officers' tablet;
 * agency staff who took part sign remote records. The last required signature freezes it.
 */
export async function signRecord(deps: Deps, actor: Actor, input: z.infer<typeof ZSignRecordBody> & { recordId: string }) {
  requirePermission(actor, 'record.sign');
  const scope = scopeOf(actor);
  return deps.db.transaction().execute(async (trx) => {
    const { inspection, record } = await lockRecord(trx, scope, input.recordId);
    if (input.contentSha256 !== record.contentSha256) {
      throw new AppError('CONFLICT', 'the record changed since it was shown; read it again before signing', { contentSha256: record.contentSha256 });
    }
    const signer = await resolveSigner(trx, actor, inspection, record, input);
    const now = deps.now();
    const sig = await store
      .insertSignature(trx, {
        recordId: record.id,
        unitPath: record.unitPath,
        role: input.role,
        userId: signer.userId,
        signerName: signer.name,
        signerPost: signer.post,
        credentialNumber: signer.credentialNumber,
        imagePng: input.image,
        imageSha256: createHash('sha256').update(input.image).digest('hex'),
        contentSha256: record.contentSha256,
        signedAt: now,
        recordedBy: actor.userId,
      })
      .catch((err: unknown) => {
        if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'this signer has already signed the record');
        throw err;
      });
    await appendAudit(trx, actor, {
      action: 'record.signed', targetType: 'inspectionRecord', targetId: record.id, unitPath: record.unitPath,
      summary: { inspectionId: inspection.id, role: input.role, signatureId: sig.id, contentSha256: record.contentSha256, onTablet: signer.userId === null },
    });
    const frozen = await freezeIfComplete(trx, actor, inspection, record, now);
    return { signature: sig, frozen };
  });
}

async function resolveSigner(trx: Tx, actor: Actor, inspection: store.InspectionRow, record: store.RecordRow, input: z.infer<typeof ZSignRecordBody>) {
  if (input.role === 'officer') {
    if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'only officers sign as officers');
    assertTeamMember(actor, inspection);
    const [me] = await store.usersByIds(trx, [actor.userId!]);
    if (!me?.credentialNumber) throw new AppError('RULE_VIOLATION', 'an officer signs with a law-enforcement credential number');
    return { userId: me.id, name: me.displayName, post: null, credentialNumber: me.credentialNumber };
  }
  if (input.role === 'agency') {
    if (actor.kind !== 'agency' || !actor.userId || !inspection.agencyStaffIds.includes(actor.userId)) {
      throw new AppError('FORBIDDEN', 'only agency staff who took part sign a remote record');
    }
    return { userId: actor.userId, name: actor.displayName, post: input.signerPost ?? null, credentialNumber: null };
  }
  if (record.mode !== 'onSite') throw new AppError('RULE_VIOLATION', 'a remote record is signed by officers and agency staff, not the entity');
  if (record.refusal) throw new AppError('CONFLICT', 'a refusal to sign is already on the record');
  if (actor.kind === 'portal') {
    return { userId: actor.userId, name: input.signerName ?? actor.displayName, post: input.signerPost ?? null, credentialNumber: null };
  }
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'the entity signs through its portal account or on the officers\' tablet');
  assertTeamMember(actor, inspection);
  if (!input.signerName || !input.signerPost) {
    throw new AppError('VALIDATION_FAILED', 'name and post of the entity\'s signatory are required', { fields: [{ path: 'signerName', message: 'required' }, { path: 'signerPost', message: 'required' }] });
  }
  return { userId: null, name: input.signerName, post: input.signerPost, credentialNumber: null };
}

/**
 * What is still missing before the record can freeze (§3.7), as codes the UI translates:
 * `officer:<signed>/2`, `entity` (signature or refusal note), `agency:<userId>`. Empty when complete.
 */
export function missingSignatures(
  record: Pick<store.RecordRow, 'mode' | 'refusal' | 'contentSha256'>,
  agencyStaffIds: readonly string[],
  signatures: readonly Pick<store.SignatureRow, 'role' | 'userId' | 'contentSha256'>[],
): string[] {
  const valid = signatures.filter((s) => s.contentSha256 === record.contentSha256);
  const officers = new Set(valid.filter((s) => s.role === 'officer').map((s) => s.userId)).size;
  const missing: string[] = [];
  if (officers < 2) missing.push(`officer:${officers}/2`);
  if (record.mode === 'onSite' && !valid.some((s) => s.role === 'entity') && !record.refusal) missing.push('entity');
  if (record.mode === 'remote') {
    for (const id of agencyStaffIds) if (!valid.some((s) => s.role === 'agency' && s.userId === id)) missing.push(`agency:${id}`);
  }
  return missing;
}

async function freezeIfComplete(trx: Tx, actor: Actor, inspection: store.InspectionRow, record: store.RecordRow, now: Date): Promise<boolean> {
  const signatures = await store.signaturesOf(trx, [record.id]);
  if (missingSignatures(record, inspection.agencyStaffIds, signatures).length > 0) return false;
  await store.updateRecord(trx, record.id, { status: 'frozen', frozenAt: now });
  await appendAudit(trx, actor, {
    action: 'record.frozen', targetType: 'inspectionRecord', targetId: record.id, from: 'signing', to: 'frozen', unitPath: record.unitPath,
    summary: { inspectionId: inspection.id, version: record.version, contentSha256: record.contentSha256, signatures: signatures.length },
  });
  if (record.previousId) {
    const prev = (await store.recordsOfInspection(trx, inspection.id)).find((r) => r.id === record.previousId);
    if (prev?.status === 'frozen') {
      await store.updateRecord(trx, prev.id, { status: 'superseded' });
      await appendAudit(trx, actor, { action: 'record.superseded', targetType: 'inspectionRecord', targetId: prev.id, from: 'frozen', to: 'superseded', unitPath: prev.unitPath, summary: { by: record.id } });
    }
  }
  if (inspection.status === 'recordSigning') {
    await moveInspection(trx, actor, inspection, 'recordFrozen', { summary: { recordId: record.id }, at: now });
  }
  return true;
}

/**
 * The entity's person refuses to sign: an officer of the team notes it with the reason, which
 * stands in for the entity's signature (on-site records only).
 */
export async function refuseSignature(deps: Deps, actor: Actor, input: z.infer<typeof ZRefuseBody> & { recordId: string }) {
  requirePermission(actor, 'record.sign');
  const scope = scopeOf(actor);
  if (scope.kind !== 'units') throw new AppError('FORBIDDEN', 'officers note a refusal to sign');
  return deps.db.transaction().execute(async (trx) => {
    const { inspection, record } = await lockRecord(trx, scope, input.recordId);
    assertTeamMember(actor, inspection);
    if (record.mode !== 'onSite') throw new AppError('RULE_VIOLATION', 'only on-site records carry the entity\'s signature');
    if (record.refusal) throw new AppError('CONFLICT', 'a refusal is already noted');
    const signatures = await store.signaturesOf(trx, [record.id]);
    if (signatures.some((s) => s.role === 'entity')) throw new AppError('CONFLICT', 'the entity has already signed');
    const now = deps.now();
    const updated = await store.updateRecord(trx, record.id, {
      refusal: { reason: input.reason, notedBy: [actor.displayName], notedByIds: [actor.userId!], notedAt: now.toISOString() },
    });
    await appendAudit(trx, actor, {
      action: 'record.signatureRefused', targetType: 'inspectionRecord', targetId: record.id, reason: input.reason, unitPath: record.unitPath,
      summary: { inspectionId: inspection.id },
    });
    const frozen = await freezeIfComplete(trx, actor, inspection, updated, now);
    return { record: updated, frozen };
  });
}

/**
 * The entity states an objection (异议) in its own words, through the portal or told to the
 * officers, before the record freezes. It is kept beside the signed text, never edited into it.
 */
export async function recordObjection(deps: Deps, actor: Actor, input: z.infer<typeof ZObjectionBody> & { recordId: string }) {
  const scope = scopeOf(actor);
  if (scope.kind === 'entity') requirePermission(actor, 'record.sign');
  else if (!hasPermission(actor, 'inspection.record')) throw new AppError('FORBIDDEN', 'missing permission inspection.record');
  if (scope.kind === 'agency') throw new AppError('FORBIDDEN', 'only the entity states an objection');
  return deps.db.transaction().execute(async (trx) => {
    const { inspection, record } = await lockRecord(trx, scope, input.recordId);
    if (scope.kind === 'units') assertTeamMember(actor, inspection);
    if (record.mode !== 'onSite') throw new AppError('RULE_VIOLATION', 'objections are stated on on-site records');
    if (input.contentSha256 !== record.contentSha256) throw new AppError('CONFLICT', 'the record changed since it was shown');
    if (record.objection) throw new AppError('CONFLICT', 'an objection is already on the record');
    const updated = await store.updateRecord(trx, record.id, { objection: input.text, objectionBy: actor.userId, objectionAt: deps.now() });
    await appendAudit(trx, actor, {
      action: 'record.objectionStated', targetType: 'inspectionRecord', targetId: record.id, unitPath: record.unitPath,
      summary: { inspectionId: inspection.id, via: scope.kind === 'entity' ? 'portal' : 'officer', length: input.text.length },
    });
    return updated;
  });
}

/** One record version with its signatures (images included) for signing screens and documents. */
export async function getRecord(deps: Deps, actor: Actor, input: { recordId: string }) {
  if (!hasPermission(actor, 'inspection.read') && !hasPermission(actor, 'record.sign')) throw new AppError('FORBIDDEN', 'missing permission inspection.read');
  const scope = scopeOf(actor);
  const record = await store.findRecord(deps.db, scope, input.recordId);
  if (!record) throw new AppError('NOT_FOUND', 'inspection record not found');
  const inspection = await store.findInspection(deps.db, scope, record.inspectionId);
  if (!inspection) throw new AppError('NOT_FOUND', 'inspection record not found');
  const signatures = await store.signaturesOf(deps.db, [record.id]);
  return { record, signatures, missing: record.status === 'signing' ? missingSignatures(record, inspection.agencyStaffIds, signatures) : [] };
}
