import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchAudit, verifyAudit, ZAuditQuery } from '../../domain/audit-log/search-audit';
import { actorOf } from '../context';
import { ZPage } from '../presenters/users';

const ZAuditEntryView = z.object({
  seq: z.number(), at: z.string(), actorId: z.string().nullable(), actorName: z.string(), unitId: z.string().nullable(),
  action: z.string(), targetType: z.string(), targetId: z.string().nullable(), fromState: z.string().nullable(),
  toState: z.string().nullable(), reason: z.string().nullable(), summary: z.record(z.string(), z.unknown()), ip: z.string().nullable(),
  source: z.string(), hash: z.string(),
});

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/audit', { schema: { tags: ['audit'], querystring: ZAuditQuery, response: { 200: ZPage(ZAuditEntryView) } } }, async (req) => {
    const { rows, total } = await searchAudit(app.deps, actorOf(req), req.query);
    return {
      items: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
      total, limit: req.query.limit, offset: req.query.offset,
    };
  });
  app.post('/api/audit/verify', { schema: { tags: ['audit'], response: { 200: z.object({ ok: z.boolean(), entries: z.number(), brokenAtSeq: z.number().optional(), problem: z.string().optional(), detail: z.string().optional() }) } } }, async (req) =>
    verifyAudit(app.deps, actorOf(req)));
};
