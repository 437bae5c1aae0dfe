import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createUnit, ZCreateUnitBody } from '../../domain/units/create-unit';
import { listUnits } from '../../domain/units/list-units';
import type { Unit } from '../../domain/units/unit';
import { actorOf } from '../context';

export const ZUnitView = z.object({
  id: z.string(), parentId: z.string().nullable(), path: z.string(), level: z.string(), name: z.string(),
  regionCode: z.string(), docPrefix: z.string().nullable(), isDemo: z.boolean(),
});
export const presentUnit = (u: Unit) => ({
  id: u.id, parentId: u.parentId, path: u.path, level: u.level, name: u.name, regionCode: u.regionCode, docPrefix: u.docPrefix, isDemo: u.isDemo,
});

export const unitRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/units', { schema: { tags: ['units'], response: { 200: z.object({ items: z.array(ZUnitView) }) } } }, async (req) => {
    const items = await listUnits(app.deps, actorOf(req));
    return { items: items.map(presentUnit) };
  });
  app.post('/api/units', { schema: { tags: ['units'], body: ZCreateUnitBody.extend({ parentId: z.uuid() }), response: { 201: ZUnitView } } }, async (req, reply) => {
    const unit = await createUnit(app.deps, actorOf(req), req.body);
    return reply.status(201).send(presentUnit(unit));
  });
};
