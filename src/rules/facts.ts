import { z } from 'zod';
import {
  ZCalendarDay,
  ZEntityKind,
  ZIcpFeature,
  ZIncidentFactStatus,
  ZPenaltyAuthority,
  ZPenaltyCategory,
  ZServiceType,
} from './schema';

/**
 * What the rule evaluators know about one entity: built by the domain layer from the entity's
 * records, so rules never read the database. All dates are Asia/Shanghai calendar days.
 */

export const ZServiceFact = z.object({
  /** The service record's id, stored as the trigger of a focus flag (F1). */
  id: z.string().min(1),
  type: ZServiceType,
  /** First day the service was provided. */
  startDate: ZCalendarDay,
  /** Last day the service was provided; null or absent while it runs. */
  endDate: ZCalendarDay.nullable().optional(),
  /** Access given through NAT (Order 82 Art 8(2)): the public↔internal mapping must be kept. */
  usesNat: z.boolean().optional(),
  icpFeatures: z.array(ZIcpFeature).optional(),
});
export type ServiceFact = z.infer<typeof ZServiceFact>;

export const ZEntityFacts = z.object({
  entityKind: ZEntityKind,
  services: z.array(ZServiceFact),
  /** A networked user giving its own users (staff, guests) access through NAT (Order 82 Art 10(3)). */
  usesNat: z.boolean().optional(),
  /**
   * False only for an entity with no user registration data or logs to keep (no users of its
   * own). Absent means true: Order 82 Art 7(3) puts the record-keeping duty on every entity.
   */
  keepsRecords: z.boolean().optional(),
  providesPublicInfoService: z.boolean(),
  isCii: z.boolean(),
  isCounterTerrorTarget: z.boolean(),
  mlpsSystems: z.array(z.object({ level: z.int().min(1).max(5), filedAt: ZCalendarDay.nullable() })),
  incidents: z.array(z.object({ id: z.string().min(1), date: ZCalendarDay, status: ZIncidentFactStatus })),
  /** Unlawful or criminal cases of the entity; administrative cases count too (F2). */
  cases: z.array(z.object({ id: z.string().min(1), date: ZCalendarDay })),
  penalties: z.array(
    z.object({ id: z.string().min(1), date: ZCalendarDay, authority: ZPenaltyAuthority, category: ZPenaltyCategory }),
  ),
});
export type EntityFacts = z.infer<typeof ZEntityFacts>;

/** Services being provided on `asOf`: started on or before it and not ended before it. */
export function activeServices(facts: EntityFacts, asOf: string): ServiceFact[] {
  return facts.services.filter((s) => s.startDate <= asOf && (s.endDate == null || s.endDate >= asOf));
}
