import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt } from './core';

/** A `date` column: a 'YYYY-MM-DD' calendar day both ways. */
type Day = string;

export interface CampaignsTable {
  id: Generated<string>;
  unitId: string;
  unitPath: string;
  code: string;
  name: string;
  description: Generated<string>;
  strands: Generated<string[]>;
  startsOn: Day;
  endsOn: Day;
  status: Generated<string>;
  summary: string | null;
  createdBy: string | null;
  statusChangedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  isDemo: Generated<boolean>;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Generated<Date>;
}

export interface CampaignEntitiesTable {
  campaignId: string;
  entityId: string;
  addedBy: string | null;
  addedAt: CreatedAt;
}

export interface CampaignTables {
  campaigns: CampaignsTable;
  campaignEntities: CampaignEntitiesTable;
}
