-- Campaigns (专项行动, domain.md §5.7): a time-boxed campaign launched by a unit for its subtree
-- (净网2026), with the strands it runs (打/清/整/宣) and its target entities. Lifecycle
-- draft → launched → active → closed → summarised; the summary text is required at the end.
CREATE TABLE campaigns (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id            uuid NOT NULL REFERENCES units(id),  -- the launching unit
  unit_path          text NOT NULL,                       -- copied from it so scope filters need no join
  code               text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$'),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description        text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
  strands            text[] NOT NULL DEFAULT '{}'
                     CHECK (strands <@ ARRAY['strike', 'clean', 'rectify', 'publicise']::text[]),
  starts_on          date NOT NULL,   -- calendar days in Asia/Shanghai
  ends_on            date NOT NULL,
  status             text NOT NULL DEFAULT 'draft'
                     CHECK (status IN ('draft', 'launched', 'active', 'closed', 'summarised')),
  summary            text CHECK (length(summary) <= 20000),
  created_by         uuid REFERENCES users(id),
  status_changed_at  timestamptz NOT NULL DEFAULT now(),
  is_demo            boolean NOT NULL DEFAULT false,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_on <= ends_on),
  CHECK (status <> 'summarised' OR length(summary) > 0),
  UNIQUE (unit_id, code)
);
CREATE INDEX campaigns_scope ON campaigns (unit_path text_pattern_ops);
CREATE INDEX campaigns_status ON campaigns (status);

-- Target entities. No unit_path copy: an entity moved by an accepted transfer keeps its
-- campaigns, and scope filters join entities for its current unit path.
CREATE TABLE campaign_entities (
  campaign_id  uuid NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  entity_id    uuid NOT NULL REFERENCES entities(id),
  added_by     uuid REFERENCES users(id),
  added_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, entity_id)
);
CREATE INDEX campaign_entities_entity ON campaign_entities (entity_id);
