/**
 * A small, bounded HTML tokenizer: enough to read titles, metas, links, scripts and text of
 * hostile or broken pages without a DOM. Linear in the input; never throws.
 */

export type Attrs = Map<string, string>;

export type HtmlToken =
  | { kind: 'open'; name: string; attrs: Attrs; selfClosing: boolean; start: number }
  | { kind: 'close'; name: string; start: number }
  | { kind: 'text'; text: string; start: number }
  /** Content of a raw-text element (script, style, title, textarea, noscript, …), undecoded. */
  | { kind: 'raw'; name: string; attrs: Attrs; text: string; start: number };

/** Elements whose content is not markup. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'noscript', 'xmp', 'iframe', 'template', 'noembed', 'noframes']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®',
  middot: '·', mdash: '—', ndash: '–', hellip: '…', laquo: '«', raquo: '»', times: '×',
  ensp: ' ', emsp: ' ', thinsp: ' ', zwj: '\u200d', zwnj: '\u200c', yen: '¥', trade: '™',
};

/** Decodes character references; unknown names stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,15});?/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f';
}

/** Parses the attributes of a tag from `from` up to its closing `>`; returns them and the end index. */
function readAttrs(html: string, from: number): { attrs: Attrs; end: number; selfClosing: boolean } {
  const attrs: Attrs = new Map();
  let i = from;
  let selfClosing = false;
  const n = html.length;
  while (i < n) {
    while (i < n && (isSpace(html[i]) || html[i] === '/')) {
      if (html[i] === '/') selfClosing = true;
      i++;
    }
    if (i >= n) break;
    if (html[i] === '>') return { attrs, end: i + 1, selfClosing };
    selfClosing = false;
    const nameStart = i;
    while (i < n && !isSpace(html[i]) && html[i] !== '>' && html[i] !== '=' && html[i] !== '/') i++;
    const name = html.slice(nameStart, i).toLowerCase();
    while (i < n && isSpace(html[i])) i++;
    let value = '';
    if (html[i] === '=') {
      i++;
      while (i < n && isSpace(html[i])) i++;
      const q = html[i];
      if (q === '"' || q === "'") {
        const close = html.indexOf(q, i + 1);
        const stop = close === -1 ? n : close;
        value = html.slice(i + 1, stop);
        i = stop + 1;
      } else {
        const vStart = i;
        while (i < n && !isSpace(html[i]) && html[i] !== '>') i++;
        value = html.slice(vStart, i);
      }
    }
    if (name && !attrs.has(name)) attrs.set(name, decodeEntities(value));
    if (i === nameStart) i++; // guarantees progress on stray characters
  }
  return { attrs, end: n, selfClosing };
}

/** Finds `</name` (case-insensitive) from `from`; -1 if absent. */
function findClose(html: string, lower: string, name: string, from: number): number {
  return lower.indexOf(`</${name}`, from);
}

/** Tokenizes HTML. `lower` is html.toLowerCase(), passed in so callers can reuse it. */
export function* tokenize(html: string, lower = html.toLowerCase()): Generator<HtmlToken> {
  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1) {
      yield { kind: 'text', text: decodeEntities(html.slice(i)), start: i };
      return;
    }
    if (lt > i) yield { kind: 'text', text: decodeEntities(html.slice(i, lt)), start: i };
    const next = html[lt + 1];
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (next === '!' || next === '?') {
      const end = html.indexOf('>', lt);
      i = end === -1 ? n : end + 1;
      continue;
    }
    if (next === '/') {
      const m = /^<\/([a-zA-Z][a-zA-Z0-9:-]*)/.exec(html.slice(lt, lt + 64));
      const end = html.indexOf('>', lt);
      if (m?.[1]) yield { kind: 'close', name: m[1].toLowerCase(), start: lt };
      i = end === -1 ? n : end + 1;
      continue;
    }
    const m = /^<([a-zA-Z][a-zA-Z0-9:-]*)/.exec(html.slice(lt, lt + 64));
    if (!m?.[1]) {
      yield { kind: 'text', text: '<', start: lt };
      i = lt + 1;
      continue;
    }
    const name = m[1].toLowerCase();
    const { attrs, end, selfClosing } = readAttrs(html, lt + 1 + m[1].length);
    if (RAW_TEXT.has(name) && !selfClosing) {
      const close = findClose(html, lower, name, end);
      const stop = close === -1 ? n : close;
      yield { kind: 'raw', name, attrs, text: html.slice(end, stop), start: lt };
      const closeEnd = close === -1 ? n : html.indexOf('>', close);
      i = closeEnd === -1 ? n : closeEnd + 1;
      continue;
    }
    yield { kind: 'open', name, attrs, selfClosing, start: lt };
    i = end;
  }
}
