/** Grading: pure functions over outcomes, plus the versions a scan is stamped with. */

export { LETTERS, letterFor, letterRank, worseLetter, type Grade, type Letter } from './bands';
export { catalogueHash } from './catalogue';
export { BONUS_FROM, BONUS_POINTS, gradeSite, scores, type SiteGrade, type SiteStatus } from './grade-site';
export { SCORING_VERSION } from './version';
