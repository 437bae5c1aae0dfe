-- Append-only, hash-chained audit trail. One head row serialises writers: its row lock is
-- held until the writing transaction commits, so seq is gap-free and the chain linear.
CREATE TABLE audit_log (
  seq          bigint PRIMARY KEY,
  at           timestamptz NOT NULL,
  actor_id     uuid,
  actor_name   text NOT NULL,
  unit_id      uuid,
  unit_path    text,
  action       text NOT NULL,
  target_type  text NOT NULL,
  target_id    text,
  from_state   text,
  to_state     text,
  reason       text,
  summary      jsonb NOT NULL DEFAULT '{}'::jsonb,
  ip           text,
  source       text NOT NULL,
  prev_hash    text NOT NULL,
  hash         text NOT NULL
);
CREATE INDEX audit_log_target ON audit_log (target_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id);
CREATE INDEX audit_log_action ON audit_log (action);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_unit_path ON audit_log (unit_path text_pattern_ops);

CREATE TABLE audit_chain_head (
  id    integer PRIMARY KEY CHECK (id = 1),
  seq   bigint NOT NULL,
  hash  text NOT NULL
);
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
