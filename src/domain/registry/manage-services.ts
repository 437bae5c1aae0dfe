import { z } from 'zod';
import type { Actor } from '../access';
import { appendAudit } from '../audit';
import type { Deps } from '../deps';
import { found } from '../errors';
import { ZCalendarDay, ZIcpFeature } from '../../rules/schema';
import * as registry from '../../store/registry.store';
import * as assets from '../../store/registry.assets.store';
import { entityForWrite, fieldError, readScope } from './access';
import { ZIpOrCidr } from './net';

/** Type-specific attributes of a service (Order 151 Art 11 checks differ per type). */
const ZMachineRoom = z.strictObject({ name: z.string().trim().min(1).max(100), address: z.string().trim().max(300).optional(), racks: z.int().min(0).max(100_000).optional() });
export const serviceAttributeSchemas = {
  access: z.strictObject({
    userCount: z.int().min(0).optional(),
    usesNat: z.boolean().optional(),
    accessMethods: z.array(z.enum(['fibre', 'dsl', 'cable', 'wireless', 'mobile', 'leasedLine'])).max(6).optional(),
  }),
  idc: z.strictObject({
    machineRooms: z.array(ZMachineRoom).max(100).optional(),
    rackCount: z.int().min(0).optional(),
    ipRanges: z.array(ZIpOrCidr).max(1000).optional(),
    businesses: z.array(z.enum(['colocation', 'serverRental', 'virtualHosting'])).max(3).optional(),
  }),
  cdn: z.strictObject({ nodeCount: z.int().min(0).optional(), ipRanges: z.array(ZIpOrCidr).max(1000).optional() }),
  dns: z.strictObject({ roles: z.array(z.enum(['registry', 'registrar', 'authoritative', 'recursive'])).max(4).optional() }),
  icp: z.strictObject({ icpFeatures: z.array(ZIcpFeature).max(8).default([]) }),
  publicAccess: z.strictObject({
    venueKind: z.enum(['internetCafe', 'publicWifi', 'hotelBusinessCentre']),
    seats: z.int().min(0).max(100_000).optional(),
    managementSystem: z.string().trim().max(100).optional(),
  }),
  other: z.strictObject({ description: z.string().trim().max(500).optional() }),
} as const;

const serviceVariant = <T extends keyof typeof serviceAttributeSchemas>(type: T) =>
  z.object({
    type: z.literal(type),
    startDate: ZCalendarDay,
    endDate: ZCalendarDay.nullable().optional(),
    attributes: serviceAttributeSchemas[type],
  });

export const ZServiceBody = z.discriminatedUnion('type', [
  serviceVariant('access'), serviceVariant('idc'), serviceVariant('cdn'), serviceVariant('dns'),
  serviceVariant('icp'), serviceVariant('publicAccess'), serviceVariant('other'),
]);
export type ServiceInput = z.infer<typeof ZServiceBody>;

function checkDates(input: ServiceInput): void {
  if (input.endDate && input.endDate < input.startDate) throw fieldError('endDate', 'the end date is before the start date');
}

export async function listServices(deps: Deps, actor: Actor, entityId: string) {
  const scope = readScope(actor);
  found(await registry.findInScope(deps.db, scope, entityId), 'entity');
  return assets.listServices(deps.db, scope, entityId);
}

export async function addService(deps: Deps, actor: Actor, input: ServiceInput & { entityId: string }) {
  checkDates(input);
  return deps.db.transaction().execute(async (trx) => {
    const { entity } = await entityForWrite(trx, actor, input.entityId);
    const row = await assets.insertService(trx, {
      entityId: entity.id, unitPath: entity.unitPath, type: input.type, startDate: input.startDate,
      endDate: input.endDate ?? null, attributes: input.attributes,
    });
    await registry.refreshServiceTypes(trx, entity.id);
    await appendAudit(trx, actor, { action: 'entity.serviceAdded', targetType: 'entity', targetId: entity.id, unitPath: entity.unitPath, summary: { serviceId: row.id, type: row.type, startDate: row.startDate } });
    return row;
  });
}

export async function updateService(deps: Deps, actor: Actor, input: ServiceInput & { entityId: string; serviceId: string }) {
  checkDates(input);
  return deps.db.transaction().execute(async (trx) => {
    const { scope, entity } = await entityForWrite(trx, actor, input.entityId);
    const current = found(await assets.findService(trx, scope, entity.id, input.serviceId), 'service');
    const row = await assets.updateService(trx, current.id, { type: input.type, startDate: input.startDate, endDate: input.endDate ?? null, attributes: input.attributes });
    await registry.refreshServiceTypes(trx, entity.id);
    await appendAudit(trx, actor, {
      action: 'entity.serviceUpdated', targetType: 'entity', targetId: entity.id, unitPath: entity.unitPath,
      summary: { serviceId: row.id, before: { type: current.type, startDate: current.startDate, endDate: current.endDate }, after: { type: row.type, startDate: row.startDate, endDate: row.endDate } },
    });
    return row;
  });
}

export async function removeService(deps: Deps, actor: Actor, input: { entityId: string; serviceId: string; reason?: string }) {
  await deps.db.transaction().execute(async (trx) => {
    const { scope, entity } = await entityForWrite(trx, actor, input.entityId);
    const current = found(await assets.findService(trx, scope, entity.id, input.serviceId), 'service');
    await assets.deleteService(trx, current.id);
    await registry.refreshServiceTypes(trx, entity.id);
    await appendAudit(trx, actor, { action: 'entity.serviceRemoved', targetType: 'entity', targetId: entity.id, unitPath: entity.unitPath, reason: input.reason ?? null, summary: { serviceId: current.id, type: current.type, startDate: current.startDate } });
  });
}
