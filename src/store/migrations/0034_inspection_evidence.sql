-- Evidence files: bytes live content-addressed under the data dir (evidence/<sha256>); this
-- table says who may see them and what they prove.
CREATE TABLE inspection_evidence (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inspection_id            uuid NOT NULL REFERENCES inspections(id),
  item_id                  uuid REFERENCES inspection_items(id),
  rectification_notice_id  uuid REFERENCES rectification_notices(id),
  rectification_report_id  uuid REFERENCES rectification_reports(id),
  unit_path                text NOT NULL,
  entity_id                uuid NOT NULL REFERENCES entities(id),
  purpose                  text NOT NULL CHECK (purpose IN ('checklist', 'rectificationReport')),
  sha256                   text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes               integer NOT NULL CHECK (size_bytes > 0),
  content_type             text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf', 'image/webp', 'text/plain')),
  file_name                text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  uploaded_by              uuid REFERENCES users(id),
  uploaded_at              timestamptz NOT NULL,
  CHECK (purpose <> 'rectificationReport' OR rectification_notice_id IS NOT NULL)
);
CREATE INDEX inspection_evidence_scope ON inspection_evidence (unit_path text_pattern_ops);
CREATE INDEX inspection_evidence_inspection ON inspection_evidence (inspection_id);
CREATE INDEX inspection_evidence_notice ON inspection_evidence (rectification_notice_id);
