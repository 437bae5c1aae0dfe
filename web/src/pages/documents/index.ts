// What other modules' pages embed: the draft preview with its issue button, the export button,
// and the drawer of one issued document.
export { DocumentPreview, type DocumentPreviewProps } from './document-preview';
export { ExportButton } from './export-button';
export { DocumentDrawer } from './documents-page';
export { PdfFrame } from './pdf-frame';
export type { DocumentKind, DocumentView, ExportList } from './types';
