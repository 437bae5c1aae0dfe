import { z } from 'zod';

/** Administrative penalty (行政处罚), general procedure: legal review before the decision. */
export const ZPenaltyStatus = z.enum([
  'proposed', 'legalReview', 'returned', 'reviewed', 'intentNotified', 'decided', 'served', 'executed', 'challenged', 'closed', 'withdrawn',
]);
export type PenaltyStatus = z.infer<typeof ZPenaltyStatus>;

export const penaltyTransitions = {
  proposed: ['legalReview', 'withdrawn'],
  legalReview: ['reviewed', 'returned'],
  returned: ['legalReview', 'withdrawn'],
  reviewed: ['intentNotified', 'withdrawn'],
  intentNotified: ['decided', 'withdrawn'],
  decided: ['served'],
  served: ['executed', 'challenged'],
  challenged: ['executed', 'closed'],
  executed: ['closed'],
  closed: [],
  withdrawn: [],
} as const satisfies Record<PenaltyStatus, readonly PenaltyStatus[]>;

export const concludedPenaltyStatuses: readonly PenaltyStatus[] = ['closed', 'withdrawn'];

/** Case clue handed to case handling (移交案件线索). */
export const ZClueStatus = z.enum(['drafted', 'approved', 'sent', 'acknowledged', 'cancelled']);
export type ClueStatus = z.infer<typeof ZClueStatus>;

export const clueTransitions = {
  drafted: ['approved', 'cancelled'],
  approved: ['sent', 'cancelled'],
  sent: ['acknowledged'],
  acknowledged: [],
  cancelled: [],
} as const satisfies Record<ClueStatus, readonly ClueStatus[]>;

export const concludedClueStatuses: readonly ClueStatus[] = ['acknowledged', 'cancelled'];

export const ZPenaltyMeasureChoice = z.enum(['warning', 'publicNotice', 'confiscation', 'suspension', 'siteClosure', 'licenceRevocation', 'disconnection']);
