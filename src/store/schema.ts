import type { CoreTables } from './tables/core';
import type { RegistryTables } from './tables/registry';
import type { InspectionTables } from './tables/inspections';
import type { RulesTables } from './tables/rules';
import type { IssuedDocumentTables } from './tables/issued-documents';
import type { ScanTables } from './tables/scans';
import type { StatsTables } from './tables/stats';
import type { CampaignTables } from './tables/campaigns';

/**
 * The whole database as Kysely sees it (camelCase; CamelCasePlugin maps to snake_case).
 * Each module declares its tables in src/store/tables/<module>.ts and adds one `extends` here.
 */
 
export interface Database extends CoreTables, RegistryTables, InspectionTables, RulesTables, IssuedDocumentTables, ScanTables, StatsTables, CampaignTables {}
