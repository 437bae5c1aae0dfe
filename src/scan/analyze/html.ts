/**
 * Reads one HTML page into the facts checks need: title, metas, links (with hidden context),
 * resources, inline scripts and text segments (with hidden / footer / link context).
 */

import { isHidden, parseStyleRules, visibilityOf, VISIBLE, type StyleRules, type Visibility } from './css';
import { decodeEntities, tokenize, type Attrs } from './html-tokens';

/** A run of text and the context it appears in. */
export type TextSegment = {
  text: string;
  /** Inside an element hidden from visitors (§3.4 hidden contexts). */
  hidden: boolean;
  /** Inside <footer> or an element whose id/class names a footer or copyright block. */
  footer: boolean;
  /** href of the innermost enclosing <a>, if any. */
  href: string | null;
  /** From an alt/title attribute rather than a text node. */
  fromAttr: boolean;
};

export type PageLink = {
  /** href as written. */
  href: string;
  /** Absolute URL, or null when not http(s) or unparsable. */
  url: string | null;
  /** Host of url (lower case), or null. */
  host: string | null;
  text: string;
  hidden: boolean;
  /** Found in a document.write string of an inline script. */
  viaScript: boolean;
};

/** A sub-resource reference (never fetched): script, iframe, stylesheet, image, media … */
export type PageResource = { tag: string; url: string; rel: string | null };

export type PageMeta = { name: string; httpEquiv: string; content: string };

export type ParsedPage = {
  title: string;
  metas: PageMeta[];
  links: PageLink[];
  resources: PageResource[];
  inlineScripts: string[];
  /** Number of <script> elements, external or inline. */
  scriptCount: number;
  segments: TextSegment[];
  passwordInputs: number;
  forms: number;
};

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'frame', 'keygen']);
const AUTO_CLOSE = new Set(['p', 'li', 'option', 'dt', 'dd', 'tr', 'td', 'th']);
const RESOURCE_ATTR: Record<string, string> = {
  img: 'src', audio: 'src', video: 'src', source: 'src', embed: 'src', track: 'src', frame: 'src',
  iframe: 'src', object: 'data', link: 'href', script: 'src', input: 'src',
};
const FOOTER_NAME = /foot|bottom|copyright|copy-right|banquan|beian/i;
const MAX_DEPTH = 256;

type Frame = { name: string; vis: Visibility; hidden: boolean; footer: boolean; href: string | null; link: number | null };

const origins = new Map<string, { origin: string; host: string } | null>();

/** Origin and host of an absolute http(s) base URL (cached: a page resolves many links against one base). */
function baseParts(base: string): { origin: string; host: string } | null {
  let parts = origins.get(base);
  if (parts === undefined) {
    try {
      const u = new URL(base);
      parts = u.protocol === 'http:' || u.protocol === 'https:' ? { origin: u.origin, host: u.hostname.toLowerCase() } : null;
    } catch {
      parts = null;
    }
    if (origins.size > 1000) origins.clear();
    origins.set(base, parts);
  }
  return parts;
}

/** Resolves an href against a base: absolute http(s) URL and its host, or null. */
export function resolveLink(href: string, base: string): { url: string; host: string } | null {
  const h = href.trim();
  if (!h || h.startsWith('#') || /^(javascript|mailto|tel|data|about|blob):/i.test(h)) return null;
  // Root-relative links are most links; they need no URL parser.
  if (h.startsWith('/') && !h.startsWith('//') && !h.includes('\\')) {
    const parts = baseParts(base);
    if (parts) return { url: parts.origin + h, host: parts.host };
  }
  try {
    const u = new URL(h, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? { url: u.href, host: u.hostname.toLowerCase() } : null;
  } catch {
    return null;
  }
}

/** Resolves an href against a base; null unless the result is http(s). */
export function resolveUrl(href: string, base: string): string | null {
  return resolveLink(href, base)?.url ?? null;
}

function collectStyles(html: string): StyleRules {
  const parts: string[] = [];
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)) parts.push(m[1] ?? '');
  return parseStyleRules(parts.join('\n'));
}

