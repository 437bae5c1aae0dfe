import type { Writable } from 'node:stream';
import { z } from 'zod';
import { requirePermission, type Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { writeXlsx, type XlsxColumn } from '../../documents/xlsx';
import * as registry from '../../store/registry.store';
import * as units from '../../store/units.store';
import { readScope } from './access';
import { entityKindLabels, entityStatusLabels, entityTypeLabels, ZListEntitiesQuery, type EntityKind, type EntityStatus, type EntityType } from './entity';
import { importColumns } from './entity-xlsx';
import { displayFilingNumber } from './filing-numbers';
import { maskPeople, openPeople, type PlainPeople } from './personal-data';
import { resolveFilter } from './read-entities';

export const ZExportEntitiesQuery = ZListEntitiesQuery.omit({ limit: true, offset: true, sort: true, dir: true }).extend({
  /** Unmasked personal data needs personal.reveal and a reason, like a reveal. */
  unmasked: z.enum(['true', 'false']).transform((v) => v === 'true').default(false),
  reason: z.string().trim().min(4).max(500).optional(),
});
export type ExportEntitiesQuery = z.infer<typeof ZExportEntitiesQuery>;

const extraColumns: XlsxColumn[] = [
  { key: 'status', header: '状态', width: 8 },
  { key: 'psbFilingNumber', header: '公安联网备案号', width: 30 },
  { key: 'serviceTypes', header: '服务类型', width: 20 },
  { key: 'focusReasons', header: '重点监督检查依据', width: 24 },
  { key: 'updatedAt', header: '更新时间', width: 18 },
];
/** The import layout (so an export can be edited and re-imported) plus read-only columns. */
export const exportColumns: XlsxColumn[] = [
  ...importColumns.filter((c) => c.key !== 'hostnames').map((c) => ({ key: c.key, header: c.header, width: c.width })),
  ...extraColumns,
];

export type ExportPlan = { count: number; write: (stream: Writable, onProgress?: (done: number) => void) => Promise<{ rows: number }> };

/**
 * Exports the entities matching the list filters within the caller's scope. Personal data is
 * masked unless `unmasked` is asked with personal.reveal and a reason. The audit entry is
 * committed before the first byte is written, so an export never happens unrecorded.
 */
export async function exportEntities(deps: Deps, actor: Actor, query: ExportEntitiesQuery): Promise<ExportPlan> {
  requirePermission(actor, 'entity.export');
  const scope = readScope(actor);
  if (query.unmasked) {
    requirePermission(actor, 'personal.reveal');
    if (!query.reason) throw new AppError('VALIDATION_FAILED', 'an unmasked export needs a reason', { fields: [{ path: 'reason', message: 'required' }] });
  }
  const { unmasked, reason, ...filterQuery } = query;
  const filter = await resolveFilter(deps, actor, filterQuery);
  const count = await registry.countInScope(deps.db, scope, filter);
  await deps.db.transaction().execute(async (trx) => {
    await appendAudit(trx, actor, {
      action: unmasked ? 'entity.exportedUnmasked' : 'entity.exported', targetType: 'entityExport', targetId: null, unitPath: actor.unitPath,
      reason: reason ?? null, summary: { filter: { ...filterQuery }, count, unmasked },
    });
  });
  const unitNames = new Map((scope.kind === 'units' ? await units.listInScope(deps.db, scope) : []).map((u) => [u.id, u.name]));

  async function* rows(onProgress?: (done: number) => void): AsyncGenerator<Record<string, unknown>> {
    let done = 0;
    for await (const batch of registry.iterateInScope(deps.db, scope, filter, 1000)) {
      for (const e of batch) {
        const opened = openPeople(deps.cipher, e.people);
        const people: PlainPeople = unmasked ? opened : maskPeople(opened);
        yield {
          name: e.name, uscc: e.uscc, kind: entityKindLabels[e.kind as EntityKind] ?? e.kind, type: entityTypeLabels[e.type as EntityType] ?? e.type,
          unit: unitNames.get(e.unitId) ?? '', regionCode: e.regionCode, address: e.address,
          legalRepName: people.legalRepresentative?.name ?? null, legalRepPhone: people.legalRepresentative?.phone ?? null, legalRepIdNumber: people.legalRepresentative?.idNumber ?? null,
          officerName: people.securityOfficer?.name ?? null, officerPhone: people.securityOfficer?.phone ?? null, officerIdNumber: people.securityOfficer?.idNumber ?? null,
          contactName: people.contact?.name ?? null, contactPhone: people.contact?.phone ?? null,
          serviceStartDate: e.serviceStartDate, isCii: e.isCii ? '是' : '否', isCounterTerrorTarget: e.isCounterTerrorTarget ? '是' : '否',
          providesPublicInfoService: e.providesPublicInfoService ? '是' : '否',
          status: entityStatusLabels[e.status as EntityStatus] ?? e.status,
          psbFilingNumber: e.psbFilingNumber ? displayFilingNumber(e.psbFilingNumber) : null,
          serviceTypes: e.serviceTypes, focusReasons: e.focusReasons ?? [], updatedAt: e.updatedAt,
        };
        done++;
      }
      onProgress?.(done);
    }
  }

  return {
    count,
    write: (stream, onProgress) => writeXlsx(stream, { sheetName: '单位信息', columns: exportColumns, rows: rows(onProgress) }),
  };
}
