/**
 * The scoring version: the only home of this fact (spec §4.2). Bump it with any change to
 * points, caps, bands, bonuses or thresholds; it is stamped on every scan and task.
 */
export const SCORING_VERSION = '2026.1';
