import { z } from 'zod';
import { SCAN_PROFILES, type ScanProfile } from '../../scan/evidence';

/**
 * Remote detection's state machines (remote-detection.md §5.3, domain.md §5.3). Every status
 * change goes through `assertTransition` on these tables and is audited.
 */

export const ZScanStatus = z.enum([
  'queued', 'planning', 'running', 'paused', 'finalizing', 'completed', 'completed_partial', 'cancelled', 'failed',
]);
export type ScanStatus = z.infer<typeof ZScanStatus>;

export const scanTransitions = {
  queued: ['planning', 'cancelled', 'failed'],
  planning: ['running', 'cancelled', 'failed'],
  running: ['paused', 'finalizing', 'cancelled', 'failed'],
  paused: ['running', 'finalizing', 'cancelled', 'failed'],
  finalizing: ['completed', 'completed_partial', 'cancelled', 'failed'],
  completed: [],
  completed_partial: [],
  cancelled: [],
  failed: [],
} as const satisfies Record<ScanStatus, readonly ScanStatus[]>;

/** Statuses in which the scan still holds or may hand out work. */
export const ACTIVE_SCAN_STATUSES: readonly ScanStatus[] = ['queued', 'planning', 'running', 'paused', 'finalizing'];

export const ZTaskStatus = z.enum(['pending', 'running', 'done', 'failed', 'skipped_window', 'skipped_budget', 'cancelled']);
export type TaskStatus = z.infer<typeof ZTaskStatus>;

export const ZAuthorisationStatus = z.enum(['draft', 'approved', 'entityNotified', 'active', 'expired', 'revoked']);
export type AuthorisationStatus = z.infer<typeof ZAuthorisationStatus>;

export const authorisationTransitions = {
  draft: ['approved', 'revoked'],
  approved: ['entityNotified', 'revoked'],
  entityNotified: ['active', 'revoked'],
  active: ['expired', 'revoked'],
  expired: [],
  revoked: [],
} as const satisfies Record<AuthorisationStatus, readonly AuthorisationStatus[]>;

export const ZScanProfile = z.enum(SCAN_PROFILES as unknown as [ScanProfile, ...ScanProfile[]]);

const profileRank: Record<ScanProfile, number> = { http: 0, standard: 1, full: 2 };

/** Whether `requested` stays within the profile an authorisation allows. */
export function profileAllowed(allowed: ScanProfile, requested: ScanProfile): boolean {
  return profileRank[requested] <= profileRank[allowed];
}

export const ZFindingReview = z.enum(['confirmed', 'dismissed']);
