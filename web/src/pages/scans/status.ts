type TagColor = 'success' | 'processing' | 'error' | 'warning' | 'default' | 'blue' | 'purple' | 'cyan' | 'gold' | 'magenta' | 'volcano';

export const SCAN_STATUS_COLORS: Record<string, TagColor> = {
  queued: 'processing', planning: 'processing', running: 'processing', paused: 'warning', finalizing: 'processing',
  completed: 'success', completed_partial: 'gold', cancelled: 'default', failed: 'error',
  pending: 'default', done: 'success', skipped_window: 'warning', skipped_budget: 'warning',
};

export const AUTH_STATUS_COLORS: Record<string, TagColor> = {
  draft: 'default', approved: 'blue', entityNotified: 'cyan', active: 'success', expired: 'default', revoked: 'error',
};

export const SEVERITY_COLORS: Record<string, TagColor> = {
  info: 'default', low: 'blue', medium: 'gold', high: 'volcano', critical: 'error',
};
