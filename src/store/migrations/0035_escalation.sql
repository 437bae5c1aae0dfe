-- Escalation (rising weight): warning talks (约谈), administrative penalties including the
-- warning (警告), and case clues handed over (移交案件线索).
CREATE TABLE warning_talks (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inspection_id     uuid REFERENCES inspections(id),
  entity_id         uuid NOT NULL REFERENCES entities(id),
  unit_id           uuid NOT NULL REFERENCES units(id),
  unit_path         text NOT NULL,
  doc_number        text NOT NULL UNIQUE,
  held_at           timestamptz NOT NULL,
  place             text NOT NULL,
  officer_ids       uuid[] NOT NULL CHECK (cardinality(officer_ids) >= 2),
  attendees         jsonb NOT NULL,    -- [{ name, post }]
  reason            text NOT NULL,
  basis             text NOT NULL,
  problems          text NOT NULL,
  demands           text NOT NULL,
  deadline          date,
  entity_statement  text,
  created_by        uuid REFERENCES users(id),
  is_demo           boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX warning_talks_scope ON warning_talks (unit_path text_pattern_ops);
CREATE INDEX warning_talks_inspection ON warning_talks (inspection_id);

CREATE TABLE penalties (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inspection_id          uuid REFERENCES inspections(id),
  entity_id              uuid NOT NULL REFERENCES entities(id),
  unit_id                uuid NOT NULL REFERENCES units(id),
  unit_path              text NOT NULL,
  finding_ids            uuid[] NOT NULL DEFAULT '{}',
  topic_key              text NOT NULL,
  tier                   text NOT NULL CHECK (tier IN ('first', 'refusalOrHarm', 'serious', 'especiallySerious')),
  subject                text NOT NULL CHECK (subject IN ('operator', 'cii')),
  violation_date         date NOT NULL,
  legal_basis            jsonb NOT NULL,   -- the topic's article and ranges in the law version of the violation date
  measures               text[] NOT NULL DEFAULT '{}',
  fine_amount            numeric(14, 2) CHECK (fine_amount IS NULL OR fine_amount > 0),
  person_fines           jsonb NOT NULL DEFAULT '[]'::jsonb,  -- [{ name, post, amount }]
  facts                  text NOT NULL,
  evidence_summary       text,
  status                 text NOT NULL DEFAULT 'proposed' CHECK (status IN (
                           'proposed', 'legalReview', 'returned', 'reviewed', 'intentNotified', 'decided', 'served',
                           'executed', 'challenged', 'closed', 'withdrawn')),
  proposed_by            uuid REFERENCES users(id),
  review_result          text CHECK (review_result IN ('ok', 'returned')),
  review_comment         text,
  reviewed_by            uuid REFERENCES users(id),
  reviewed_at            timestamptz,
  intent_notified_at     timestamptz,
  hearing_offered        boolean,
  doc_number             text UNIQUE,
  decided_at             timestamptz,
  decided_by             uuid REFERENCES users(id),
  payment_deadline       date,
  served_at              timestamptz,
  service_method         text CHECK (service_method IN ('portal', 'inPerson', 'post', 'left')),
  executed_at            timestamptz,
  challenged_at          timestamptz,
  challenge_kind         text CHECK (challenge_kind IN ('reconsideration', 'litigation')),
  closed_at              timestamptz,
  close_note             text,
  is_demo                boolean NOT NULL DEFAULT false,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CHECK (cardinality(measures) > 0 OR fine_amount IS NOT NULL),
  CHECK (status NOT IN ('decided', 'served', 'executed', 'challenged', 'closed') OR doc_number IS NOT NULL)
);
CREATE INDEX penalties_scope ON penalties (unit_path text_pattern_ops);
CREATE INDEX penalties_inspection ON penalties (inspection_id);
CREATE INDEX penalties_status ON penalties (status);

CREATE TABLE case_clues (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  inspection_id      uuid REFERENCES inspections(id),
  entity_id          uuid REFERENCES entities(id),
  unit_id            uuid NOT NULL REFERENCES units(id),
  unit_path          text NOT NULL,
  title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  facts              text NOT NULL,
  suspected_offence  text,
  receiving_unit     text NOT NULL,
  status             text NOT NULL DEFAULT 'drafted' CHECK (status IN ('drafted', 'approved', 'sent', 'acknowledged', 'cancelled')),
  drafted_by         uuid REFERENCES users(id),
  approved_by        uuid REFERENCES users(id),
  approved_at        timestamptz,
  sent_at            timestamptz,
  acknowledged_at    timestamptz,
  acknowledgement    text,
  cancel_reason      text,
  is_demo            boolean NOT NULL DEFAULT false,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_clues_scope ON case_clues (unit_path text_pattern_ops);
CREATE INDEX case_clues_inspection ON case_clues (inspection_id);
