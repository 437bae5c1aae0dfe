/**
 * Public API of analysis for src/scan/run/:
 *
 *   const ctx = analyzeContextFor(ev.scannedAt);         // once per scan (keyword list by date)
 *   const outcomes = analyzeSite(ev, ctx, CHECKS);        // pure
 *   const grade = gradeSite(outcomes);                    // src/scan/grade
 *   const findings = findingsOf(ev.target.siteId, outcomes);
 *   const signals = taskSignals(ev);                      // stored in the site's history
 *   const fingerprint = siteFingerprint(ev);              // baseline material (null without a page)
 *   const text = nextTextHistory(ev);                     // lastMinhash + unchangedSince to store
 *   isCleanTask(outcomes) / confirmsBaseline(candidate, fingerprint.minhash, ev.scannedAt)
 */

import { loadKeywordList } from '../../rules/keywords';
import type { AnalyzeContext } from '../checks/define';
import { compileKeywords } from './keywords';

export { analyzeCheck, analyzeSite, type CheckOutcome } from './analyze-site';
export { findingFingerprint, findingsOf, isFinding, type Finding } from './findings';
export { compileKeywords, scanKeywords, type CompiledKeywords, type KeywordScan } from './keywords';
export { fingerprintText, similarity } from './minhash';
export { taskSignals, zombieVerdict } from './zombie';
export { siteFingerprint, type SiteFingerprint } from './site-fingerprint';
export { BASELINE_RULES, confirmsBaseline, isCleanTask, nextTextHistory } from './baseline';
export { homeOf, type CaptureRef } from './page';

const contexts = new Map<string, AnalyzeContext>();

/** The analysis context in force at a scan date (keyword list by effective date), cached per version. */
export function analyzeContextFor(scannedAt: string): AnalyzeContext {
  const list = loadKeywordList(scannedAt);
  let ctx = contexts.get(list.version);
  if (!ctx) contexts.set(list.version, (ctx = { keywords: compileKeywords(list) }));
  return ctx;
}
