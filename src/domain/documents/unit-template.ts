import { z } from 'zod';
import { loadTemplate, ZDocumentTemplate, type DocumentTemplate } from '../../documents/template';
import type { DbOrTx } from '../../store/db';
import * as store from '../../store/issued-documents.store';
import * as units from '../../store/units.store';
import { requirePermission, requireUnitScope, type Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';

let fallback: DocumentTemplate | null = null;
/** templates/default.json, parsed once per process. */
export function defaultTemplate(): DocumentTemplate {
  fallback ??= loadTemplate();
  return fallback;
}

type Override = Partial<Omit<DocumentTemplate, 'docNumber' | 'appeal' | 'texts'>> & {
  appeal?: Partial<DocumentTemplate['appeal']>;
  texts?: Partial<DocumentTemplate['texts']>;
  docNumber?: Partial<DocumentTemplate['docNumber']>;
};

/**
 * The template a unit prints with: templates/default.json, then the override of the nearest
 * unit at or above it (address, phone, appeal bodies, wording), then the unit's own name as
 * issuing unit and seal text and its document prefix, unless the override names them.
 */
export async function templateForUnit(db: DbOrTx, unitId: string): Promise<DocumentTemplate> {
  const unit = await units.findById(db, unitId);
  if (!unit) throw new AppError('NOT_FOUND', 'issuing unit not found');
  const base = defaultTemplate();
  const row = await store.findTemplateFor(db, unit.path);
  const o = (row?.template ?? {}) as Override;
  return ZDocumentTemplate.parse({
    ...base,
    ...o,
    unitName: o.unitName ?? unit.name,
    sealText: o.sealText ?? unit.name.replace(/（演示）$/, '').slice(0, 24),
    docNumber: { ...base.docNumber, ...o.docNumber, prefix: o.docNumber?.prefix ?? unit.docPrefix ?? base.docNumber.prefix },
    appeal: { ...base.appeal, ...o.appeal },
    texts: { ...base.texts, ...o.texts },
  });
}

/** What a unit may override; checked by merging over the default and parsing the whole. */
export const ZTemplateOverride = z.record(z.string(), z.unknown());

/**
 * A leader sets the unit's document template override; it applies to the unit and every unit
 * below without one of its own. Documents already issued keep the template they were printed with.
 */
export async function setUnitTemplate(deps: Deps, actor: Actor, input: { unitId: string; template: Record<string, unknown> }) {
  requirePermission(actor, 'document.issue');
  const scope = requireUnitScope(actor);
  return deps.db.transaction().execute(async (trx) => {
    const unit = await units.findInScope(trx, scope, input.unitId);
    if (!unit) throw new AppError('NOT_FOUND', 'unit not found');
    const base = defaultTemplate();
    const o = input.template as Override;
    const merged = ZDocumentTemplate.safeParse({
      ...base,
      ...o,
      docNumber: { ...base.docNumber, ...o.docNumber },
      appeal: { ...base.appeal, ...o.appeal },
      texts: { ...base.texts, ...o.texts },
    });
    if (!merged.success) {
      throw new AppError('VALIDATION_FAILED', 'invalid document template', {
        fields: merged.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      });
    }
    const row = await store.upsertTemplate(trx, { unitId: unit.id, unitPath: unit.path, template: input.template, updatedBy: actor.userId, updatedAt: deps.now() });
    await appendAudit(trx, actor, {
      action: 'document.templateSet', targetType: 'unit', targetId: unit.id, unitPath: unit.path,
      summary: { keys: Object.keys(input.template).sort() },
    });
    return row;
  });
}
