import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { drawReceiptPage, drawStubPage } from './annexes';
import { loadCjkFont } from './fonts';
import type { LoadedCjkFont } from './fonts';
import { canonicalJson, sha256Hex } from './hash';
import type { DocumentKind } from './kinds/common';
import type { PreparedDocument } from './kinds/define';
import { documentKinds } from './kinds/index';
import type { DocumentInput } from './kinds/index';
import { DocWriter, finishPages, FONT_BOLD, FONT_REGULAR, PAGE_MARGINS } from './layout';
import { encodePdfStamp } from './stamp';
import { ZDocumentTemplate } from './template';
import type { DocumentTemplateInput } from './template';

export type RenderedDocument = { pdf: Buffer; contentHash: string };

/**
 * SHA-256 of a document's content: canonical JSON (sorted keys) of its kind and its validated
 * data. Wording the template supplies for fields left out is not covered; a use case that must
 * freeze that wording copies it into the data before issuing.
 */
export function documentContentHash<K extends DocumentKind>(kind: K, data: DocumentInput<K>): string {
  return hashPrepared(documentKinds[kind].prepare(data));
}

function hashPrepared(prepared: PreparedDocument): string {
  return sha256Hex(canonicalJson({ kind: prepared.kind, data: prepared.data }));
}

/**
 * Renders one official document to an A4 PDF: data in, bytes out, no database. The data is
 * validated by the kind's schema (a ZodError names bad fields). The PDF carries the content hash
 * in its footer and, with kind and number, in its metadata for extractPdfStamp(). The same data
 * and template give the same bytes.
 */
/**
 * A font file parsed once per process: pdfkit takes a parsed fontkit font as well as the bytes,
 * and parsing a CJK font for every document was most of a notice's rendering time. Each document
 * still embeds its own subset; the parsed font is read-only apart from fontkit's glyph caches.
 */
const parsedFonts = new WeakMap<Buffer, Map<string, fontkit.Font | fontkit.FontCollection>>();
function parsedFont(face: { data: Buffer; postscriptName?: string }): fontkit.Font | fontkit.FontCollection {
  let byName = parsedFonts.get(face.data);
  if (!byName) parsedFonts.set(face.data, (byName = new Map()));
  const key = face.postscriptName ?? '';
  let parsed = byName.get(key);
  if (!parsed) byName.set(key, (parsed = fontkit.create(face.data, face.postscriptName)));
  return parsed;
}

export async function renderDocument<K extends DocumentKind>(
  kind: K,
  data: DocumentInput<K>,
  template: DocumentTemplateInput,
  options: { font?: LoadedCjkFont } = {},
): Promise<RenderedDocument> {
  const prepared = documentKinds[kind].prepare(data);
  const tpl = ZDocumentTemplate.parse(template);
  const font = options.font ?? loadCjkFont();
  const contentHash = hashPrepared(prepared);
  const { docNumber, issueDate, draft } = prepared.data;

  const doc = new PDFDocument({
    size: 'A4',
    margins: PAGE_MARGINS,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${prepared.title} ${docNumber}`,
      Author: tpl.unitName,
      Subject: `${prepared.title} ${docNumber} SHA-256 ${contentHash}`,
      Keywords: encodePdfStamp({ kind, docNumber, contentHash }),
      Creator: 'wangan',
      // Fixed from the data, not the clock: the file ID hashes the info, so equal data gives equal bytes.
      CreationDate: new Date(`${issueDate}T00:00:00+08:00`),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.registerFont(FONT_REGULAR, parsedFont(font.regular) as never);
  doc.registerFont(FONT_BOLD, parsedFont(font.bold) as never);
  const w = new DocWriter(doc);
  w.masthead(tpl.unitName, prepared.title, docNumber);
  prepared.draw(w, tpl);
  drawStubPage(w, prepared.title, prepared.data, tpl);
  drawReceiptPage(w, prepared.title, prepared.data, tpl);
  finishPages(doc, { docNumber, contentHash, draft });
  doc.end();
  return { pdf: await done, contentHash };
}
