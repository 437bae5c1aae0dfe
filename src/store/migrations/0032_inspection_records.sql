-- Inspection records (检查记录 / 远程检测记录): an exact canonical text, signed by the officers
-- and the entity (on site) or the agency staff who took part (remote). Complete signatures
-- freeze a record; a correction is a new version referencing the old one, which stays.
CREATE TABLE inspection_records (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inspection_id      uuid NOT NULL REFERENCES inspections(id),
  unit_path          text NOT NULL,
  entity_id          uuid NOT NULL REFERENCES entities(id),
  mode               text NOT NULL CHECK (mode IN ('onSite', 'remote')),
  version            integer NOT NULL CHECK (version >= 1),
  previous_id        uuid REFERENCES inspection_records(id),
  doc_number         text NOT NULL,
  content            text NOT NULL,
  content_sha256     text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  correction_reason  text,
  status             text NOT NULL DEFAULT 'signing' CHECK (status IN ('signing', 'frozen', 'superseded')),
  objection          text,            -- the entity's statement (异议), in its own words
  objection_by       uuid REFERENCES users(id),
  objection_at       timestamptz,
  refusal            jsonb,           -- { reason, notedBy: [names], notedByIds, notedAt } (拒绝签名)
  frozen_at          timestamptz,
  created_by         uuid REFERENCES users(id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (inspection_id, version),
  CHECK ((version = 1) = (previous_id IS NULL)),
  CHECK (status <> 'frozen' OR frozen_at IS NOT NULL),
  CHECK (status <> 'signing' OR frozen_at IS NULL)
);
CREATE INDEX inspection_records_scope ON inspection_records (unit_path text_pattern_ops);
CREATE INDEX inspection_records_inspection ON inspection_records (inspection_id);

CREATE TABLE record_signatures (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  record_id        uuid NOT NULL REFERENCES inspection_records(id),
  unit_path        text NOT NULL,
  role             text NOT NULL CHECK (role IN ('officer', 'entity', 'agency')),
  user_id          uuid REFERENCES users(id),     -- null when the entity's person signs on the officers' tablet
  signer_name      text NOT NULL CHECK (length(signer_name) BETWEEN 1 AND 50),
  signer_post      text,
  credential_number text,
  image_png        text NOT NULL,                 -- handwritten signature, PNG data URL
  image_sha256     text NOT NULL CHECK (image_sha256 ~ '^[0-9a-f]{64}$'),
  content_sha256   text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),  -- the exact text signed
  signed_at        timestamptz NOT NULL,
  recorded_by      uuid REFERENCES users(id),
  CHECK (role = 'entity' OR user_id IS NOT NULL)
);
CREATE INDEX record_signatures_record ON record_signatures (record_id);
CREATE UNIQUE INDEX record_signatures_one_per_user ON record_signatures (record_id, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX record_signatures_one_entity ON record_signatures (record_id) WHERE role = 'entity';

-- A frozen record's content can never change, whatever code runs: only status frozen →
-- superseded (when a corrected version freezes) is allowed. Records are never deleted.
CREATE FUNCTION inspection_records_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  officers integer;
  entity_signed boolean;
  agency_missing integer;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'inspection records are never deleted' USING ERRCODE = 'WAF01';
  END IF;
  IF OLD.frozen_at IS NOT NULL THEN
    IF NEW.content IS DISTINCT FROM OLD.content
       OR NEW.content_sha256 IS DISTINCT FROM OLD.content_sha256
       OR NEW.version IS DISTINCT FROM OLD.version
       OR NEW.inspection_id IS DISTINCT FROM OLD.inspection_id
       OR NEW.previous_id IS DISTINCT FROM OLD.previous_id
       OR NEW.doc_number IS DISTINCT FROM OLD.doc_number
       OR NEW.mode IS DISTINCT FROM OLD.mode
       OR NEW.entity_id IS DISTINCT FROM OLD.entity_id
       OR NEW.unit_path IS DISTINCT FROM OLD.unit_path
       OR NEW.objection IS DISTINCT FROM OLD.objection
       OR NEW.objection_by IS DISTINCT FROM OLD.objection_by
       OR NEW.objection_at IS DISTINCT FROM OLD.objection_at
       OR NEW.refusal IS DISTINCT FROM OLD.refusal
       OR NEW.correction_reason IS DISTINCT FROM OLD.correction_reason
       OR NEW.frozen_at IS DISTINCT FROM OLD.frozen_at
       OR NEW.created_at IS DISTINCT FROM OLD.created_at
       OR NEW.created_by IS DISTINCT FROM OLD.created_by
       OR NOT (NEW.status = OLD.status OR (OLD.status = 'frozen' AND NEW.status = 'superseded')) THEN
      RAISE EXCEPTION 'inspection record % is frozen', OLD.id USING ERRCODE = 'WAF01';
    END IF;
    RETURN NEW;
  END IF;
  IF OLD.status <> 'signing' AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.content_sha256 IS DISTINCT FROM OLD.content_sha256) THEN
    RAISE EXCEPTION 'inspection record % is superseded', OLD.id USING ERRCODE = 'WAF01';
  END IF;
  IF NEW.frozen_at IS NOT NULL THEN
    -- Freezing: the signatures §3.7 requires must be present, each over this exact text.
    SELECT count(*) INTO officers FROM record_signatures
      WHERE record_id = NEW.id AND role = 'officer' AND content_sha256 = NEW.content_sha256;
    SELECT EXISTS (SELECT 1 FROM record_signatures
      WHERE record_id = NEW.id AND role = 'entity' AND content_sha256 = NEW.content_sha256) INTO entity_signed;
    SELECT count(*) INTO agency_missing FROM inspections i, unnest(i.agency_staff_ids) AS staff(user_id)
      WHERE i.id = NEW.inspection_id AND NOT EXISTS (
        SELECT 1 FROM record_signatures s WHERE s.record_id = NEW.id AND s.role = 'agency'
          AND s.user_id = staff.user_id AND s.content_sha256 = NEW.content_sha256);
    IF officers < 2 THEN
      RAISE EXCEPTION 'record % needs two officer signatures to freeze', NEW.id USING ERRCODE = 'WAF02';
    END IF;
    IF NEW.mode = 'onSite' AND NOT entity_signed AND NEW.refusal IS NULL THEN
      RAISE EXCEPTION 'record % needs the entity signature or a refusal note to freeze', NEW.id USING ERRCODE = 'WAF02';
    END IF;
    IF NEW.mode = 'remote' AND agency_missing > 0 THEN
      RAISE EXCEPTION 'record % needs the signature of every agency staff member who took part', NEW.id USING ERRCODE = 'WAF02';
    END IF;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER inspection_records_guard BEFORE UPDATE OR DELETE ON inspection_records
  FOR EACH ROW EXECUTE FUNCTION inspection_records_guard();

-- Signatures are append-only, and only a record still being signed takes new ones.
CREATE FUNCTION record_signatures_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  rec_status text;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'record signatures are append-only' USING ERRCODE = 'WAF01';
  END IF;
  SELECT status INTO rec_status FROM inspection_records WHERE id = NEW.record_id;
  IF rec_status IS DISTINCT FROM 'signing' THEN
    RAISE EXCEPTION 'record % is not open for signatures', NEW.record_id USING ERRCODE = 'WAF01';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER record_signatures_guard BEFORE INSERT OR UPDATE OR DELETE ON record_signatures
  FOR EACH ROW EXECUTE FUNCTION record_signatures_guard();
