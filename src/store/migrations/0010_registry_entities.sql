-- Entity registry (被监督单位): supervised parties with their services, network assets (sites),
-- MLPS systems and history (incidents, cases, penalties). Every table carries unit_path (copied
-- from the jurisdiction unit) for staff scope and entity_id for portal scope.

CREATE TABLE entities (
  id                            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id                       uuid NOT NULL REFERENCES units(id),   -- jurisdiction (属地管辖)
  unit_path                     text NOT NULL,
  kind                          text NOT NULL CHECK (kind IN ('serviceProvider', 'networkUser')),
  type                          text NOT NULL CHECK (type IN ('isp', 'idc', 'cdn', 'dns', 'icp', 'publicAccess', 'school', 'hospital', 'government', 'enterprise', 'other')),
  name                          text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  -- GB 32100: 18 characters; the check character is verified by the application.
  uscc                          text NOT NULL UNIQUE CHECK (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
  address                       text NOT NULL CHECK (length(address) BETWEEN 2 AND 300),
  region_code                   text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  -- Legal representative, security officer, contact: every value sealed (AES-GCM) at rest.
  people                        jsonb NOT NULL DEFAULT '{}'::jsonb,
  service_start_date            date,
  status                        text NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'active', 'suspended', 'closed')),
  is_cii                        boolean NOT NULL DEFAULT false,
  is_counter_terror_target      boolean NOT NULL DEFAULT false,
  provides_public_info_service  boolean NOT NULL DEFAULT false,
  -- Denormalised from entity_services (kept by the store) so the list filter needs no join.
  service_types                 text[] NOT NULL DEFAULT '{}',
  -- Filled by the rules module (Order 151 Art 9 ¶2 focus criteria); null = not evaluated yet.
  focus_reasons                 text[],
  psb_filing_number             text UNIQUE,  -- 14 digits, set when a filing is approved
  version                       integer NOT NULL DEFAULT 1,
  is_demo                       boolean NOT NULL DEFAULT false,
  created_by                    uuid,
  created_at                    timestamptz NOT NULL DEFAULT now(),
  updated_at                    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entities_scope ON entities (unit_path text_pattern_ops);
CREATE INDEX entities_type_scope ON entities (type, unit_path text_pattern_ops);
CREATE INDEX entities_status_scope ON entities (status, unit_path text_pattern_ops);
CREATE INDEX entities_kind_scope ON entities (kind, unit_path text_pattern_ops);
CREATE INDEX entities_uscc_prefix ON entities (uscc text_pattern_ops);
CREATE INDEX entities_region ON entities (region_code text_pattern_ops);
CREATE INDEX entities_name_prefix ON entities (lower(name) text_pattern_ops);
CREATE INDEX entities_name_sort ON entities (name, id);
CREATE INDEX entities_created_sort ON entities (created_at, id);
CREATE INDEX entities_updated_sort ON entities (updated_at, id);
CREATE INDEX entities_service_types ON entities USING gin (service_types);
CREATE INDEX entities_focus ON entities (unit_path text_pattern_ops) WHERE cardinality(focus_reasons) > 0;

CREATE TABLE entity_services (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id   uuid NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  unit_path   text NOT NULL,
  type        text NOT NULL CHECK (type IN ('access', 'idc', 'cdn', 'dns', 'icp', 'publicAccess', 'other')),
  start_date  date NOT NULL,   -- drives the "online < 1 year" focus criterion (O151-A9-F1)
  end_date    date,
  attributes  jsonb NOT NULL DEFAULT '{}'::jsonb,  -- validated per type by the application
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX entity_services_entity ON entity_services (entity_id);
CREATE INDEX entity_services_scope ON entity_services (unit_path text_pattern_ops);

-- Network assets. The remote-detection engine scans websites by their stable id and hostname and
-- compares registered IPs and filing numbers; the entity's region code is one join away.
CREATE TABLE entity_sites (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id          uuid NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  unit_path          text NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('website', 'app', 'ipRange')),
  name               text,
  hostname           text CHECK (hostname = lower(hostname)),
  ips                text[] NOT NULL DEFAULT '{}',
  ports              integer[] NOT NULL DEFAULT '{}',
  icp_filing_number  text,
  psb_filing_number  text,
  attributes         jsonb NOT NULL DEFAULT '{}'::jsonb,
  status             text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'website' OR hostname IS NOT NULL)
);
CREATE INDEX entity_sites_entity ON entity_sites (entity_id);
CREATE INDEX entity_sites_scope ON entity_sites (unit_path text_pattern_ops);
CREATE INDEX entity_sites_hostname ON entity_sites (hostname text_pattern_ops);
-- One live registration per hostname: a closed site's name may pass to a new entity.
CREATE UNIQUE INDEX entity_sites_hostname_active ON entity_sites (hostname) WHERE status = 'active' AND hostname IS NOT NULL;

CREATE TABLE entity_mlps_systems (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id            uuid NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  unit_path            text NOT NULL,
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  level                integer NOT NULL CHECK (level BETWEEN 1 AND 5),
  status               text NOT NULL CHECK (status IN ('graded', 'expertReviewed', 'supervisorApproved', 'filed', 'evaluated')),
  graded_on            date,
  expert_reviewed_on   date,
  approved_on          date,
  filed_on             date,
  certificate_number   text,
  last_evaluated_on    date,
  next_evaluation_due  date,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (status NOT IN ('filed', 'evaluated') OR certificate_number IS NOT NULL)
);
CREATE INDEX entity_mlps_entity ON entity_mlps_systems (entity_id);
CREATE INDEX entity_mlps_scope ON entity_mlps_systems (unit_path text_pattern_ops, level);

-- Incidents, cases and penalties of an entity: they feed the focus criteria (O151-A9-F2/F3).
CREATE TABLE entity_history (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  entity_id        uuid NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
  unit_path        text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('incident', 'case', 'penalty')),
  occurred_on      date NOT NULL,
  category         text NOT NULL,
  severity         text CHECK (severity IN ('low', 'medium', 'high', 'critical')),
  status           text CHECK (status IN ('reported', 'confirmed', 'dismissed')),
  case_kind        text CHECK (case_kind IN ('criminal', 'administrative')),
  authority        text CHECK (authority IN ('police', 'other')),
  decision_number  text,
  description      text,
  created_by       uuid,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'incident' OR (severity IS NOT NULL AND status IS NOT NULL)),
  CHECK (kind <> 'case' OR case_kind IS NOT NULL),
  CHECK (kind <> 'penalty' OR authority IS NOT NULL)
);
CREATE INDEX entity_history_entity ON entity_history (entity_id, occurred_on);
CREATE INDEX entity_history_scope ON entity_history (unit_path text_pattern_ops);
