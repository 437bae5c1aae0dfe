import { z } from 'zod';

/** Queue names of remote detection (remote-detection.md §5.2) and their payloads. */
export const SCAN_JOBS = { plan: 'scan.plan', chunk: 'scan.chunk', finalize: 'scan.finalize' } as const;

/** Tasks per chunk: one scan.chunk job each; co-hosted sites (same IP) share one. */
export const CHUNK_SIZE = 100;

export const ZScanJob = z.object({ scanId: z.uuid() });
export const ZChunkJob = z.object({ scanId: z.uuid(), chunk: z.int().min(0) });

export function chunkKey(scanId: string, chunk: number): string {
  return `scan.chunk:${scanId}:${chunk}`;
}
