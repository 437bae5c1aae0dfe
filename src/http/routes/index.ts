import type { FastifyInstance } from 'fastify';
import { authRoutes } from './auth';
import { unitRoutes } from './units';
import { userRoutes } from './users';
import { auditRoutes } from './audit';
import { registryRoutes } from './registry';
import { ruleRoutes } from './rules';
import { documentRoutes } from './documents';
import { inspectionRoutes } from './inspections';
import { scanRoutes } from './scans';
import { statsRoutes } from './stats';
import { campaignRoutes } from './campaigns';

/** One line per module; each plugin owns its /api/<module> routes. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(authRoutes);
  await app.register(unitRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(registryRoutes);
  await app.register(ruleRoutes);
  await app.register(documentRoutes);
  await app.register(inspectionRoutes);
  await app.register(scanRoutes);
  await app.register(statsRoutes);
  await app.register(campaignRoutes);
}
