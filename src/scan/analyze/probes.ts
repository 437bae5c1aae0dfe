/**
 * Guards for path probes (spec §3.1): the soft-404 guard against the random probe and the
 * content tests every exposure check combines with its own positive signature.
 */

import { headerOf, type Capture, type Evidence } from '../evidence';
import { similarity } from './minhash';
import { probeOf, type PageView } from './page';

/** A content signature: true when the capture is what the check looks for. */
export type Signature = (cap: Capture) => boolean;

/** Raw files must not be HTML: not text/html and no leading <!doctype / <html. */
export function notHtml(cap: Capture): boolean {
  const ct = headerOf(cap, 'content-type') ?? '';
  if (/text\/html|application\/xhtml/i.test(ct)) return false;
  return !/^\s*(<!doctype\s+html|<html|<head|<body)/i.test(cap.body);
}

/** Whether the raw body begins with the given bytes (hex, lower case). */
export function startsWithHex(cap: Capture, hex: string): boolean {
  return cap.headHex.toLowerCase().startsWith(hex);
}

/** The random probe's capture, if one was made. */
export function randomProbeOf(ev: Evidence): PageView | null {
  return ev.randomProbe ? probeOf(ev, ev.randomProbe) : null;
}

/**
 * Soft-404 guard: a hit with the random probe's status and a length within ±10 % or MinHash
 * similarity ≥ 0.9 is discarded — unless the signature matches the hit and not the random page.
 */
export function soft404(ev: Evidence, hit: PageView, signature: Signature): boolean {
  const random = randomProbeOf(ev);
  if (!random || random.capture === hit.capture) return false;
  if (random.capture.status !== hit.capture.status) return false;
  const r = random.capture.bodyBytes;
  const lengthClose = Math.abs(hit.capture.bodyBytes - r) <= r * 0.1;
  const similar = lengthClose || similarity(hit.minhash, random.minhash) >= 0.9;
  return similar && signature(random.capture);
}

const ok2xx = (s: number | null): boolean => s === 200 || s === 206;

/**
 * The probe at `path` when it passes the guards: an accepted status (200/206 by default), the
 * positive signature, and the soft-404 guard. Status alone never fires.
 */
export function probeHit(
  ev: Evidence,
  path: string,
  signature: Signature,
  acceptStatus: (s: number | null) => boolean = ok2xx,
): PageView | null {
  const view = probeOf(ev, path);
  if (!view || view.capture.error !== undefined || !acceptStatus(view.capture.status)) return null;
  if (!signature(view.capture)) return null;
  return soft404(ev, view, signature) ? null : view;
}

/** Like probeHit for a capture that is not a probe (e.g. the home page for EXP-05 `/`). */
export function captureHit(ev: Evidence, view: PageView, signature: Signature): boolean {
  return ok2xx(view.capture.status) && signature(view.capture) && !soft404(ev, view, signature);
}
