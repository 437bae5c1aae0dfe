-- Entity lists in their default order (newest first) under a selective filter. Walking
-- entities_created_sort and filtering row by row is fast only while matches are spread evenly over
-- time; after a bulk import of 100 000 rows (all ICP, no services, no focus), "schools of one
-- county" or "IDC services across the province" walked the whole import first (80–200 ms at 1M).
-- These indexes lead with the filter, so the walk meets only matching rows:
-- type and status (the list query orders by the equality column first so the planner takes them),
-- focus entities (partial), and one partial index per service type (the closed set in
-- rules/schema.ts; the query inlines the validated literal so the predicate is provable).
CREATE INDEX entities_type_created ON entities (type, created_at, id);
CREATE INDEX entities_status_created ON entities (status, created_at, id);
CREATE INDEX entities_focus_created ON entities (created_at, id) WHERE cardinality(focus_reasons) > 0;
CREATE INDEX entities_service_access_created ON entities (created_at, id) WHERE service_types @> ARRAY['access']::text[];
CREATE INDEX entities_service_idc_created ON entities (created_at, id) WHERE service_types @> ARRAY['idc']::text[];
CREATE INDEX entities_service_cdn_created ON entities (created_at, id) WHERE service_types @> ARRAY['cdn']::text[];
CREATE INDEX entities_service_dns_created ON entities (created_at, id) WHERE service_types @> ARRAY['dns']::text[];
CREATE INDEX entities_service_icp_created ON entities (created_at, id) WHERE service_types @> ARRAY['icp']::text[];
CREATE INDEX entities_service_publicaccess_created ON entities (created_at, id) WHERE service_types @> ARRAY['publicAccess']::text[];
CREATE INDEX entities_service_other_created ON entities (created_at, id) WHERE service_types @> ARRAY['other']::text[];
