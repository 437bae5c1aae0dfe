import { pngBytes } from './kinds/common';

/** Page geometry and colours shared by every document kind (A4, points). */
export const PAGE_MARGINS = { top: 56, bottom: 78, left: 62, right: 62 };
const RED = '#C8161D';
const TEXT = '#111111';
const MUTED = '#666666';
const BORDER = '#444444';
const SHADE = '#F1F1F1';
const BODY_SIZE = 11;
const TABLE_SIZE = 9.5;
const CELL_PAD = 4;
const SIGNATURE_BOX_HEIGHT = 96;

export const FONT_REGULAR = 'cjk';
export const FONT_BOLD = 'cjk-bold';

export type Column = {
  header: string;
  weight: number;
  align?: 'left' | 'center' | 'right';
  /** Values printed bold in red, e.g. 不符合, 未整改. */
  highlight?: readonly string[];
};

export type SignatureBlock = {
  /** What the signer signs as: 检查人员, 被检查单位负责人 … */
  role: string;
  name?: string;
  /** Credential number or post, printed under the name. */
  detail?: string;
  /** PNG data URL of the captured signature; an empty box is left for a pen otherwise. */
  image?: string;
  signedAt?: string;
  /** Replaces the signature: a refusal noted by the officers. */
  note?: string;
};

/**
 * A thin layer over a pdfkit document that knows the official layout: section headings, indented
 * paragraphs, bordered tables that break across pages with their header repeated, signature
 * boxes and the closing line with its seal. Kinds draw their body through it only.
 */
export class DocWriter {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  get left(): number {
    return this.doc.page.margins.left;
  }
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private use(bold: boolean, size: number, color = TEXT): PDFKit.PDFDocument {
    return this.doc.font(bold ? FONT_BOLD : FONT_REGULAR).fontSize(size).fillColor(color);
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.doc.x = this.left;
  }

  gap(points: number): void {
    if (this.doc.y + points > this.bottom) this.newPage();
    else this.doc.y += points;
  }

  /** Issuing unit, red title, document number and the red rule under them. */
  masthead(unitName: string, title: string, docNumber: string): void {
    const doc = this.doc;
    this.use(true, 18, RED).text(unitName, this.left, doc.page.margins.top, {
      width: this.width, align: 'center', characterSpacing: 2,
    });
    doc.moveDown(0.25);
    this.use(true, 22, RED).text(title, this.left, doc.y, { width: this.width, align: 'center', characterSpacing: 4 });
    doc.moveDown(0.35);
    this.use(false, 11).text(docNumber, this.left, doc.y, { width: this.width, align: 'center' });
    const y = doc.y + 5;
    doc.save().lineWidth(1.6).strokeColor(RED).moveTo(this.left, y).lineTo(this.left + this.width, y).stroke().restore();
    doc.y = y + 12;
  }

  /** A page that belongs to the same document but is kept apart: stub, service receipt. */
  subTitle(unitName: string, title: string, docNumber: string): void {
    this.use(true, 14, RED).text(unitName, this.left, this.doc.y, { width: this.width, align: 'center', characterSpacing: 2 });
    this.doc.moveDown(0.2);
    this.use(true, 18, RED).text(title, this.left, this.doc.y, { width: this.width, align: 'center', characterSpacing: 4 });
    this.doc.moveDown(0.3);
    this.use(false, 10.5).text(docNumber, this.left, this.doc.y, { width: this.width, align: 'center' });
    this.doc.moveDown(0.8);
  }

  /** A section heading, moved to the next page unless `keep` points of what follows fit under it. */
  heading(text: string, keep = 48): void {
    this.ensureSpace(keep + 24);
    this.gap(5);
    this.use(true, 12).text(text, this.left, this.doc.y, { width: this.width, lineGap: 3 });
    this.gap(3);
  }

  /** Body text, first line indented two characters as in official prose. */
  paragraph(text: string, opts: { indent?: boolean; bold?: boolean; size?: number; align?: 'left' | 'right' | 'center' | 'justify' } = {}): void {
    const size = opts.size ?? BODY_SIZE;
    this.use(opts.bold ?? false, size);
    this.ensureSpace(size * 2);
    this.doc.text(text, this.left, this.doc.y, {
      width: this.width,
      indent: opts.indent === false ? 0 : size * 2,
      align: opts.align ?? 'left',
      lineGap: 4,
    });
    this.gap(2);
  }

