import { z } from 'zod';
import * as numbers from '../../store/documents.store';
import type { Tx } from '../../store/db';
import * as store from '../../store/issued-documents.store';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError, assertTransition } from '../errors';
import { documentTransitions, type DocumentStatus } from './document';

export const ZVoidDocumentBody = z.object({ reason: z.string().trim().min(2).max(500) });
export type VoidDocumentInput = z.infer<typeof ZVoidDocumentBody> & { documentId: string };

/**
 * A leader voids an issued document with a reason. The row, its bytes and its number stay on
 * record as voided; the number is voided on the register too and never printed again.
 */
export async function voidDocument(deps: Deps, actor: Actor, input: VoidDocumentInput): Promise<store.IssuedDocumentRow> {
  requirePermission(actor, 'document.void');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const row = await store.findInScopeForUpdate(trx, scope, input.documentId);
    if (!row) throw new AppError('NOT_FOUND', 'document not found');
    return voidInTx(trx, actor, row, input.reason, deps.now());
  });
}

/**
 * Voids the live documents of a subject inside the caller's transaction: for use cases that
 * withdraw the subject itself (a cancelled inspection's notice). Returns the numbers voided.
 */
export async function voidDocumentsForSubject(trx: Tx, actor: Actor, input: { subjectId: string; reason: string; at: Date }): Promise<string[]> {
  const live = await store.lockLiveOfSubject(trx, input.subjectId);
  for (const row of live) await voidInTx(trx, actor, row, input.reason, input.at);
  return live.map((r) => r.docNumber ?? '');
}

async function voidInTx(trx: Tx, actor: Actor, row: store.IssuedDocumentRow, reason: string, at: Date) {
  assertTransition(documentTransitions, row.status as DocumentStatus, 'voided');
  const voided = await store.voidDocument(trx, row.id, { userId: actor.userId, at, reason });
  let numberVoided = false;
  if (row.numberId) {
    const reg = await store.lockRegisteredNumberById(trx, row.numberId);
    if (reg && reg.status === 'issued') {
      await numbers.voidNumber(trx, reg.id, { userId: actor.userId, at, reason });
      await appendAudit(trx, actor, {
        action: 'document.numberVoided', targetType: 'documentNumber', targetId: reg.id, from: 'issued', to: 'voided',
        reason, unitPath: reg.unitPath, summary: { docNumber: reg.docNumber, kind: reg.kind, documentId: row.id },
      });
      numberVoided = true;
    }
  }
  await appendAudit(trx, actor, {
    action: 'document.voided', targetType: 'document', targetId: row.id, from: row.status, to: 'voided', reason, unitPath: row.unitPath,
    summary: { kind: row.kind, docNumber: row.docNumber, numberVoided },
  });
  return voided;
}
