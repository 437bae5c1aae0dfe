import { z } from 'zod';
import * as store from '../../store/issued-documents.store';
import { requirePermission, scopeOf, type Actor } from '../access';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { ZDocumentKind, ZDocumentStatus } from './document';

const ZDay = z.iso.date();

export const ZListDocumentsQuery = z.object({
  kind: ZDocumentKind.optional(),
  status: ZDocumentStatus.optional(),
  entityId: z.uuid().optional(),
  inspectionId: z.uuid().optional(),
  subjectId: z.uuid().optional(),
  /** Number or party name, part of either. */
  q: z.string().trim().min(1).max(80).optional(),
  from: ZDay.optional(),
  to: ZDay.optional(),
  sort: z.enum(['issuedAt', 'docNumber', 'kind', 'partyName']).default('issuedAt'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListDocumentsQuery = z.infer<typeof ZListDocumentsQuery>;

/** Issued documents in the caller's scope: staff their subtree, a portal user their entity's. */
export async function listDocuments(deps: Deps, actor: Actor, query: ListDocumentsQuery) {
  requirePermission(actor, 'document.read');
  const scope = scopeOf(actor);
  return store.listInScope(
    deps.db,
    scope,
    { kind: query.kind, status: query.status, entityId: query.entityId, inspectionId: query.inspectionId, subjectId: query.subjectId, q: query.q, issuedFrom: query.from, issuedTo: query.to },
    { limit: query.limit, offset: query.offset },
    { field: query.sort, dir: query.dir },
  );
}

/** One document with its print history (who downloaded or reprinted it, when, why). */
export async function getDocument(deps: Deps, actor: Actor, input: { documentId: string }) {
  requirePermission(actor, 'document.read');
  const document = await store.findInScope(deps.db, scopeOf(actor), input.documentId);
  if (!document) throw new AppError('NOT_FOUND', 'document not found');
  const prints = await store.listPrints(deps.db, document.id);
  return { document, prints };
}