  /** Numbered lines: 1. …  2. … with a hanging indent. */
  numbered(items: readonly string[], opts: { start?: number } = {}): void {
    this.use(false, BODY_SIZE);
    items.forEach((item, i) => {
      const label = `${(opts.start ?? 1) + i}. `;
      const labelWidth = this.doc.widthOfString('00. ');
      this.ensureSpace(BODY_SIZE * 2);
      const y = this.doc.y;
      this.doc.text(label, this.left + BODY_SIZE * 2, y, { width: labelWidth, lineBreak: false });
      this.doc.text(item, this.left + BODY_SIZE * 2 + labelWidth, y, { width: this.width - BODY_SIZE * 2 - labelWidth, lineGap: 4 });
      this.gap(1);
    });
  }

  /** Label/value pairs as a bordered grid; `columns: 2` puts two pairs on a row. */
  fields(pairs: ReadonlyArray<readonly [string, string]>, opts: { columns?: 1 | 2 } = {}): void {
    if (opts.columns === 2) {
      const rows: string[][] = [];
      for (let i = 0; i < pairs.length; i += 2) {
        const a = pairs[i];
        const b = pairs[i + 1];
        rows.push([a?.[0] ?? '', a?.[1] ?? '', b?.[0] ?? '', b?.[1] ?? '']);
      }
      const cols: Column[] = [{ header: '', weight: 1.4 }, { header: '', weight: 2 }, { header: '', weight: 1.4 }, { header: '', weight: 2 }];
      this.table(cols, rows, { header: false, shadeColumns: [0, 2] });
    } else {
      this.table([{ header: '', weight: 1 }, { header: '', weight: 3.6 }], pairs.map(([l, v]) => [l, v]), { header: false, shadeColumns: [0] });
    }
    this.gap(6);
  }

  /** A bordered table; rows move whole to the next page, which repeats the header. */
  table(columns: readonly Column[], rows: ReadonlyArray<readonly string[]>, opts: { header?: boolean; shadeColumns?: readonly number[] } = {}): void {
    const doc = this.doc;
    const total = columns.reduce((s, c) => s + c.weight, 0);
    const widths = columns.map((c) => (c.weight / total) * this.width);
    const showHeader = opts.header !== false;
    const shaded = new Set(opts.shadeColumns ?? []);
    const pageRoom = () => this.bottom - doc.page.margins.top - (showHeader ? 30 : 0);

    const measure = (cells: readonly string[], bold: boolean): number => {
      this.use(bold, TABLE_SIZE);
      const heights = cells.map((cell, i) =>
        doc.heightOfString(cell === '' ? ' ' : cell, { width: (widths[i] ?? 0) - 2 * CELL_PAD, lineGap: 2 }),
      );
      return Math.max(...heights) + 2 * CELL_PAD;
    };

    const drawRow = (cells: readonly string[], header: boolean): void => {
      const height = Math.min(measure(cells, header), pageRoom());
      const y = doc.y;
      let x = this.left;
      cells.forEach((cell, i) => {
        const w = widths[i] ?? 0;
        if (header || shaded.has(i)) doc.save().rect(x, y, w, height).fill(SHADE).restore();
        doc.save().lineWidth(0.6).strokeColor(BORDER).rect(x, y, w, height).stroke().restore();
        const hot = !header && (columns[i]?.highlight?.includes(cell) ?? false);
        this.use(header || shaded.has(i) || hot, TABLE_SIZE, hot ? RED : TEXT);
        doc.text(cell, x + CELL_PAD, y + CELL_PAD, {
          width: w - 2 * CELL_PAD,
          height: height - 2 * CELL_PAD,
          ellipsis: true,
          lineGap: 2,
          align: header ? 'center' : (columns[i]?.align ?? 'left'),
        });
        x += w;
      });
      doc.x = this.left;
      doc.y = y + height;
    };

    const headerCells = columns.map((c) => c.header);
    const headerHeight = showHeader ? measure(headerCells, true) : 0;
    const first = rows[0];
    this.ensureSpace(headerHeight + (first ? Math.min(measure(first, false), pageRoom()) : 0));
    if (showHeader) drawRow(headerCells, true);
    for (const row of rows) {
      const height = Math.min(measure(row, false), pageRoom());
      if (doc.y + height > this.bottom) {
        this.newPage();
        if (showHeader) drawRow(headerCells, true);
      }
      drawRow(row, false);
    }
    this.gap(4);
  }

