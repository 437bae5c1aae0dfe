import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One face of the CJK font: a file, plus the PostScript name when the file is a collection (.ttc). */
export type FontFace = { path: string; postscriptName?: string };

export type CjkFont = {
  regular: FontFace;
  bold: FontFace;
  /** Where the files came from, for logs and the health page. */
  source: 'npm' | 'debian' | 'override';
};

/** Loaded bytes of a resolved font, read once per process; fontkit parses them per document. */
export type LoadedCjkFont = {
  regular: { data: Buffer; postscriptName?: string };
  bold: { data: Buffer; postscriptName?: string };
  source: CjkFont['source'];
};

// The npm package ships Noto Sans Hans (Noto Sans S Chinese, OFL-1.1) as CFF OpenType; it has
// ~30,800 characters, enough for names outside GB2312. It is the primary source because
// `npm install && npm start` must work on a machine without apt.
const NPM_PACKAGE = '@embedpdf/fonts-sc';
const NPM_REGULAR = 'NotoSansHans-Regular.otf';
const NPM_BOLD = 'NotoSansHans-Bold.otf';

// Debian's fonts-noto-cjk: collections holding the jp/kr/sc/tc/hk faces; we pick the sc one.
const DEBIAN_DIR = '/usr/share/fonts/opentype/noto';
const debianFaces = (dir: string): { regular: FontFace; bold: FontFace } => ({
  regular: { path: join(dir, 'NotoSansCJK-Regular.ttc'), postscriptName: 'NotoSansCJKsc-Regular' },
  bold: { path: join(dir, 'NotoSansCJK-Bold.ttc'), postscriptName: 'NotoSansCJKsc-Bold' },
});

/** Where to look; the defaults are the real places, tests point them at temporary copies. */
export type FontLocations = {
  /** The npm package's fonts/ directory; null when the package is not installed. */
  npmDir?: string | null;
  /** Debian's fonts-noto-cjk directory. */
  debianDir?: string;
};

export class CjkFontMissingError extends Error {
  constructor(tried: readonly string[]) {
    super(
      'No CJK font found for PDF documents. Run `npm install` (it installs the ' +
        `${NPM_PACKAGE} package) or \`apt-get install -y fonts-noto-cjk\`. Looked in: ${tried.join(', ')}`,
    );
    this.name = 'CjkFontMissingError';
  }
}

/**
 * Finds a CJK font on this machine: an explicit override, else the npm package, else Debian's
 * fonts-noto-cjk. Never downloads anything. Throws CjkFontMissingError naming both installs.
 */
export function resolveCjkFont(options: { override?: { regular: string; bold?: string }; locations?: FontLocations } = {}): CjkFont {
  const tried: string[] = [];
  if (options.override) {
    const regular = { path: options.override.regular };
    const bold = { path: options.override.bold ?? options.override.regular };
    tried.push(regular.path);
    if (existsSync(regular.path) && existsSync(bold.path)) {
      return { regular, bold, source: 'override' };
    }
    throw new CjkFontMissingError(tried);
  }

  const npmDir = options.locations && 'npmDir' in options.locations ? (options.locations.npmDir ?? null) : npmFontDir();
  if (npmDir) {
    const regular = { path: join(npmDir, NPM_REGULAR) };
    const bold = { path: join(npmDir, NPM_BOLD) };
    tried.push(regular.path);
    if (existsSync(regular.path) && existsSync(bold.path)) {
      return { regular, bold, source: 'npm' };
    }
  } else {
    tried.push(`npm package ${NPM_PACKAGE}`);
  }

  const debian = debianFaces(options.locations?.debianDir ?? DEBIAN_DIR);
  tried.push(debian.regular.path);
  if (existsSync(debian.regular.path)) {
    // Some images carry only the regular weight; bold then falls back to it.
    const bold = existsSync(debian.bold.path) ? debian.bold : debian.regular;
    return { regular: debian.regular, bold, source: 'debian' };
  }
  throw new CjkFontMissingError(tried);
}

let cached: LoadedCjkFont | undefined;

/** resolveCjkFont() with the files read into memory once per process. */
export function loadCjkFont(): LoadedCjkFont {
  if (!cached) {
    const font = resolveCjkFont();
    cached = {
      regular: { data: readFileSync(font.regular.path), postscriptName: font.regular.postscriptName },
      bold: { data: readFileSync(font.bold.path), postscriptName: font.bold.postscriptName },
      source: font.source,
    };
  }
  return cached;
}

function npmFontDir(): string | null {
  try {
    // The package exports only its JS entry, so locate that and step over to fonts/.
    const entry = createRequire(import.meta.url).resolve(NPM_PACKAGE);
    return join(dirname(entry), '..', 'fonts');
  } catch {
    return null;
  }
}
