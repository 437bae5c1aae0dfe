import { z } from 'zod';
import { docNumberFor, loadTemplate, type DocumentTemplate } from '../../documents/template';
import { ZDocumentKind, type DocumentKind } from '../../documents/kinds/common';
import * as documents from '../../store/documents.store';
import * as units from '../../store/units.store';
import type { Tx } from '../../store/db';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';

let template: DocumentTemplate | null = null;
function defaultTemplate(): DocumentTemplate {
  template ??= loadTemplate();
  return template;
}

export type IssuedNumber = { id: string; docNumber: string; seq: number; year: number };

/**
 * Allocates the next 文号 of `kind` for the issuing unit in the year of `issueDate` and records
 * what it was issued for. Call inside the transaction that issues the document: a rollback
 * returns the number, so the sequence stays gap-free. The prefix is the unit's own (units.doc_prefix),
 * the type code the template's.
 */
export async function issueDocNumber(
  trx: Tx,
  actor: Actor,
  input: { unitId: string; kind: DocumentKind; issueDate: string; targetType: string; targetId: string; at: Date },
): Promise<IssuedNumber> {
  const unit = await units.findById(trx, input.unitId);
  if (!unit) throw new AppError('NOT_FOUND', 'issuing unit not found');
  const year = Number(input.issueDate.slice(0, 4));
  const seq = await documents.allocateNumber(trx, { unitId: unit.id, kind: input.kind, year });
  const t = defaultTemplate();
  const docNumber = docNumberFor(
    { ...t, docNumber: { ...t.docNumber, prefix: unit.docPrefix ?? t.docNumber.prefix } },
    input.kind,
    year,
    seq,
  );
  const row = await documents.insertNumber(trx, {
    unitId: unit.id,
    unitPath: unit.path,
    kind: input.kind,
    year,
    seq,
    docNumber,
    targetType: input.targetType,
    targetId: input.targetId,
    issuedAt: input.at,
    issuedBy: actor.userId,
  });
  return { id: row.id, docNumber, seq, year };
}

/** Voids the live numbers issued for a target (a cancelled inspection's notice); they are never reused. */
export async function voidNumbersFor(trx: Tx, actor: Actor, input: { targetId: string; kind: DocumentKind; reason: string; at: Date }): Promise<string[]> {
  const rows = await documents.findIssuedForTarget(trx, input.targetId, input.kind);
  for (const row of rows) {
    await documents.voidNumber(trx, row.id, { userId: actor.userId, at: input.at, reason: input.reason });
    await appendAudit(trx, actor, {
      action: 'document.numberVoided', targetType: 'documentNumber', targetId: row.id, from: 'issued', to: 'voided',
      reason: input.reason, unitPath: row.unitPath, summary: { docNumber: row.docNumber, kind: row.kind },
    });
  }
  return rows.map((r) => r.docNumber);
}

export const ZVoidNumberBody = z.object({ reason: z.string().trim().min(2).max(500) });

/** A leader voids a number issued in error; it stays on the register as voided and is never reused. */
export async function voidDocNumber(deps: Deps, actor: Actor, input: z.infer<typeof ZVoidNumberBody> & { numberId: string }) {
  requirePermission(actor, 'document.void');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const row = await documents.findNumberInScopeForUpdate(trx, scope, input.numberId);
    if (!row) throw new AppError('NOT_FOUND', 'document number not found');
    if (row.status === 'voided') throw new AppError('INVALID_STATE', 'the number is already voided', { from: 'voided', to: 'voided' });
    const voided = await documents.voidNumber(trx, row.id, { userId: actor.userId, at: deps.now(), reason: input.reason });
    await appendAudit(trx, actor, {
      action: 'document.numberVoided', targetType: 'documentNumber', targetId: row.id, from: 'issued', to: 'voided',
      reason: input.reason, unitPath: row.unitPath, summary: { docNumber: row.docNumber, kind: row.kind },
    });
    return voided;
  });
}

export const ZListNumbersQuery = z.object({
  kind: ZDocumentKind.optional(),
  year: z.coerce.number().int().min(1000).max(9999).optional(),
  status: z.enum(['issued', 'voided']).optional(),
  q: z.string().trim().max(80).optional(),
  targetId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The number register of the caller's subtree: every number issued, live or voided. */
export async function listDocNumbers(deps: Deps, actor: Actor, input: z.infer<typeof ZListNumbersQuery>) {
  requirePermission(actor, 'document.read');
  const scope = requireUnitScope(actor);
  return documents.listNumbersInScope(deps.db, scope, input, { limit: input.limit, offset: input.offset });
}
