-- Findings from a frozen record, rectification notices (责令限期整改通知书), the entity's
-- reports (整改报告) and re-inspections (复查 / 复查意见书). "Overdue" is never stored: it is
-- derived from `deadline` against the Shanghai calendar day.
CREATE TABLE findings (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inspection_id  uuid NOT NULL REFERENCES inspections(id),
  record_id      uuid NOT NULL REFERENCES inspection_records(id),
  item_id        uuid REFERENCES inspection_items(id),
  unit_path      text NOT NULL,
  entity_id      uuid NOT NULL REFERENCES entities(id),
  seq            integer NOT NULL CHECK (seq >= 1),
  category       text NOT NULL CHECK (category IN ('violation', 'securityRisk', 'hiddenDanger')),
  severity       text NOT NULL CHECK (severity IN ('H', 'M', 'L')),
  description    text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
  item_key       text,
  citation       jsonb,           -- the item's citation, as frozen
  basis_text     text,            -- printable legal basis
  penalty_topic  text,            -- e.g. CSL-PEN-MLPS
  status         text NOT NULL DEFAULT 'open'
                 CHECK (status IN ('open', 'rectified', 'partiallyRectified', 'notRectified')),
  created_by     uuid REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (inspection_id, seq)
);
CREATE INDEX findings_scope ON findings (unit_path text_pattern_ops);
CREATE INDEX findings_inspection ON findings (inspection_id);

CREATE TABLE rectification_notices (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inspection_id        uuid NOT NULL REFERENCES inspections(id),
  unit_id              uuid NOT NULL REFERENCES units(id),
  unit_path            text NOT NULL,
  entity_id            uuid NOT NULL REFERENCES entities(id),
  round                integer NOT NULL CHECK (round >= 1),
  previous_id          uuid REFERENCES rectification_notices(id),
  doc_number           text NOT NULL UNIQUE,
  record_doc_number    text NOT NULL,
  inspected_on         date NOT NULL,
  deadline             date NOT NULL,     -- a calendar day in Asia/Shanghai
  order_basis          text NOT NULL,
  measures             text[] NOT NULL DEFAULT '{}',
  status               text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'reported', 'reInspected')),
  issued_at            timestamptz NOT NULL,
  issued_by            uuid REFERENCES users(id),
  portal_delivered_at  timestamptz,
  served_at            timestamptz,
  service_method       text CHECK (service_method IN ('portal', 'inPerson', 'post', 'left')),
  receipt              jsonb,
  UNIQUE (inspection_id, round)
);
CREATE INDEX rectification_notices_scope ON rectification_notices (unit_path text_pattern_ops);
CREATE INDEX rectification_notices_entity ON rectification_notices (entity_id);
CREATE INDEX rectification_notices_open_deadline ON rectification_notices (deadline) WHERE status <> 'reInspected';

CREATE TABLE rectification_notice_findings (
  notice_id   uuid NOT NULL REFERENCES rectification_notices(id),
  finding_id  uuid NOT NULL REFERENCES findings(id),
  measure     text,
  PRIMARY KEY (notice_id, finding_id)
);

CREATE TABLE rectification_reports (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  notice_id      uuid NOT NULL REFERENCES rectification_notices(id),
  inspection_id  uuid NOT NULL REFERENCES inspections(id),
  unit_path      text NOT NULL,
  entity_id      uuid NOT NULL REFERENCES entities(id),
  content        text NOT NULL CHECK (length(content) BETWEEN 1 AND 10000),
  submitted_via  text NOT NULL CHECK (submitted_via IN ('portal', 'inspector')),
  submitted_by   uuid REFERENCES users(id),
  submitted_at   timestamptz NOT NULL
);
CREATE INDEX rectification_reports_notice ON rectification_reports (notice_id);
CREATE INDEX rectification_reports_scope ON rectification_reports (unit_path text_pattern_ops);

CREATE TABLE re_inspections (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inspection_id  uuid NOT NULL REFERENCES inspections(id),
  notice_id      uuid NOT NULL UNIQUE REFERENCES rectification_notices(id),
  unit_id        uuid NOT NULL REFERENCES units(id),
  unit_path      text NOT NULL,
  entity_id      uuid NOT NULL REFERENCES entities(id),
  doc_number     text NOT NULL UNIQUE,    -- 复查意见书
  conducted_on   date NOT NULL,
  officer_ids    uuid[] NOT NULL CHECK (cardinality(officer_ids) >= 2),
  opinion        text NOT NULL CHECK (length(opinion) BETWEEN 1 AND 5000),
  all_rectified  boolean NOT NULL,
  created_by     uuid REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX re_inspections_scope ON re_inspections (unit_path text_pattern_ops);
CREATE INDEX re_inspections_inspection ON re_inspections (inspection_id);

CREATE TABLE re_inspection_results (
  re_inspection_id  uuid NOT NULL REFERENCES re_inspections(id),
  finding_id        uuid NOT NULL REFERENCES findings(id),
  rating            text NOT NULL CHECK (rating IN ('rectified', 'partiallyRectified', 'notRectified')),
  note              text,
  PRIMARY KEY (re_inspection_id, finding_id)
);
