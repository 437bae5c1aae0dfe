-- One inspection (监督检查) of one entity, its notice (监督检查通知书) and its frozen checklist.
CREATE TABLE inspections (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id           uuid REFERENCES inspection_plans(id),
  entity_id         uuid NOT NULL REFERENCES entities(id),
  unit_id           uuid NOT NULL REFERENCES units(id),
  unit_path         text NOT NULL,
  type              text NOT NULL CHECK (type IN ('routine', 'focus', 'special', 'adHoc')),
  mode              text NOT NULL CHECK (mode IN ('onSite', 'remote')),
  status            text NOT NULL DEFAULT 'planned' CHECK (status IN (
                      'planned', 'notified', 'inProgress', 'recordSigning', 'recordFrozen', 'findingsConfirmed',
                      'closedCompliant', 'riskNoted', 'closedGuided', 'rectificationOrdered', 'rectificationReported',
                      'reInspected', 'closedRectified', 'escalated', 'closedEscalated', 'cancelled')),
  team_ids          uuid[] NOT NULL,
  agency_id         uuid,            -- remote: the entrusted security agency
  agency_staff_ids  uuid[] NOT NULL DEFAULT '{}',  -- remote: agency staff who took part (they sign)
  scheduled_on      date NOT NULL,
  major_task        jsonb,
  place             text,
  started_at        timestamptz,
  ended_at          timestamptz,
  checklist_as_of   date,            -- the day the rule sets were evaluated
  rule_sets         jsonb,           -- frozen [{ id, version, contentHash }]
  rule_warnings     jsonb,
  measures_taken    text[] NOT NULL DEFAULT '{}',
  guidance          text,            -- risks only: guidance given, on record
  cancel_reason     text,
  closed_at         timestamptz,
  created_by        uuid REFERENCES users(id),
  is_demo           boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (cardinality(team_ids) >= 2)
);
CREATE INDEX inspections_scope ON inspections (unit_path text_pattern_ops);
CREATE INDEX inspections_entity ON inspections (entity_id);
CREATE INDEX inspections_plan ON inspections (plan_id);
CREATE INDEX inspections_status ON inspections (status);

CREATE TABLE inspection_notices (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inspection_id        uuid NOT NULL UNIQUE REFERENCES inspections(id),
  unit_path            text NOT NULL,
  entity_id            uuid NOT NULL REFERENCES entities(id),
  doc_number           text NOT NULL UNIQUE,
  status               text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'voided')),
  issued_at            timestamptz NOT NULL,
  issued_by            uuid REFERENCES users(id),
  inspection_on        date NOT NULL,
  window_end           date,
  scope_text           text NOT NULL,
  basis                text NOT NULL,
  team                 jsonb NOT NULL,   -- [{ userId, name, credentialNumber }] as served
  to_prepare           text[] NOT NULL DEFAULT '{}',
  contact              text,
  portal_delivered_at  timestamptz,      -- visible in the entity's portal from then on
  served_at            timestamptz,
  service_method       text CHECK (service_method IN ('portal', 'inPerson', 'post', 'left')),
  receipt              jsonb,            -- { receivedBy, note, recordedBy }
  CHECK (window_end IS NULL OR window_end >= inspection_on)
);
CREATE INDEX inspection_notices_scope ON inspection_notices (unit_path text_pattern_ops);
CREATE INDEX inspection_notices_entity ON inspection_notices (entity_id);

-- The checklist frozen at the start of checking: each row copies its rule item, so later rule
-- changes never alter a past inspection.
CREATE TABLE inspection_items (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inspection_id     uuid NOT NULL REFERENCES inspections(id),
  unit_path         text NOT NULL,
  seq               integer NOT NULL CHECK (seq >= 1),
  item_key          text NOT NULL,
  rule_set_id       text NOT NULL,
  rule_set_version  text NOT NULL,
  snapshot          jsonb NOT NULL,
  result            text NOT NULL DEFAULT 'notChecked' CHECK (result IN ('compliant', 'nonCompliant', 'notApplicable', 'notChecked')),
  note              text,
  updated_by        uuid REFERENCES users(id),
  updated_at        timestamptz,
  UNIQUE (inspection_id, item_key),
  UNIQUE (inspection_id, seq)
);
CREATE INDEX inspection_items_scope ON inspection_items (unit_path text_pattern_ops);
