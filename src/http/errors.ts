import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError, statusOf, type AppErrorCode } from '../domain/errors';

export type ErrorBody = { code: AppErrorCode | 'INTERNAL'; message: string; details?: Record<string, unknown>; requestId?: string };

type FieldIssue = { path: string; message: string };

function issuesOf(error: ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

const fastifyCodeMap: Record<string, AppErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
};

/** Maps anything thrown to a stable `{ code, message, details }`; only real bugs become 500, without a stack. */
export function toErrorResponse(err: unknown, requestId: string): { status: number; body: ErrorBody; isBug: boolean } {
  if (err instanceof AppError) {
    return { status: statusOf[err.code], body: { code: err.code, message: err.message, details: err.details }, isBug: false };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields = err.validation.map((v) => ({
      path: [err.validationContext, ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : [])].filter(Boolean).join('.'),
      message: v.message ?? 'invalid',
    }));
    return { status: 400, body: { code: 'VALIDATION_FAILED', message: 'request validation failed', details: { fields } }, isBug: false };
  }
  if (err instanceof ZodError) {
    return { status: 400, body: { code: 'VALIDATION_FAILED', message: 'request validation failed', details: { fields: issuesOf(err) } }, isBug: false };
  }
  const fe = err as Partial<FastifyError>;
  if (fe && typeof fe.code === 'string' && fastifyCodeMap[fe.code]) {
    const code = fastifyCodeMap[fe.code]!;
    return { status: statusOf[code], body: { code, message: fe.message ?? code }, isBug: false };
  }
  if (fe && fe.statusCode === 429) {
    return { status: 429, body: { code: 'RATE_LIMITED', message: 'too many requests, try again later' }, isBug: false };
  }
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code: AppErrorCode = fe.statusCode === 404 ? 'NOT_FOUND' : fe.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : fe.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION_FAILED';
    return { status: statusOf[code], body: { code, message: fe.message ?? code }, isBug: false };
  }
  return { status: 500, body: { code: 'INTERNAL', message: 'internal error', requestId }, isBug: true };
}

export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const { status, body, isBug } = toErrorResponse(err, req.id);
  if (isBug) req.log.error({ err, reqId: req.id }, 'unhandled error');
  return reply.status(status).send(body);
}
