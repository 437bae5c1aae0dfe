import type { FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors';
import { MAX_EVIDENCE_BYTES } from '../../domain/inspections/evidence-files';

/** One uploaded file of a multipart request, read whole within the evidence size limit. */
export async function readUpload(req: FastifyRequest): Promise<{ fileName: string; bytes: Buffer }> {
  const part = await req.file({ limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1 } });
  if (!part) throw new AppError('VALIDATION_FAILED', 'no file in the request', { fields: [{ path: 'file', message: 'required' }] });
  const bytes = await part.toBuffer();
  return { fileName: part.filename || 'evidence', bytes };
}
