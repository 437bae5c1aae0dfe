-- Every number ever issued, with what it was issued for. A voided number stays voided and is
-- never reused; numbers are never deleted.
CREATE TABLE document_numbers (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id      uuid NOT NULL REFERENCES units(id),
  unit_path    text NOT NULL,
  kind         text NOT NULL,
  year         integer NOT NULL,
  seq          integer NOT NULL CHECK (seq >= 1),
  doc_number   text NOT NULL UNIQUE,
  status       text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'voided')),
  target_type  text NOT NULL,
  target_id    uuid NOT NULL,
  issued_at    timestamptz NOT NULL,
  issued_by    uuid REFERENCES users(id),
  voided_at    timestamptz,
  voided_by    uuid REFERENCES users(id),
  void_reason  text,
  UNIQUE (unit_id, kind, year, seq),
  CHECK ((status = 'voided') = (voided_at IS NOT NULL))
);
CREATE INDEX document_numbers_scope ON document_numbers (unit_path text_pattern_ops);
CREATE INDEX document_numbers_target ON document_numbers (target_id);

CREATE FUNCTION document_numbers_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'document numbers are never deleted' USING ERRCODE = 'WAF01';
  END IF;
  IF NEW.unit_id IS DISTINCT FROM OLD.unit_id OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.year IS DISTINCT FROM OLD.year
     OR NEW.seq IS DISTINCT FROM OLD.seq OR NEW.doc_number IS DISTINCT FROM OLD.doc_number
     OR NEW.target_id IS DISTINCT FROM OLD.target_id OR NEW.target_type IS DISTINCT FROM OLD.target_type
     OR (OLD.status = 'voided') THEN
    RAISE EXCEPTION 'document number % cannot change', OLD.doc_number USING ERRCODE = 'WAF01';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER document_numbers_guard BEFORE UPDATE OR DELETE ON document_numbers
  FOR EACH ROW EXECUTE FUNCTION document_numbers_guard();
