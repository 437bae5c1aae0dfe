import { z } from 'zod';
import type { FindingListRow } from '../../store/findings.store';

/** A row of the findings list (问题清单): the finding, its entity and its inspection. */
export const ZFindingListItem = z.object({
  id: z.string(),
  inspectionId: z.string(),
  inspectionStatus: z.string(),
  inspectionMode: z.string(),
  entityId: z.string(),
  entityName: z.string(),
  entityUscc: z.string(),
  seq: z.number().int(),
  category: z.string(),
  severity: z.string(),
  description: z.string(),
  itemKey: z.string().nullable(),
  basisText: z.string().nullable(),
  status: z.string(),
  createdAt: z.string(),
});

export function presentFindingListItem(f: FindingListRow): z.infer<typeof ZFindingListItem> {
  return {
    id: f.id, inspectionId: f.inspectionId, inspectionStatus: f.inspectionStatus, inspectionMode: f.inspectionMode, entityId: f.entityId,
    entityName: f.entityName, entityUscc: f.entityUscc, seq: f.seq, category: f.category, severity: f.severity, description: f.description,
    itemKey: f.itemKey, basisText: f.basisText, status: f.status, createdAt: f.createdAt.toISOString(),
  };
}
