/** Builders of evidence references (pointers into the bundle) shared by checks. */

import type { CaptureRef, PageView } from '../analyze/page';
import { excerptAround } from '../analyze/text';
import { headerOf, type Capture } from '../evidence';
import type { EvidenceRef } from './define';

export function statusRef(cap: Capture, capture: CaptureRef): EvidenceRef {
  return { kind: 'status', capture, url: cap.url, status: cap.status };
}

export function headerRef(cap: Capture, capture: CaptureRef, name: string): EvidenceRef {
  return { kind: 'header', capture, name, value: (headerOf(cap, name) ?? '').slice(0, 2048) };
}

/** A span of the raw body; the excerpt is ≤ 2 KB around it. */
export function bodyRef(view: PageView, start: number, end: number): EvidenceRef {
  return { kind: 'body', capture: view.ref, start, end, excerpt: excerptAround(view.capture.body, start, end) };
}

/** A body span located by the first occurrence of a needle (case-insensitive), else the start. */
export function bodyRefAt(view: PageView, needle: RegExp | string): EvidenceRef {
  const body = view.capture.body;
  const m = typeof needle === 'string' ? body.toLowerCase().indexOf(needle.toLowerCase()) : body.search(needle);
  const start = Math.max(0, m);
  const len = typeof needle === 'string' ? needle.length : 64;
  return bodyRef(view, start, Math.min(body.length, start + len));
}
