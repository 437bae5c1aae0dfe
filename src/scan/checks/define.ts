/** The shape of a check (spec §2.2) and the helper that declares one. */

import type { CompiledKeywords } from '../analyze/keywords';
import type { CaptureRef } from '../analyze/page';
import type { Evidence, ProbeSpec } from '../evidence';
import type { Letter } from '../grade/bands';

export type Severity = 'none' | 'info' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['none', 'info', 'low', 'medium', 'high', 'critical'];

/** Only certain and firm outcomes score (spec §3.3); tentative ones wait for review. */
export type Confidence = 'certain' | 'firm' | 'tentative';

export type CheckCategory =
  | 'availability' | 'tls' | 'headers' | 'cookies' | 'content' | 'filing' | 'exposure' | 'leakage' | 'dns';

/** Results every check may have without declaring them; none scores. */
export type ImplicitResult = 'not_applicable' | 'skipped' | 'error';
export const IMPLICIT_RESULTS: readonly ImplicitResult[] = ['not_applicable', 'skipped', 'error'];

/** A site status a result sets instead of a grade (AVL-01, AVL-07). */
export type StatusSignal = 'unreachable' | 'zombie';

export type ResultSpec = {
  severity: Severity;
  /** Points added to 100 (≤ 0). */
  points: number;
  /** Highest letter the site can get when this result scores. */
  cap?: Letter;
  /** Certificate trust failure: shows T instead of the letter (spec §4.1.5). */
  trust?: boolean;
  /** Replaces the grade with a site status. */
  status?: StatusSignal;
  /** Rule-item keys (spec §4.3), resolved by src/rules/ at the scan date. */
  cites?: readonly string[];
};

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
/** A JSON object; undefined members are dropped when serialised. */
export type JsonObject = { [key: string]: Json | undefined };

/** A pointer into the evidence bundle; run/ stores what it points at. */
export type EvidenceRef =
  | { kind: 'status'; capture: CaptureRef; url: string; status: number | null }
  | { kind: 'header'; capture: CaptureRef; name: string; value: string }
  | { kind: 'body'; capture: CaptureRef; start: number; end: number; excerpt: string }
  | { kind: 'certificate'; index: number; fingerprint256: string }
  | { kind: 'chain' }
  | { kind: 'dns' }
  | { kind: 'history' }
  | { kind: 'baseline' };

/** What analysis needs besides the evidence: compiled once per scan. */
export type AnalyzeContext = { keywords: CompiledKeywords };

export type Verdict<R extends string> = {
  result: R | 'not_applicable' | 'skipped';
  /** Default 'certain'. */
  confidence?: Confidence;
  detail?: JsonObject;
  evidence?: EvidenceRef[];
  /** Stable part of the finding fingerprint (e.g. the path); default none. */
  key?: string;
  /** Earns the +5 bonus of spec §4.1.2 when the base score is ≥ 90. */
  bonus?: boolean;
};

export type CheckDef<R extends string = string> = {
  id: string;
  version: number;
  category: CheckCategory;
  /** v1 must-have (✔ in the catalogue). */
  must: boolean;
  title: { zh: string; en: string };
  /** Path probes it reads; merged into the retrieval plan. */
  probes: readonly ProbeSpec[];
  results: Record<R, ResultSpec>;
  /** Pure: no network, database or clock. null = not_applicable. */
  analyze(ev: Evidence, ctx: AnalyzeContext): Verdict<R> | null;
};

const ID = /^[A-Z]{3}-\d{2}$/;

/** Declares a check; rejects malformed ids and positive points at module load. */
export function defineCheck<R extends string>(def: CheckDef<R>): CheckDef<R> {
  if (!ID.test(def.id)) throw new Error(`bad check id ${def.id}`);
  for (const [name, spec] of Object.entries<ResultSpec>(def.results)) {
    if (spec.points > 0) throw new Error(`${def.id}/${name}: points must be ≤ 0`);
    if ((IMPLICIT_RESULTS as readonly string[]).includes(name)) throw new Error(`${def.id}: ${name} is implicit`);
  }
  return def;
}

/** Shorthands for the common result specs. */
export const PASS: ResultSpec = { severity: 'none', points: 0 };
export const UNDETERMINED: ResultSpec = { severity: 'info', points: 0 };