  /** Heading, attestation sentence and signature boxes kept together on one page. */
  signatureSection(heading: string, statement: string, blocks: readonly SignatureBlock[]): void {
    this.ensureSpace(24 + 24 + SIGNATURE_BOX_HEIGHT + 8);
    this.heading(heading, 0);
    this.paragraph(statement);
    this.signatures(blocks);
  }

  /** Signature boxes, three to a row; a captured PNG is fitted into its box. */
  signatures(blocks: readonly SignatureBlock[]): void {
    const doc = this.doc;
    const perRow = 3;
    const gutter = 10;
    const boxWidth = (this.width - gutter * (perRow - 1)) / perRow;
    const boxHeight = SIGNATURE_BOX_HEIGHT;
    for (let i = 0; i < blocks.length; i += perRow) {
      this.ensureSpace(boxHeight + 6);
      const y = doc.y;
      blocks.slice(i, i + perRow).forEach((block, j) => {
        this.signatureBox(block, this.left + j * (boxWidth + gutter), y, boxWidth, boxHeight);
      });
      doc.x = this.left;
      doc.y = y + boxHeight + 8;
    }
  }

  private signatureBox(block: SignatureBlock, x: number, y: number, w: number, h: number): void {
    const doc = this.doc;
    doc.save().lineWidth(0.5).strokeColor('#999999').rect(x, y, w, h).stroke().restore();
    this.use(false, 8.5, MUTED).text(block.role, x + 5, y + 4, { width: w - 10, lineBreak: false, ellipsis: true });
    const imageTop = y + 17;
    const imageHeight = 38;
    if (block.note) {
      this.use(false, 8.5).text(block.note, x + 5, imageTop, { width: w - 10, height: h - 22, ellipsis: true, lineGap: 1 });
      return;
    }
    if (block.image) {
      doc.image(pngBytes(block.image), x + 6, imageTop, { fit: [w - 12, imageHeight], align: 'center', valign: 'center' });
    } else {
      this.use(false, 8.5, '#BBBBBB').text('（签名）', x + 5, imageTop + 14, { width: w - 10, align: 'center', lineBreak: false });
    }
    const lines = [block.name, block.detail, block.signedAt].filter((s): s is string => Boolean(s));
    let ly = imageTop + imageHeight + 2;
    lines.forEach((line, k) => {
      this.use(k === 0, k === 0 ? 9 : 8, k === 0 ? TEXT : MUTED).text(line, x + 5, ly, {
        width: w - 10, align: 'center', lineBreak: false, ellipsis: true,
      });
      ly += k === 0 ? 12 : 10;
    });
  }

  /** The signature line (落款): unit and date at the right, the seal over them when issued. */
  closing(unitName: string, dateText: string, seal: { text: string; subText?: string } | null): void {
    const doc = this.doc;
    // The seal reaches 38pt above the unit line, inside the gap, and 66pt below it, of which
    // up to 12pt may run into the bottom margin (the footer starts 22pt further down).
    const gapAbove = seal ? 40 : 18;
    if (doc.y + gapAbove + (seal ? 54 : 40) > this.bottom) {
      // The usual note when the signature line is pushed onto a page of its own.
      this.newPage();
      this.use(false, BODY_SIZE).text('（此页无正文）', this.left, doc.y, { width: this.width });
    }
    this.gap(gapAbove);
    const blockWidth = 220;
    const x = this.left + this.width - blockWidth;
    const y = doc.y;
    this.use(false, 12).text(unitName, x, y, { width: blockWidth, align: 'center' });
    this.use(false, 12).text(dateText, x, doc.y + 4, { width: blockWidth, align: 'center' });
    const after = doc.y;
    if (seal) drawSeal(doc, x + blockWidth / 2, y + 14, 52, seal.text, seal.subText);
    doc.x = this.left;
    doc.y = Math.max(after, y + 70) + 6;
  }

