import { z } from 'zod';

/**
 * The inspection lifecycle (domain.md §5.2): statuses and their transition tables, one per
 * aggregate. Every status change in the module goes through `assertTransition` on these.
 */

export const ZPlanStatus = z.enum(['draft', 'submitted', 'returned', 'approved', 'inProgress', 'completed', 'cancelled']);
export type PlanStatus = z.infer<typeof ZPlanStatus>;

export const planTransitions = {
  draft: ['submitted', 'cancelled'],
  submitted: ['approved', 'returned', 'cancelled'],
  returned: ['submitted', 'cancelled'],
  approved: ['inProgress', 'completed', 'cancelled'],
  inProgress: ['completed'],
  completed: [],
  cancelled: [],
} as const satisfies Record<PlanStatus, readonly PlanStatus[]>;

export const ZInspectionStatus = z.enum([
  'planned',
  'notified',
  'inProgress',
  'recordSigning',
  'recordFrozen',
  'findingsConfirmed',
  'closedCompliant',
  'riskNoted',
  'closedGuided',
  'rectificationOrdered',
  'rectificationReported',
  'reInspected',
  'closedRectified',
  'escalated',
  'closedEscalated',
  'cancelled',
]);
export type InspectionStatus = z.infer<typeof ZInspectionStatus>;

export const inspectionTransitions = {
  planned: ['notified', 'cancelled'],
  notified: ['inProgress', 'cancelled'],
  inProgress: ['recordSigning'],
  recordSigning: ['recordFrozen'],
  recordFrozen: ['findingsConfirmed'],
  findingsConfirmed: ['closedCompliant', 'riskNoted', 'rectificationOrdered'],
  closedCompliant: [],
  riskNoted: ['closedGuided'],
  closedGuided: [],
  // Deadline passed with nothing reported: re-inspect, or escalate straight away.
  rectificationOrdered: ['rectificationReported', 'reInspected', 'escalated'],
  rectificationReported: ['reInspected'],
  reInspected: ['closedRectified', 'rectificationOrdered', 'escalated'],
  closedRectified: [],
  escalated: ['closedEscalated'],
  closedEscalated: [],
  cancelled: [],
} as const satisfies Record<InspectionStatus, readonly InspectionStatus[]>;

export const closedInspectionStatuses: readonly InspectionStatus[] = ['closedCompliant', 'closedGuided', 'closedRectified', 'closedEscalated', 'cancelled'];

/** Statuses in which the entity's portal sees the inspection: from the notice on. */
export const portalVisibleStatuses: readonly InspectionStatus[] = ZInspectionStatus.options.filter((s) => s !== 'planned');

export const ZInspectionType = z.enum(['routine', 'focus', 'special', 'adHoc']);
export type InspectionType = z.infer<typeof ZInspectionType>;
export const ZInspectionMode = z.enum(['onSite', 'remote']);
export type InspectionMode = z.infer<typeof ZInspectionMode>;
export const ZPlanMode = z.enum(['onSite', 'remote', 'both']);
export type PlanMode = z.infer<typeof ZPlanMode>;

export const ZItemResult = z.enum(['compliant', 'nonCompliant', 'notApplicable', 'notChecked']);
export type ItemResult = z.infer<typeof ZItemResult>;

export const ZServiceMethod = z.enum(['portal', 'inPerson', 'post', 'left']);
export type ServiceMethod = z.infer<typeof ZServiceMethod>;

export const ZRecordStatus = z.enum(['signing', 'frozen', 'superseded']);
export type RecordStatus = z.infer<typeof ZRecordStatus>;

export const ZSignerRole = z.enum(['officer', 'entity', 'agency']);
export type SignerRole = z.infer<typeof ZSignerRole>;

export const ZFindingCategory = z.enum(['violation', 'securityRisk', 'hiddenDanger']);
export type FindingCategory = z.infer<typeof ZFindingCategory>;
export const ZSeverity = z.enum(['H', 'M', 'L']);

/** A calendar day 'YYYY-MM-DD' (Asia/Shanghai): deadlines, dates of inspection. */
export const ZDay = z.iso.date();
export const ZReason = z.string().trim().min(2).max(1000);
