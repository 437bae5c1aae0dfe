import { createHash } from 'node:crypto';
import type { NetErrorCode } from '../evidence';

/** The evidence trail of a task (spec §2.5): one entry per request or handshake made. */

export type RequestPurpose =
  | 'http_walk' | 'https_walk' | 'random_probe' | 'probe' | 'spider_walk' | 'tls_pin';

export type RequestLogEntry = {
  /** Order in which the requests started, from 0. */
  seq: number;
  /** Start time, ISO 8601. */
  at: string;
  /** HANDSHAKE = a pinned-version TLS handshake with no HTTP request. */
  method: 'GET' | 'HEAD' | 'HANDSHAKE';
  url: string;
  /** Address dialled, when a connect was attempted. */
  ip: string | null;
  port: number | null;
  /** Request headers as sent by us (Host included). */
  headers: Record<string, string>;
  status: number | null;
  /** Body bytes read. */
  bytes: number;
  durationMs: number;
  /** Negotiated TLS version (pins: the version asked for, when accepted). */
  tlsVersion: string | null;
  error: NetErrorCode | null;
  errorDetail: string | null;
  /** 1 for the first try, 2–3 for retries. */
  attempt: number;
  /** Why the request was made; the consuming checks follow from it (probes: by path). */
  purpose: RequestPurpose;
};

/** sha256 (hex) over the log as stored, cited by the inspection record. */
export function hashRequestLog(log: readonly RequestLogEntry[]): string {
  return createHash('sha256').update(JSON.stringify(log)).digest('hex');
}

/** A scan's digest over its tasks' log digests, in task order. */
export function hashScanDigests(taskDigests: readonly string[]): string {
  return createHash('sha256').update(taskDigests.join('\n')).digest('hex');
}
