import { createHash } from 'node:crypto';

/**
 * Defects planted on some demo websites, so a demo scan has something to find. Chosen from the
 * hostname alone (sha256), so the same site shows the same defect on every start and machine,
 * with no state beside the registry: about seven sites in ten are clean.
 */
export const DEMO_DEFECTS = ['icp-missing', 'icp-mismatch', 'exposed-git', 'hidden-links', 'version-headers'] as const;
export type DemoDefect = (typeof DEMO_DEFECTS)[number];

/** The check whose finding each planted defect must produce (remote-detection.md §3.2). */
export const DEFECT_CHECK: Readonly<Record<DemoDefect, string>> = {
  'icp-missing': 'FIL-01',
  'icp-mismatch': 'FIL-02',
  'exposed-git': 'EXP-01',
  'hidden-links': 'CNT-03',
  'version-headers': 'LEK-01',
};

/** Buckets of 20: an old Apache/PHP stack is the most common defect, 暗链 and .git the rarest. */
const BUCKETS: readonly (DemoDefect | null)[] = [
  'version-headers', 'version-headers', 'icp-missing', 'icp-mismatch', 'exposed-git', 'hidden-links',
  ...Array.from({ length: 14 }, () => null),
];

/** The defect planted on a demo website, or null for a clean one. */
export function plantedDefect(hostname: string): DemoDefect | null {
  const n = createHash('sha256').update(hostname.toLowerCase()).digest().readUInt32BE(0);
  return BUCKETS[n % BUCKETS.length] ?? null;
}

/**
 * The number a site with `icp-mismatch` shows instead of its registered one: every digit of the
 * main number shifted by 3, so it is well-formed and always different (FIL-02 `main_mismatch`).
 */
export function mismatchedIcp(registered: string): string {
  return registered.replace(/(ICP[备证])(\d+)/, (_m, kind: string, digits: string) => kind + [...digits].map((d) => String((Number(d) + 3) % 10)).join(''));
}
