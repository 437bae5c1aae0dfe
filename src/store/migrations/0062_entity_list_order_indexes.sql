-- Entity lists in their default order (last updated first) under a selective filter. Walking
-- entities_updated_sort and filtering row by row is fast only while matches are spread evenly over
-- time; after a bulk import of 100 000 rows (all ICP, no services, no focus), "schools of one
-- county" or "IDC services across the province" walked the whole import first (80–200 ms at 1M).
-- These indexes lead with the filter, so the walk meets only matching rows:
-- type and status (the list query orders by the equality column first so the planner takes them),
-- focus entities (partial), and one partial index per service type (the closed set in
-- rules/schema.ts; the query inlines the validated literal so the predicate is provable).
CREATE INDEX entities_type_updated ON entities (type, updated_at, id);
CREATE INDEX entities_status_updated ON entities (status, updated_at, id);
CREATE INDEX entities_focus_updated ON entities (updated_at, id) WHERE cardinality(focus_reasons) > 0;
CREATE INDEX entities_service_access_updated ON entities (updated_at, id) WHERE service_types @> ARRAY['access']::text[];
CREATE INDEX entities_service_idc_updated ON entities (updated_at, id) WHERE service_types @> ARRAY['idc']::text[];
CREATE INDEX entities_service_cdn_updated ON entities (updated_at, id) WHERE service_types @> ARRAY['cdn']::text[];
CREATE INDEX entities_service_dns_updated ON entities (updated_at, id) WHERE service_types @> ARRAY['dns']::text[];
CREATE INDEX entities_service_icp_updated ON entities (updated_at, id) WHERE service_types @> ARRAY['icp']::text[];
CREATE INDEX entities_service_publicaccess_updated ON entities (updated_at, id) WHERE service_types @> ARRAY['publicAccess']::text[];
CREATE INDEX entities_service_other_updated ON entities (updated_at, id) WHERE service_types @> ARRAY['other']::text[];
