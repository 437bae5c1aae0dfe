CREATE TABLE users (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username             text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9_.-]{2,31}$'),
  display_name         text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 50),
  kind                 text NOT NULL CHECK (kind IN ('staff', 'portal', 'agency')),
  unit_id              uuid NOT NULL REFERENCES units(id),
  unit_path            text NOT NULL,  -- copied from the unit so scope filters need no join
  roles                text[] NOT NULL DEFAULT '{}',
  entity_id            uuid,           -- portal users: the one entity they act for
  agency_id            uuid,           -- agency staff: their security agency
  credential_number    text,           -- 执法证号 of an inspector
  password_hash        text NOT NULL,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  must_change_password boolean NOT NULL DEFAULT false,
  totp_secret_enc      text,           -- AES-GCM sealed; set once enrolment is confirmed
  totp_pending_enc     text,           -- enrolment started, not yet confirmed
  recovery_code_hashes text[] NOT NULL DEFAULT '{}',
  failed_logins        integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  is_demo              boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'portal' OR entity_id IS NOT NULL),
  CHECK (kind <> 'agency' OR agency_id IS NOT NULL)
);
CREATE INDEX users_unit_path ON users (unit_path text_pattern_ops);

CREATE TABLE sessions (
  id              text PRIMARY KEY,    -- sha256 of the cookie token; the token itself is never stored
  user_id         uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token      text NOT NULL,
  mfa_passed      boolean NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_seen_at    timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL, -- absolute limit
  revoked_at      timestamptz,
  ip              text,
  user_agent      text
);
CREATE INDEX sessions_user ON sessions (user_id);
