import { z } from 'zod';
import { requirePermission, scopeOf, type Actor } from '../access';
import type { Deps } from '../deps';
import { AppError, found } from '../errors';
import * as filings from '../../store/registry.filings.store';
import * as units from '../../store/units.store';
import { openPayload, parseStoredPayload, ZFilingStatus, type OpenPayload } from './filing';

export const ZListFilingsQuery = z.object({
  status: ZFilingStatus.optional(),
  entityId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Whoever reads the entity reads its filings: staff in their subtree, the portal user its own. */
function readScope(actor: Actor) {
  requirePermission(actor, 'entity.read');
  return scopeOf(actor);
}

/** Filings in scope: the review queue is `status=submitted` (and changeSubmitted). */
export async function listFilings(deps: Deps, actor: Actor, query: z.infer<typeof ZListFilingsQuery>) {
  const scope = readScope(actor);
  let unitPath: string | undefined;
  if (query.unitId && scope.kind === 'units') {
    const unit = await units.findInScope(deps.db, scope, query.unitId);
    if (!unit) throw new AppError('NOT_FOUND', 'unit not found');
    unitPath = unit.path;
  }
  return filings.listInScope(deps.db, scope, { status: query.status, entityId: query.entityId, unitPath }, query);
}

export type FilingDetail = { filing: filings.FilingRow; payload: OpenPayload; versions: filings.FilingVersionRow[] };

export async function getFiling(deps: Deps, actor: Actor, filingId: string): Promise<FilingDetail> {
  const scope = readScope(actor);
  const filing = found(await filings.findInScope(deps.db, scope, filingId), 'filing');
  return { filing, payload: openPayload(deps.cipher, parseStoredPayload(filing.payload)), versions: await filings.listVersions(deps.db, filing.id) };
}
