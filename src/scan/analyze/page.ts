/**
 * Derived views of captured pages, memoised per capture so 48 checks parse a page once.
 * Memoisation keys are the evidence objects themselves: pure, no global state beyond a WeakMap.
 */

import { headerOf, type Capture, type Evidence, type Exchange } from '../evidence';
import { parsePage, pageText, type ParsedPage } from './html';
import { fingerprintText } from './minhash';
import { countVisibleChars } from './text';

/** Where a capture sits in the bundle; stored with evidence references. */
export type CaptureRef = { walk: 'http' | 'https' | 'spider'; hop?: number } | { probe: string };

export type PageView = {
  readonly capture: Capture;
  readonly ref: CaptureRef;
  readonly isHtml: boolean;
  readonly page: ParsedPage;
  /** Text nodes outside scripts, styles, comments and the head, hidden ones included. */
  readonly allText: string;
  /** Text nodes a visitor sees (hidden contexts excluded). */
  readonly shownText: string;
  /** Non-whitespace characters of shownText. */
  readonly visibleChars: number;
  /** MinHash of allText (the fingerprint compared with baselines and history). */
  readonly minhash: number[];
};

/** Computes each derived fact on first use: most probes are only ever asked for their status. */
class LazyView implements PageView {
  readonly isHtml: boolean;
  #page?: ParsedPage;
  #allText?: string;
  #shownText?: string;
  #visibleChars?: number;
  #minhash?: number[];

  constructor(readonly capture: Capture, readonly ref: CaptureRef) {
    this.isHtml = isHtmlCapture(capture);
  }

  get page(): ParsedPage {
    return (this.#page ??= parsePage(this.isHtml ? this.capture.body : '', this.capture.url));
  }

  get allText(): string {
    return (this.#allText ??= this.isHtml ? pageText(this.page, { includeHidden: true }) : this.capture.body);
  }

  get shownText(): string {
    return (this.#shownText ??= this.isHtml ? pageText(this.page, { includeHidden: false }) : this.capture.body);
  }

  get visibleChars(): number {
    return (this.#visibleChars ??= countVisibleChars(this.shownText));
  }

  get minhash(): number[] {
    return (this.#minhash ??= fingerprintText(this.allText));
  }
}

const views = new WeakMap<Capture, PageView>();
const homes = new WeakMap<Evidence, PageView | null>();

/** Whether a capture holds HTML (by Content-Type, else by its first bytes). */
export function isHtmlCapture(cap: Capture): boolean {
  const ct = headerOf(cap, 'content-type');
  if (ct) return /html/i.test(ct);
  return /^\s*(<!doctype|<html|<head|<body|<meta|<title|<!--|<div|<p\b)/i.test(cap.body);
}

/** The view of a capture (memoised; its facts are computed lazily). */
export function viewOf(cap: Capture, ref: CaptureRef): PageView {
  let view = views.get(cap);
  if (!view) views.set(cap, (view = new LazyView(cap, ref)));
  return view;
}

const is2xx = (c: Capture): boolean => c.status !== null && c.status >= 200 && c.status < 300;

function usable(ex: Exchange | null): ex is Exchange {
  return ex !== null && ex.stopReason !== 'off_host' && ex.final.status !== null;
}

/**
 * The home page: the https walk's final 2xx, else http's, else any final response of a walk
 * that did not leave the site. Null when no walk got a response on the site.
 */
export function homeOf(ev: Evidence): PageView | null {
  if (homes.has(ev)) return homes.get(ev) ?? null;
  const walks: ['https' | 'http', Exchange | null][] = [['https', ev.https], ['http', ev.http]];
  const pick =
    walks.find(([, ex]) => usable(ex) && is2xx(ex.final)) ??
    walks.find(([, ex]) => usable(ex));
  const view = pick && pick[1] ? viewOf(pick[1].final, { walk: pick[0] }) : null;
  homes.set(ev, view);
  return view;
}

/** The page the header checks read: final 2xx HTML of the https walk, else of the http walk. */
export function headerPageOf(ev: Evidence): PageView | null {
  for (const [walk, ex] of [['https', ev.https], ['http', ev.http]] as const) {
    if (usable(ex) && is2xx(ex.final) && isHtmlCapture(ex.final)) return viewOf(ex.final, { walk });
  }
  return null;
}

/** The spider variant's final page, if it got one on the site. */
export function spiderOf(ev: Evidence): PageView | null {
  return usable(ev.spider) ? viewOf(ev.spider.final, { walk: 'spider' }) : null;
}

/** A probe's view, or null when not captured. */
export function probeOf(ev: Evidence, path: string): PageView | null {
  const cap = ev.probes[path];
  return cap ? viewOf(cap, { probe: path }) : null;
}

/** True when the https walk reached the site over TLS and got a response. */
export function httpsWorks(ev: Evidence): boolean {
  return ev.https !== null && ev.https.final.status !== null && ev.https.final.error === undefined;
}

export { is2xx };
