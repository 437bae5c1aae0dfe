/** Site grading (spec §4.1): pure over outcomes, so an old scan can be re-graded as a view. */

import type { CheckOutcome } from '../analyze/analyze-site';
import { SEVERITIES } from '../checks/define';
import { letterFor, letterRank, worseLetter, type Grade, type Letter } from './bands';

export const BONUS_POINTS = 5;
/** Bonuses apply only when the base score reaches this. */
export const BONUS_FROM = 90;

export type SiteStatus = 'active' | 'unreachable' | 'zombie';

export type SiteGrade = {
  siteStatus: SiteStatus;
  /** Null when the status replaces the grade. */
  score: number | null;
  /** Shown grade: T when trust fails; null for unreachable and zombie sites. */
  grade: Grade | null;
  /** The letter without the trust override, shown beside T. */
  gradeIgnoringTrust: Letter | null;
  /** Certain/firm findings of severity ≥ low. */
  riskCount: number;
  /** Check ids whose caps limited the letter. */
  cappedBy: string[];
  bonuses: string[];
};

/** Whether an outcome counts towards points, caps, trust and risks. */
export function scores(o: CheckOutcome): boolean {
  return (o.confidence === 'certain' || o.confidence === 'firm') && o.severity !== 'none';
}

const LOW = SEVERITIES.indexOf('low');

/** Grades a site from its outcomes. */
export function gradeSite(outcomes: readonly CheckOutcome[]): SiteGrade {
  const scored = outcomes.filter(scores);
  const riskCount = scored.filter((o) => SEVERITIES.indexOf(o.severity) >= LOW).length;
  const statuses = outcomes.map((o) => o.status);
  const siteStatus: SiteStatus = statuses.includes('zombie') ? 'zombie' : statuses.includes('unreachable') ? 'unreachable' : 'active';
  if (siteStatus !== 'active') {
    return { siteStatus, score: null, grade: null, gradeIgnoringTrust: null, riskCount, cappedBy: [], bonuses: [] };
  }
  const base = 100 + scored.reduce((sum, o) => sum + Math.min(0, o.points), 0);
  const bonuses = base >= BONUS_FROM
    ? outcomes.filter((o) => o.bonus && (o.confidence === 'certain' || o.confidence === 'firm')).map((o) => o.checkId)
    : [];
  const score = Math.max(0, base + BONUS_POINTS * bonuses.length);
  const raw = letterFor(score);
  let letter = raw;
  const cappedBy: string[] = [];
  for (const o of scored) {
    if (!o.cap) continue;
    letter = worseLetter(letter, o.cap);
    if (letterRank(o.cap) > letterRank(raw)) cappedBy.push(o.checkId);
  }
  const trust = scored.some((o) => o.trust);
  return {
    siteStatus, score, grade: trust ? 'T' : letter, gradeIgnoringTrust: letter, riskCount,
    cappedBy: [...new Set(cappedBy)], bonuses,
  };
}
