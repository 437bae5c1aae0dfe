import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZSubjectRef } from '../../domain/documents/document';
import { downloadDocument, ZDownloadDocumentQuery } from '../../domain/documents/download-document';
import {
  planListExport, ZExportFindingsQuery, ZExportInspectionsQuery, ZExportNoticesQuery, ZExportPenaltiesQuery, type ExportRequest,
} from '../../domain/documents/export-lists';
import { issueDocument, ZIssueDocumentBody } from '../../domain/documents/issue-document';
import { previewDocument } from '../../domain/documents/preview-document';
import { getDocument, listDocuments, ZListDocumentsQuery } from '../../domain/documents/read-documents';
import { getRenderBatch, requestRenderBatch, ZRenderBatchBody } from '../../domain/documents/render-batch';
import { verifyDocument, ZVerification } from '../../domain/documents/verify-document';
import { voidDocument, ZVoidDocumentBody } from '../../domain/documents/void-document';
import { AppError } from '../../domain/errors';
import { actorOf } from '../context';
import { presentBatch, presentDocument, presentDocumentDetail, ZBatchView, ZDocumentDetailView, ZDocumentView } from '../presenters/documents';
import { ZPage } from '../presenters/users';

const tags = ['documents'];
const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_PDF_BYTES = 20 * 1024 * 1024;
const ZDocumentParams = z.object({ documentId: z.uuid() });

/** RFC 6266 header with a UTF-8 file name: Chinese names survive every browser. */
function disposition(kind: 'attachment' | 'inline', name: string): string {
  return `${kind}; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;
  // Verification takes the PDF as the raw body too (curl --data-binary @file.pdf); scoped to this plugin.
  app.addContentTypeParser([PDF, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_PDF_BYTES }, (_req, body, done) => done(null, body));

  app.get('/api/documents', { schema: { tags, querystring: ZListDocumentsQuery, response: { 200: ZPage(ZDocumentView) } } }, async (req) => {
    const { rows, total } = await listDocuments(deps, actorOf(req), req.query);
    return { items: rows.map(presentDocument), total, limit: req.query.limit, offset: req.query.offset };
  });

  app.get('/api/documents/:documentId', { schema: { tags, params: ZDocumentParams, response: { 200: ZDocumentDetailView } } }, async (req) => {
    const { document, prints } = await getDocument(deps, actorOf(req), req.params);
    return presentDocumentDetail(document, prints);
  });

  app.get('/api/documents/:documentId/pdf', {
    schema: { tags, params: ZDocumentParams, querystring: ZDownloadDocumentQuery, description: 'the issued PDF (application/pdf); every call is recorded and audited as document.printed' },
  }, async (req, reply) => {
    const { document, pdf } = await downloadDocument(deps, actorOf(req), { ...req.query, documentId: req.params.documentId });
    return reply
      .type(PDF)
      .header('content-disposition', disposition('attachment', `${document.docNumber ?? document.id}.pdf`))
      .header('x-content-hash', document.contentHash)
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  app.post('/api/documents/preview', {
    schema: { tags, body: ZSubjectRef, description: 'renders a draft (watermark, no seal, nothing stored or numbered) → application/pdf; x-not-ready says why it cannot be issued yet' },
  }, async (req, reply) => {
    const preview = await previewDocument(deps, actorOf(req), req.body);
    if (preview.notReady) reply.header('x-not-ready', preview.notReady);
    return reply
      .type(PDF)
      .header('content-disposition', disposition('inline', 'preview.pdf'))
      .header('x-content-hash', preview.contentHash)
      .header('x-doc-number', encodeURIComponent(preview.docNumber))
      .header('cache-control', 'no-store')
      .send(preview.pdf);
  });

  app.post('/api/documents/issue', { schema: { tags, body: ZIssueDocumentBody, response: { 201: ZDocumentView } } }, async (req, reply) => {
    const row = await issueDocument(deps, actorOf(req), req.body);
    return reply.status(201).send(presentDocument(row));
  });

  app.post('/api/documents/:documentId/void', { schema: { tags, params: ZDocumentParams, body: ZVoidDocumentBody, response: { 200: ZDocumentView } } }, async (req) =>
    presentDocument(await voidDocument(deps, actorOf(req), { ...req.body, documentId: req.params.documentId })));

  app.post('/api/documents/verify', {
    bodyLimit: MAX_PDF_BYTES,
    schema: { tags, description: 'the PDF as multipart/form-data (`file`) or as the raw body (application/pdf)', response: { 200: ZVerification } },
  }, async (req) => {
    actorOf(req); // any signed-in account may check a paper it holds
    return verifyDocument(deps, await uploadedPdf(req));
  });

  app.post('/api/documents/batches', { schema: { tags, body: ZRenderBatchBody, response: { 202: ZBatchView } } }, async (req, reply) =>
    reply.status(202).send(presentBatch(await requestRenderBatch(deps, actorOf(req), req.body))));

  app.get('/api/documents/batches/:batchId', { schema: { tags, params: z.object({ batchId: z.uuid() }), response: { 200: ZBatchView } } }, async (req) =>
    presentBatch(await getRenderBatch(deps, actorOf(req), req.params)));

  const sendExport = async (req: FastifyRequest, reply: FastifyReply, request: ExportRequest) => {
    const plan = await planListExport(deps, actorOf(req), request);
    const stream = new PassThrough();
    plan.write(stream).catch((err: unknown) => {
      req.log.error({ err }, `${request.list} export failed`);
      stream.destroy(err as Error);
    });
    return reply.type(XLSX).header('content-disposition', disposition('attachment', plan.fileName)).send(stream);
  };
  const describe = (list: string) => `XLSX of the ${list} list with the list's own filters (zh headers, names masked, streamed); audited`;
  app.get('/api/exports/inspections.xlsx', { schema: { tags: ['exports'], querystring: ZExportInspectionsQuery, description: describe('inspections') } }, (req, reply) =>
    sendExport(req, reply, { list: 'inspections', query: req.query }));
  app.get('/api/exports/findings.xlsx', { schema: { tags: ['exports'], querystring: ZExportFindingsQuery, description: describe('findings') } }, (req, reply) =>
    sendExport(req, reply, { list: 'findings', query: req.query }));
  app.get('/api/exports/rectification-notices.xlsx', { schema: { tags: ['exports'], querystring: ZExportNoticesQuery, description: describe('rectification notices') } }, (req, reply) =>
    sendExport(req, reply, { list: 'rectification-notices', query: req.query }));
  app.get('/api/exports/penalties.xlsx', { schema: { tags: ['exports'], querystring: ZExportPenaltiesQuery, description: describe('penalties') } }, (req, reply) =>
    sendExport(req, reply, { list: 'penalties', query: req.query }));
};

/** The uploaded PDF: the `file` part of a multipart form, or the raw body. */
async function uploadedPdf(req: FastifyRequest): Promise<Buffer> {
  let pdf: Buffer | null = null;
  if (req.isMultipart()) {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (!pdf && (part.fieldname === 'file' || part.fieldname === 'pdf')) pdf = bytes;
      }
    }
  } else if (Buffer.isBuffer(req.body)) {
    pdf = req.body;
  } else {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the PDF as multipart/form-data (field `file`) or as an application/pdf body');
  }
  if (!pdf || pdf.length === 0) throw new AppError('VALIDATION_FAILED', 'no PDF uploaded', { fields: [{ path: 'file', message: 'required' }] });
  if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new AppError('VALIDATION_FAILED', 'the file is not a PDF', { fields: [{ path: 'file', message: 'not a PDF' }] });
  }
  return pdf;
}
