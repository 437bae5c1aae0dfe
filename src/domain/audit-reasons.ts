/**
 * Reasons the system writes on a state change it makes by itself (not typed by a user). They are
 * stable codes, not prose: the audit log stays language-neutral and the web UI shows them through
 * i18n keys `auditReason.<code>`; a typed reason is shown as written.
 */
export const autoReason = {
  firstNoticeIssued: 'auto.firstNoticeIssued',
  planInspectionsClosed: 'auto.planInspectionsClosed',
  everyFindingRectified: 'auto.everyFindingRectified',
  noViolationNoRisk: 'auto.noViolationNoRisk',
  risksOnly: 'auto.risksOnly',
  deadlinePassed: 'auto.deadlinePassed',
} as const;