/** Undoes the escapes scripts use to hide markup: %XX, %uXXXX, \xXX, \uXXXX, \/ \' \". */
function unescapeScript(js: string): string {
  return js
    .replace(/%u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\x([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\(["'/])/g, '$1');
}

/** Links written by document.write in inline scripts (a hidden context by §3.4). */
function scriptWrittenLinks(scripts: string[], base: string): PageLink[] {
  const out: PageLink[] = [];
  for (const js of scripts) {
    if (!/document\s*\.\s*write(ln)?\s*\(/.test(js)) continue;
    const text = unescapeScript(js);
    const re = /<a\s[^>]*?href\s*=\s*["']?([^"'\s>]+)[^>]*>([\s\S]{0,300}?)<\/a/gi;
    for (const m of text.matchAll(re)) {
      const href = m[1] ?? '';
      const label = decodeEntities((m[2] ?? '').replace(/<[^>]*>/g, '')).trim();
      const r = resolveLink(href, base);
      out.push({ href, url: r?.url ?? null, host: r?.host ?? null, text: label, hidden: true, viaScript: true });
      if (out.length >= 500) return out;
    }
  }
  return out;
}

/** Parses a page; `url` is the page's own URL, used to resolve relative links. */
export function parsePage(html: string, url: string): ParsedPage {
  const styles = collectStyles(html);
  const page: ParsedPage = {
    title: '', metas: [], links: [], resources: [], inlineScripts: [], scriptCount: 0, segments: [],
    passwordInputs: 0, forms: 0,
  };
  let base = url;
  let titleSeen = false;
  const stack: Frame[] = [{ name: '#root', vis: VISIBLE, hidden: false, footer: false, href: null, link: null }];
  const top = (): Frame => stack[stack.length - 1] as Frame;

  const addText = (text: string, fromAttr: boolean): void => {
    if (!text.trim()) return;
    const f = top();
    page.segments.push({ text, hidden: f.hidden, footer: f.footer, href: f.href, fromAttr });
    if (!fromAttr) {
      const link = f.link === null ? undefined : page.links[f.link];
      if (link && link.text.length < 500) link.text += text;
    }
  };

  const frameFor = (name: string, attrs: Attrs): Frame => {
    const parent = top();
    const vis = visibilityOf(name, attrs, styles, parent.vis);
    const idClass = `${attrs.get('id') ?? ''} ${attrs.get('class') ?? ''}`;
    const footer = parent.footer || name === 'footer' || FOOTER_NAME.test(idClass);
    return { name, vis, hidden: isHidden(vis), footer, href: parent.href, link: parent.link };
  };

  for (const tok of tokenize(html)) {
    if (tok.kind === 'text') {
      addText(tok.text, false);
    } else if (tok.kind === 'raw') {
      if (tok.name === 'script') {
        page.scriptCount++;
        const src = tok.attrs.get('src');
        if (src) page.resources.push({ tag: 'script', url: src.trim(), rel: null });
        else if (tok.text.trim() && page.inlineScripts.length < 200) page.inlineScripts.push(tok.text);
      } else if (tok.name === 'title' && !titleSeen) {
        titleSeen = true;
        page.title = decodeEntities(tok.text).replace(/\s+/g, ' ').trim();
      } else if (tok.name === 'textarea') {
        addText(decodeEntities(tok.text), false);
      } else if (tok.name === 'iframe') {
        const src = tok.attrs.get('src');
        if (src) page.resources.push({ tag: 'iframe', url: src.trim(), rel: null });
      }
    } else if (tok.kind === 'open') {
      const { name, attrs } = tok;
      const resAttr = RESOURCE_ATTR[name];
      const resUrl = resAttr ? attrs.get(resAttr) : undefined;
      if (resUrl && (name !== 'input' || attrs.get('type')?.toLowerCase() === 'image')) {
        page.resources.push({ tag: name, url: resUrl.trim(), rel: attrs.get('rel')?.toLowerCase() ?? null });
      }
      if (name === 'meta') {
        page.metas.push({
          name: (attrs.get('name') ?? attrs.get('property') ?? '').toLowerCase(),
          httpEquiv: (attrs.get('http-equiv') ?? '').toLowerCase(),
          content: attrs.get('content') ?? '',
        });
      } else if (name === 'base' && attrs.get('href')) {
        base = resolveUrl(attrs.get('href') ?? '', url) ?? base;
      } else if (name === 'input' && attrs.get('type')?.toLowerCase() === 'password') {
        page.passwordInputs++;
      } else if (name === 'form') {
        page.forms++;
      }
      if (AUTO_CLOSE.has(name) && top().name === name) stack.pop();
      const frame = frameFor(name, attrs);
      const href = name === 'a' ? attrs.get('href') : undefined;
      if (href !== undefined && page.links.length < 5000) {
        frame.href = href;
        frame.link = page.links.length;
        const r = resolveLink(href, base);
        page.links.push({ href, url: r?.url ?? null, host: r?.host ?? null, text: '', hidden: frame.hidden, viaScript: false });
      }
      const push = !VOID.has(name) && !tok.selfClosing && stack.length < MAX_DEPTH;
      if (push) stack.push(frame);
      for (const a of ['alt', 'title']) {
        const v = attrs.get(a);
        if (!v) continue;
        if (push) addText(v, true);
        else {
          stack.push(frame);
          addText(v, true);
          stack.pop();
        }
      }
    } else {
      for (let d = stack.length - 1; d > 0; d--) {
        if (stack[d]?.name === tok.name) {
          stack.length = d;
          break;
        }
      }
    }
  }
  page.links.push(...scriptWrittenLinks(page.inlineScripts, base));
  return page;
}

/** Text of visible text nodes (not attributes), optionally skipping hidden ones. */
export function pageText(page: ParsedPage, opts: { includeHidden: boolean }): string {
  const parts: string[] = [];
  for (const s of page.segments) {
    if (s.fromAttr || (s.hidden && !opts.includeHidden)) continue;
    parts.push(s.text);
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Content of the first meta with this name (lower case). */
export function metaContent(page: ParsedPage, name: string): string {
  return page.metas.find((m) => m.name === name)?.content ?? '';
}
