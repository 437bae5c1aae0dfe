import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// poppler-utils reads the PDFs as a person's viewer would; .ci/run installs it.
function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdfimages' | 'pdffonts', pdf: Buffer, args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'wangan-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} not found: install poppler-utils (apt-get install -y poppler-utils)`);
    }
    throw err;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text of the whole PDF, or of one page, as pdftotext extracts it. */
export const pdfText = (pdf: Buffer, page?: number): string =>
  poppler('pdftotext', pdf, page ? ['-f', String(page), '-l', String(page)] : []);

export function pdfPageCount(pdf: Buffer): number {
  const m = /^Pages:\s+(\d+)$/m.exec(poppler('pdfinfo', pdf, []));
  return Number(m?.[1] ?? 0);
}

/** Images drawn on the pages (soft masks of transparent PNGs not counted). */
export function pdfImageCount(pdf: Buffer): number {
  return poppler('pdfimages', pdf, ['-list'])
    .split('\n')
    .slice(2)
    .filter((line) => /^\s*\d+\s+\d+\s+image\s/.test(line)).length;
}

/** Embedded font names as pdffonts lists them. */
export function pdfFonts(pdf: Buffer): string[] {
  return poppler('pdffonts', pdf, [])
    .split('\n')
    .slice(2)
    .map((line) => line.split(/\s+/)[0] ?? '')
    .filter(Boolean);
}
