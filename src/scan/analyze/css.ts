/**
 * Just enough CSS to tell whether an element is hidden (spec §3.4, hidden contexts): inline
 * declarations plus simple class/id rules from the page's own <style> blocks. At-rule blocks
 * (@media …) are skipped: a rule that hides a menu on phones does not hide it on desktops.
 */

import type { Attrs } from './html-tokens';

export type Declarations = Map<string, string>;

/** A rule whose selector is one compound of an optional tag plus classes and/or an id. */
type SimpleRule = { tag: string | null; id: string | null; classes: string[]; decls: Declarations };

/**
 * Simple rules, plus the classes/ids that other selectors (descendant, :hover, .open …) show
 * again: `.nav{font-size:0} .nav li{font-size:14px}` and `.menu:hover .sub{display:block}`
 * are layout and menus, not hiding. `revealed` covers display/visibility/opacity, `resized`
 * covers font-size.
 */
export type StyleRules = { rules: SimpleRule[]; revealed: Set<string>; resized: Set<string> };

/** Parses `a: b; c: d` into lower-case property → value (without !important). */
export function parseDeclarations(text: string): Declarations {
  const out: Declarations = new Map();
  for (const part of text.split(';')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const prop = part.slice(0, colon).trim().toLowerCase();
    const value = part.slice(colon + 1).replace(/!\s*important/i, '').trim().toLowerCase();
    if (prop && value) out.set(prop, value);
  }
  return out;
}

