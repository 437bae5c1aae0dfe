import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export const ZUnitLevel = z.enum(['ministry', 'province', 'city', 'county', 'station']);
export type UnitLevel = z.infer<typeof ZUnitLevel>;

/** Rank order: a child must rank strictly below its parent (部 > 省 > 市 > 县 > 派出所). */
export const levelRank: Record<UnitLevel, number> = { ministry: 0, province: 1, city: 2, county: 3, station: 4 };

export const ZRegionCode = z.string().regex(/^\d{6}$/, 'region code must be 6 digits (GB/T 2260)');

export type Unit = {
  id: string;
  parentId: string | null;
  path: string;
  level: UnitLevel;
  name: string;
  regionCode: string;
  docPrefix: string | null;
  isDemo: boolean;
};

/** A fresh path segment; short random codes keep paths compact and never collide in practice. */
export function newPathSegment(): string {
  return randomBytes(5).toString('hex').slice(0, 8);
}
