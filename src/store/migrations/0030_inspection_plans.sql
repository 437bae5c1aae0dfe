-- Inspection plans (检查计划) and their target entities. A plan is drafted by an inspector,
-- approved or returned by a leader (never the author), and on approval yields one inspection
-- per target entity and mode.
CREATE TABLE inspection_plans (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id         uuid NOT NULL REFERENCES units(id),
  unit_path       text NOT NULL,  -- copied from the planning unit so scope filters need no join
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  type            text NOT NULL CHECK (type IN ('routine', 'focus', 'special', 'adHoc')),
  period          text CHECK (period IN ('annual', 'quarterly')),
  mode            text NOT NULL CHECK (mode IN ('onSite', 'remote', 'both')),
  basis           text NOT NULL CHECK (length(basis) BETWEEN 1 AND 1000),
  scope_text      text NOT NULL CHECK (length(scope_text) BETWEEN 1 AND 2000),
  major_task      jsonb,          -- special: { name, from, to } (重大网络安全保卫任务)
  source          jsonb,          -- adHoc: { kind, ref, description } (report, incident, clue, 一案双查)
  starts_on       date NOT NULL,
  ends_on         date NOT NULL,
  team_ids        uuid[] NOT NULL,
  status          text NOT NULL DEFAULT 'draft'
                  CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'inProgress', 'completed', 'cancelled')),
  created_by      uuid REFERENCES users(id),
  submitted_at    timestamptz,
  reviewed_by     uuid REFERENCES users(id),
  reviewed_at     timestamptz,
  review_comment  text,
  cancel_reason   text,
  is_demo         boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (starts_on <= ends_on),
  CHECK (cardinality(team_ids) >= 2),
  CHECK (type <> 'special' OR major_task IS NOT NULL),
  CHECK (type <> 'routine' OR period IS NOT NULL)
);
CREATE INDEX inspection_plans_scope ON inspection_plans (unit_path text_pattern_ops);
CREATE INDEX inspection_plans_status ON inspection_plans (status);

CREATE TABLE inspection_plan_targets (
  plan_id    uuid NOT NULL REFERENCES inspection_plans(id) ON DELETE CASCADE,
  entity_id  uuid NOT NULL REFERENCES entities(id),
  reason     text,  -- why the entity is targeted (a focus flag, the clue…)
  PRIMARY KEY (plan_id, entity_id)
);
CREATE INDEX inspection_plan_targets_entity ON inspection_plan_targets (entity_id);
