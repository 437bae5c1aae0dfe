import { z } from 'zod';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { found } from '../errors';
import * as registry from '../../store/registry.store';
import * as assets from '../../store/registry.assets.store';
import { isUniqueViolation } from '../../store/pg-errors';
import { entityForWrite, fieldError, readScope } from './access';
import { ZIcpFilingNumber, ZPsbFilingNumber } from './filing-numbers';
import { ZHostname, ZIpOrCidr } from './net';

const ZAppAttributes = z.strictObject({
  platforms: z.array(z.enum(['android', 'ios', 'harmony', 'miniProgram', 'web'])).max(5).optional(),
  packageName: z.string().trim().max(200).optional(),
  stores: z.array(z.string().trim().max(100)).max(20).optional(),
});

/** A network asset: a website (hostname), an app, or an IP range, with its filing numbers. */
export const ZSiteBody = z.object({
  kind: z.enum(['website', 'app', 'ipRange']),
  name: z.string().trim().min(1).max(200).nullable().optional(),
  hostname: ZHostname.nullable().optional(),
  ips: z.array(ZIpOrCidr).max(256).default([]),
  ports: z.array(z.int().min(1).max(65535)).max(64).default([]),
  icpFilingNumber: ZIcpFilingNumber.nullable().optional(),
  psbFilingNumber: ZPsbFilingNumber.nullable().optional(),
  attributes: ZAppAttributes.default({}),
  status: z.enum(['active', 'closed']).default('active'),
}).superRefine((s, ctx) => {
  if (s.kind === 'website' && !s.hostname) ctx.addIssue({ code: 'custom', path: ['hostname'], message: 'a website needs its hostname' });
  if (s.kind === 'app' && !s.name) ctx.addIssue({ code: 'custom', path: ['name'], message: 'an app needs its name' });
  if (s.kind === 'ipRange' && s.ips.length === 0) ctx.addIssue({ code: 'custom', path: ['ips'], message: 'an IP range entry needs at least one address or range' });
});
export type SiteInput = z.infer<typeof ZSiteBody>;

const hostnameTaken = () => fieldError('hostname', 'this hostname is already registered to an entity', 'CONFLICT');

function values(input: SiteInput) {
  return {
    kind: input.kind, name: input.name ?? null, hostname: input.hostname ?? null, ips: input.ips, ports: [...new Set(input.ports)].sort((a, b) => a - b),
    icpFilingNumber: input.icpFilingNumber ?? null, psbFilingNumber: input.psbFilingNumber ?? null, attributes: input.attributes, status: input.status,
  };
}

export async function listSites(deps: Deps, actor: Actor, entityId: string) {
  const scope = readScope(actor);
  found(await registry.findInScope(deps.db, scope, entityId), 'entity');
  return assets.listSites(deps.db, scope, entityId);
}

export async function addSite(deps: Deps, actor: Actor, input: SiteInput & { entityId: string }) {
  return deps.db.transaction().execute(async (trx) => {
    const { entity } = await entityForWrite(trx, actor, input.entityId);
    if (input.hostname && input.status === 'active' && (await assets.activeHostnames(trx, [input.hostname])).size > 0) throw hostnameTaken();
    const row = await assets.insertSite(trx, { entityId: entity.id, unitPath: entity.unitPath, ...values(input) }).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw hostnameTaken();
      throw err;
    });
    await appendAudit(trx, actor, { action: 'entity.siteAdded', targetType: 'entity', targetId: entity.id, unitPath: entity.unitPath, summary: { siteId: row.id, kind: row.kind, hostname: row.hostname, name: row.name } });
    return row;
  });
}

export async function updateSite(deps: Deps, actor: Actor, input: SiteInput & { entityId: string; siteId: string }) {
  return deps.db.transaction().execute(async (trx) => {
    const { scope, entity } = await entityForWrite(trx, actor, input.entityId);
    const current = found(await assets.findSite(trx, scope, entity.id, input.siteId), 'site');
    if (input.hostname && input.status === 'active' && (await assets.activeHostnames(trx, [input.hostname], current.id)).size > 0) throw hostnameTaken();
    const row = await assets.updateSite(trx, current.id, values(input)).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw hostnameTaken();
      throw err;
    });
    await appendAudit(trx, actor, {
      action: 'entity.siteUpdated', targetType: 'entity', targetId: entity.id, unitPath: entity.unitPath,
      summary: { siteId: row.id, before: { hostname: current.hostname, status: current.status, icp: current.icpFilingNumber, psb: current.psbFilingNumber }, after: { hostname: row.hostname, status: row.status, icp: row.icpFilingNumber, psb: row.psbFilingNumber } },
    });
    return row;
  });
}

export async function removeSite(deps: Deps, actor: Actor, input: { entityId: string; siteId: string; reason?: string }) {
  await deps.db.transaction().execute(async (trx) => {
    const { scope, entity } = await entityForWrite(trx, actor, input.entityId);
    const current = found(await assets.findSite(trx, scope, entity.id, input.siteId), 'site');
    await assets.deleteSite(trx, current.id);
    await appendAudit(trx, actor, { action: 'entity.siteRemoved', targetType: 'entity', targetId: entity.id, unitPath: entity.unitPath, reason: input.reason ?? null, summary: { siteId: current.id, kind: current.kind, hostname: current.hostname } });
  });
}
