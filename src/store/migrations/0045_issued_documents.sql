-- Issued official documents (正式文书): the exact data rendered (content), its SHA-256 (the hash
-- printed in every page footer and stamped in the PDF metadata), the unit template as printed,
-- and the PDF itself. A document is issued once under its number; voiding keeps the row, the
-- number and the bytes. Nothing here is ever deleted, and what was printed never changes.
CREATE TABLE issued_documents (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id        uuid NOT NULL REFERENCES units(id),
  unit_path      text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('inspectionNotice', 'onSiteRecord', 'remoteRecord', 'rectificationNotice',
                   'reInspectionOpinion', 'warningTalkRecord', 'penaltyDecision', 'inspectionReport')),
  title          text NOT NULL,
  -- Nullable for a future stored draft; an issued or voided document always has one (CHECK below).
  doc_number     text UNIQUE,
  number_id      uuid REFERENCES document_numbers(id),
  subject_type   text NOT NULL CHECK (subject_type IN ('inspectionNotice', 'inspectionRecord', 'rectificationNotice',
                   'reInspection', 'warningTalk', 'penalty', 'inspection')),
  subject_id     uuid NOT NULL,
  inspection_id  uuid REFERENCES inspections(id),
  entity_id      uuid REFERENCES entities(id),
  party_name     text NOT NULL,
  issue_date     date NOT NULL,
  content        jsonb NOT NULL,
  content_hash   text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  template       jsonb NOT NULL,
  pdf_sha256     text NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
  pdf_size       integer NOT NULL CHECK (pdf_size > 0),
  status         text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'voided')),
  issued_by      uuid REFERENCES users(id),
  issued_at      timestamptz NOT NULL,
  voided_by      uuid REFERENCES users(id),
  voided_at      timestamptz,
  voided_reason  text,
  print_count    integer NOT NULL DEFAULT 0 CHECK (print_count >= 0),
  batch_id       uuid,
  is_demo        boolean NOT NULL DEFAULT false,
  CHECK (doc_number IS NOT NULL),
  CHECK ((status = 'voided') = (voided_at IS NOT NULL)),
  CHECK (status = 'issued' OR voided_reason IS NOT NULL)
);
CREATE INDEX issued_documents_scope ON issued_documents (unit_path text_pattern_ops);
CREATE INDEX issued_documents_entity ON issued_documents (entity_id);
CREATE INDEX issued_documents_subject ON issued_documents (subject_id);
CREATE INDEX issued_documents_inspection ON issued_documents (inspection_id);
CREATE INDEX issued_documents_issued_at ON issued_documents (issued_at, id);
CREATE INDEX issued_documents_batch ON issued_documents (batch_id) WHERE batch_id IS NOT NULL;
-- One live document per kind and subject: a second issue is a CONFLICT, a re-issue needs a void first.
CREATE UNIQUE INDEX issued_documents_live_subject ON issued_documents (kind, subject_id) WHERE status = 'issued';

-- The PDF bytes, apart so lists never read them. bytea rather than files: the document and its
-- bytes commit together, backups carry them, and several workers on PostgreSQL share them.
CREATE TABLE issued_document_files (
  document_id  uuid PRIMARY KEY REFERENCES issued_documents(id),
  pdf          bytea NOT NULL
);

-- Every download and reprint, with who, when and why.
CREATE TABLE document_prints (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id  uuid NOT NULL REFERENCES issued_documents(id),
  unit_path    text NOT NULL,
  purpose      text NOT NULL CHECK (purpose IN ('download', 'reprint')),
  reason       text,
  printed_by   uuid REFERENCES users(id),
  printed_at   timestamptz NOT NULL
);
CREATE INDEX document_prints_document ON document_prints (document_id, printed_at);

-- Batch renders worked by the documents.renderBatch job.
CREATE TABLE document_batches (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id       uuid NOT NULL REFERENCES units(id),
  unit_path     text NOT NULL,
  requested_by  uuid REFERENCES users(id),
  items         jsonb NOT NULL,     -- [{ kind, subjectId }]
  total         integer NOT NULL CHECK (total >= 1),
  done          integer NOT NULL DEFAULT 0,
  failed        integer NOT NULL DEFAULT 0,
  errors        jsonb NOT NULL DEFAULT '[]'::jsonb,  -- [{ index, code, message }]
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done')),
  created_at    timestamptz NOT NULL,
  started_at    timestamptz,
  finished_at   timestamptz
);
CREATE INDEX document_batches_scope ON document_batches (unit_path text_pattern_ops);

-- A unit's template overrides (address, phone, appeal bodies, wording); the nearest unit up the
-- tree with a row wins over templates/default.json. Unit name, seal text and prefix come from the unit.
CREATE TABLE document_templates (
  unit_id     uuid PRIMARY KEY REFERENCES units(id),
  unit_path   text NOT NULL,
  template    jsonb NOT NULL,
  updated_by  uuid REFERENCES users(id),
  updated_at  timestamptz NOT NULL
);

-- What was printed never changes: only issued → voided (with who, when, why) and the print
-- counter move. The bytes are write-once. Nothing is deleted.
CREATE FUNCTION issued_documents_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'issued documents are never deleted' USING ERRCODE = 'WAF01';
  END IF;
  IF NEW.kind IS DISTINCT FROM OLD.kind OR NEW.doc_number IS DISTINCT FROM OLD.doc_number
     OR NEW.number_id IS DISTINCT FROM OLD.number_id OR NEW.unit_id IS DISTINCT FROM OLD.unit_id
     OR NEW.unit_path IS DISTINCT FROM OLD.unit_path OR NEW.subject_type IS DISTINCT FROM OLD.subject_type
     OR NEW.subject_id IS DISTINCT FROM OLD.subject_id OR NEW.entity_id IS DISTINCT FROM OLD.entity_id
     OR NEW.content IS DISTINCT FROM OLD.content OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
     OR NEW.template IS DISTINCT FROM OLD.template OR NEW.pdf_sha256 IS DISTINCT FROM OLD.pdf_sha256
     OR NEW.issued_at IS DISTINCT FROM OLD.issued_at OR NEW.issued_by IS DISTINCT FROM OLD.issued_by
     OR NEW.issue_date IS DISTINCT FROM OLD.issue_date
     OR (OLD.status = 'voided' AND (NEW.status <> 'voided' OR NEW.voided_at IS DISTINCT FROM OLD.voided_at
         OR NEW.voided_reason IS DISTINCT FROM OLD.voided_reason OR NEW.voided_by IS DISTINCT FROM OLD.voided_by))
     OR NEW.print_count < OLD.print_count THEN
    RAISE EXCEPTION 'issued document % cannot change', OLD.doc_number USING ERRCODE = 'WAF01';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER issued_documents_guard BEFORE UPDATE OR DELETE ON issued_documents
  FOR EACH ROW EXECUTE FUNCTION issued_documents_guard();

CREATE FUNCTION document_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is write-once', TG_TABLE_NAME USING ERRCODE = 'WAF01';
END;
$$;
CREATE TRIGGER issued_document_files_write_once BEFORE UPDATE OR DELETE ON issued_document_files
  FOR EACH ROW EXECUTE FUNCTION document_write_once();
CREATE TRIGGER document_prints_write_once BEFORE UPDATE OR DELETE ON document_prints
  FOR EACH ROW EXECUTE FUNCTION document_write_once();
