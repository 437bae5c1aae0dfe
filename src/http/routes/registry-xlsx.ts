import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

import { requirePermission } from '../../domain/access';
import { AppError } from '../../domain/errors';
import { exportEntities, ZExportEntitiesQuery } from '../../domain/registry/export-entities';
import { importEntities, importTemplate, ZImportMode } from '../../domain/registry/import-entities';
import { actorOf } from '../context';
import { ZImportReportView } from '../presenters/registry';

const tags = ['entities'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 6266 attachment header with a UTF-8 name (Chinese file names survive every browser). */
function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export const registryXlsxRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = app.deps;

  app.get('/api/entities/import/template', { schema: { tags, description: 'XLSX template for the entity import (zh headers, pick lists, instructions)' } }, async (req, reply) => {
    const file = await importTemplate(actorOf(req));
    return reply.type(XLSX).header('content-disposition', attachment('单位信息导入模板.xlsx')).send(file);
  });

  app.post('/api/entities/import', {
    schema: { tags, description: 'multipart/form-data: `file` (.xlsx in the template layout) and `mode` (all | valid)', response: { 200: ZImportReportView } },
  }, async (req) => {
    const actor = actorOf(req);
    requirePermission(actor, 'entity.import');
    if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send the file as multipart/form-data');
    let file: Buffer | null = null;
    let fileName = 'import.xlsx';
    let modeText: string | undefined;
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          await part.toBuffer();
          continue;
        }
        fileName = part.filename || fileName;
        file = await part.toBuffer();
      } else if (part.fieldname === 'mode') {
        modeText = String(part.value);
      }
    }
    if (!file) throw new AppError('VALIDATION_FAILED', 'no file uploaded', { fields: [{ path: 'file', message: 'required' }] });
    const mode = ZImportMode.safeParse(modeText ?? 'all');
    if (!mode.success) throw new AppError('VALIDATION_FAILED', 'mode must be all or valid', { fields: [{ path: 'mode', message: 'all | valid' }] });
    // Inline for now; when deps.jobs exists a large file becomes a job calling the same use case.
    // Progress goes to the debug log (`write` lines come from inside the import transaction).
    return importEntities(deps, actor, {
      file, fileName, mode: mode.data,
      onProgress: (p) => req.log.debug({ importProgress: p }, 'entity import progress'),
    });
  });

  app.get('/api/entities/export', { schema: { tags, querystring: ZExportEntitiesQuery, description: 'XLSX of the entities matching the list filters; personal data masked unless unmasked=true with a reason' } }, async (req, reply) => {
    const plan = await exportEntities(deps, actorOf(req), req.query);
    const stream = new PassThrough();
    plan.write(stream).catch((err: unknown) => {
      req.log.error({ err }, 'entity export failed');
      stream.destroy(err as Error);
    });
    return reply.type(XLSX).header('content-disposition', attachment(`单位信息导出-${new Date().toISOString().slice(0, 10)}.xlsx`)).header('x-total-count', String(plan.count)).send(stream);
  });
};