  /** A check mark list over a closed set of options: ■ chosen, □ not. */
  ticks(options: ReadonlyArray<readonly [string, boolean]>): void {
    this.paragraph(options.map(([label, on]) => `${on ? '■' : '□'} ${label}`).join('    '), { indent: false });
  }
}

/** A round red seal: rim, text around the top arc, five-pointed star, optional text below. */
export function drawSeal(doc: PDFKit.PDFDocument, cx: number, cy: number, r: number, text: string, subText?: string): void {
  doc.save();
  doc.opacity(0.82);
  doc.lineWidth(2.4).strokeColor(RED).circle(cx, cy, r).stroke();
  doc.lineWidth(0.6).circle(cx, cy, r - 4).stroke();

  const chars = [...text];
  const size = chars.length <= 6 ? 14 : chars.length <= 10 ? 12 : 10;
  const span = Math.min(260, Math.max(170, chars.length * 24));
  const radius = r - 10 - size / 2;
  doc.font(FONT_BOLD).fontSize(size).fillColor(RED);
  chars.forEach((ch, i) => {
    const step = chars.length > 1 ? span / (chars.length - 1) : 0;
    const angle = -span / 2 + i * step; // degrees, clockwise from 12 o'clock
    const rad = (angle * Math.PI) / 180;
    const px = cx + radius * Math.sin(rad);
    const py = cy - radius * Math.cos(rad);
    doc.save().translate(px, py).rotate(angle, { origin: [0, 0] });
    doc.text(ch, -size / 2, -size / 2 - 1, { width: size, align: 'center', lineBreak: false });
    doc.restore();
  });

  const star = starPath(cx, cy + (subText ? -2 : 2), r * 0.3);
  doc.polygon(...star).fill(RED);
  if (subText) {
    doc.fontSize(8.5).text(subText, cx - r, cy + r * 0.42, { width: 2 * r, align: 'center', lineBreak: false });
  }
  doc.restore();
}

function starPath(cx: number, cy: number, outer: number): Array<[number, number]> {
  const inner = outer * 0.382;
  const points: Array<[number, number]> = [];
  for (let i = 0; i < 10; i++) {
    const rad = (Math.PI / 5) * i;
    const len = i % 2 === 0 ? outer : inner;
    points.push([cx + len * Math.sin(rad), cy - len * Math.cos(rad)]);
  }
  return points;
}

/**
 * Runs over every buffered page once the body is done: page numbers, the document number and
 * the content hash in the footer, and a watermark on drafts.
 */
export function finishPages(doc: PDFKit.PDFDocument, footer: { docNumber: string; contentHash: string; draft: boolean }): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { width, height, margins } = doc.page;
    const savedBottom = margins.bottom;
    // Writing below the bottom margin would make pdfkit open a new page.
    margins.bottom = 0;
    if (footer.draft) {
      doc.save().opacity(0.1).fillColor('#000000').font(FONT_BOLD).fontSize(72);
      doc.rotate(-35, { origin: [width / 2, height / 2] });
      doc.text('草稿 未生效', 0, height / 2 - 40, { width, align: 'center', lineBreak: false });
      doc.restore();
    }
    const y = height - 56;
    doc.save().lineWidth(0.4).strokeColor('#BBBBBB').moveTo(margins.left, y - 6).lineTo(width - margins.right, y - 6).stroke().restore();
    const inner = width - margins.left - margins.right;
    doc.font(FONT_REGULAR).fontSize(8).fillColor(MUTED);
    doc.text(footer.docNumber, margins.left, y, { width: inner / 2, align: 'left', lineBreak: false });
    if (footer.draft) {
      // Also upright: text extraction skips the diagonal watermark.
      doc.font(FONT_BOLD).fontSize(8).fillColor(RED).text('草稿 未生效', margins.left + inner / 2, y, {
        width: inner / 2, align: 'right', lineBreak: false,
      });
      doc.font(FONT_REGULAR);
    }
    doc.fontSize(9).fillColor(TEXT).text(`第 ${i - range.start + 1} 页 共 ${range.count} 页`, margins.left, y, {
      width: inner, align: 'center', lineBreak: false,
    });
    doc.fontSize(7).fillColor(MUTED).text(`内容摘要 SHA-256：${footer.contentHash}`, margins.left, y + 14, {
      width: inner, align: 'center', lineBreak: false,
    });
    margins.bottom = savedBottom;
  }
}