const COMPOUND = /^([a-z][a-z0-9]*)?((?:[.#][a-z0-9_-]+)+)$/i;

function parseSelector(sel: string): Omit<SimpleRule, 'decls'> | null {
  const m = COMPOUND.exec(sel.trim());
  if (!m?.[2]) return null;
  const classes: string[] = [];
  let id: string | null = null;
  for (const part of m[2].match(/[.#][a-z0-9_-]+/gi) ?? []) {
    if (part.startsWith('#')) id = part.slice(1);
    else classes.push(part.slice(1));
  }
  return { tag: m[1]?.toLowerCase() ?? null, id, classes };
}

/** Removes comments and at-rule blocks (balanced braces), keeping plain rules. */
function stripAtRules(css: string): string {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  let out = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('@', i);
    if (at === -1) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, at);
    const brace = text.indexOf('{', at);
    const semi = text.indexOf(';', at);
    if (brace === -1 || (semi !== -1 && semi < brace)) {
      i = semi === -1 ? text.length : semi + 1; // @import …;
      continue;
    }
    let depth = 0;
    let j = brace;
    for (; j < text.length; j++) {
      if (text[j] === '{') depth++;
      else if (text[j] === '}' && --depth === 0) break;
    }
    i = j + 1;
  }
  return out;
}

const TOKENS = /[.#][a-z0-9_-]+/gi;

/** Whether declarations make something visible again (display, visibility, opacity). */
function reveals(d: Declarations): boolean {
  const display = d.get('display');
  const opacity = d.get('opacity');
  return (display !== undefined && display !== 'none') || d.get('visibility') === 'visible' ||
    (opacity !== undefined && parseFloat(opacity) > 0.01);
}

/** Collects simple rules from the concatenated <style> contents of a page. */
export function parseStyleRules(css: string): StyleRules {
  const out: StyleRules = { rules: [], revealed: new Set(), resized: new Set() };
  const re = /([^{}]+)\{([^{}]*)\}/g;
  for (const m of stripAtRules(css).matchAll(re)) {
    const decls = parseDeclarations(m[2] ?? '');
    if (!decls.size) continue;
    for (const sel of (m[1] ?? '').split(',')) {
      const parsed = parseSelector(sel);
      if (parsed) {
        out.rules.push({ ...parsed, decls });
        continue;
      }
      const tokens = sel.match(TOKENS) ?? [];
      if (reveals(decls)) for (const t of tokens) out.revealed.add(t.toLowerCase());
      const size = decls.get('font-size');
      if (size !== undefined && !tinyFont(size, false)) for (const t of tokens) out.resized.add(t.toLowerCase());
    }
    if (out.rules.length > 5000) break;
  }
  return out;
}

/** Declarations of the simple rules matching an element, in source order. */
function ruleDeclarations(name: string, attrs: Attrs, styles: StyleRules): Declarations {
  const merged: Declarations = new Map();
  const id = attrs.get('id');
  const classAttr = attrs.get('class');
  if (!styles.rules.length || (!id && !classAttr)) return merged;
  const classes = new Set((classAttr ?? '').split(/\s+/).filter(Boolean));
  for (const r of styles.rules) {
    if (r.tag && r.tag !== name) continue;
    if (r.id && r.id !== id) continue;
    if (!r.classes.every((c) => classes.has(c))) continue;
    for (const [k, v] of r.decls) merged.set(k, v);
  }
  return merged;
}

/** Pixel value of a length, or null if not in px (a bare 0 counts as 0px). */
function px(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = /^(-?\d*\.?\d+)(px)?$/.exec(value.trim());
  if (!m?.[1]) return null;
  if (!m[2] && Number(m[1]) !== 0) return null;
  return Number(m[1]);
}

/** A width/height attribute in pixels (unitless numbers are pixels). */
function attrPx(value: string | undefined): number | null {
  return value !== undefined && /^\s*\d+(\.\d+)?(px)?\s*$/.test(value) ? parseFloat(value) : null;
}

/** Whether a font-size is ≤ 1px; relative sizes inherit the parent's tininess. */
function tinyFont(value: string, parentTiny: boolean): boolean {
  const v = value.trim();
  const p = px(v);
  if (p !== null) return p <= 1;
  const m = /^(\d*\.?\d+)(pt|rem|em|%)$/.exec(v);
  if (!m?.[1]) return false;
  const n = Number(m[1]);
  if (m[2] === 'pt') return n * (4 / 3) <= 1;
  if (m[2] === 'rem') return n * 16 <= 1;
  return parentTiny || n === 0;
}

/**
 * How an element is hidden. `hard` (display:none, opacity:0, off-screen, zero size, hidden
 * attribute, tiny marquee) cannot be undone by descendants; `invisible` (visibility) and
 * `tiny` (font-size) can, by their own declarations.
 */
export type Visibility = { hard: boolean; invisible: boolean; tiny: boolean };
export const VISIBLE: Visibility = { hard: false, invisible: false, tiny: false };

export function isHidden(v: Visibility): boolean {
  return v.hard || v.invisible || v.tiny;
}

/** The visibility of an element given its parent's, its attributes and the page's rules. */
export function visibilityOf(name: string, attrs: Attrs, styles: StyleRules, parent: Visibility): Visibility {
  const inline = parseDeclarations(attrs.get('style') ?? '');
  const rules = ruleDeclarations(name, attrs, styles);
  const tokens = [
    ...(attrs.get('class') ?? '').split(/\s+/).filter(Boolean).map((c) => `.${c.toLowerCase()}`),
    ...(attrs.get('id') ? [`#${(attrs.get('id') ?? '').toLowerCase()}`] : []),
  ];
  const revealed = tokens.some((t) => styles.revealed.has(t));
  const resized = tokens.some((t) => styles.resized.has(t));
  const get = (prop: string): string | undefined =>
    inline.get(prop) ?? ((prop === 'font-size' ? resized : revealed) ? undefined : rules.get(prop));

  let hard = parent.hard || attrs.has('hidden') || get('display') === 'none';
  const opacity = get('opacity');
  if (opacity !== undefined && parseFloat(opacity) <= 0.01) hard = true;
  const overflowHidden = /hidden|clip/.test(get('overflow') ?? '');
  const h = px(get('height'));
  const w = px(get('width'));
  if (overflowHidden && ((h !== null && h <= 0) || (w !== null && w <= 0))) hard = true;
  for (const prop of ['left', 'top', 'text-indent']) {
    const v = px(get(prop));
    if (v !== null && v <= -500) hard = true;
  }
  if (name === 'marquee') {
    const mh = px(get('height')) ?? attrPx(attrs.get('height'));
    const mw = px(get('width')) ?? attrPx(attrs.get('width'));
    if ((mh !== null && mh <= 2) || (mw !== null && mw <= 2)) hard = true;
  }
  const visibility = get('visibility');
  const invisible = visibility === undefined ? parent.invisible : visibility === 'hidden' || visibility === 'collapse';
  const size = get('font-size');
  const tiny = size === undefined ? parent.tiny : tinyFont(size, parent.tiny);
  return { hard, invisible, tiny };
}
