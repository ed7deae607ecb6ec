-- Authentication (docs/security.md): accounts, OpenID Connect identities, sessions, pending second
-- factors and OpenID Connect flows, and the failed sign-ins that throttling counts.

CREATE TABLE users (
  id               uuid PRIMARY KEY,
  username         text NOT NULL CHECK (username ~ '^[A-Za-z0-9._@-]{1,100}$'),
  display_name     text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  -- argon2id PHC string; NULL for an account that signs in only through OpenID Connect.
  password_hash    text,
  roles            text[] NOT NULL DEFAULT '{}' CHECK (roles <@ ARRAY['INTAKE_OFFICER', 'ELIGIBILITY_OFFICER', 'TRIBUNAL_REGISTRY',
                     'TRIBUNAL_MEMBER', 'COUNSEL', 'ANALYST', 'AUDITOR', 'ADMINISTRATOR']::text[]),
  -- Office codes whose claims the user may see; NULL means every office.
  office_scope     text[],
  disabled_at      timestamptz,
  -- Sealed (AES-256-GCM, key id inside): set at enrolment, in force once confirmed.
  totp_secret      text,
  totp_enabled_at  timestamptz,
  -- The last RFC 6238 time step accepted: a code is never accepted twice.
  totp_last_step   bigint,
  last_sign_in_at  timestamptz,
  created_at       timestamptz NOT NULL,
  created_by       text NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_username_idx ON users (lower(username));

CREATE TABLE user_identities (
  issuer      text NOT NULL,
  subject     text NOT NULL,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL,
  created_by  text NOT NULL,
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX user_identities_user_idx ON user_identities (user_id);

-- Only the SHA-256 of a session token is kept: a copy of this table signs no one in.
CREATE TABLE sessions (
  token_hash           text PRIMARY KEY,
  user_id              uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token           text NOT NULL,
  method               text NOT NULL CHECK (method IN ('password', 'password+totp', 'oidc')),
  created_at           timestamptz NOT NULL,
  last_seen_at         timestamptz NOT NULL,
  idle_expires_at      timestamptz NOT NULL,
  absolute_expires_at  timestamptz NOT NULL,
  address              text,
  user_agent           text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- A password accepted, a TOTP code still to come.
CREATE TABLE sign_in_challenges (
  token_hash  text PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  address     text
);

-- An OpenID Connect authorization in progress, bound to the browser that started it.
CREATE TABLE oidc_flows (
  token_hash     text PRIMARY KEY,
  provider_id    text NOT NULL,
  state          text NOT NULL,
  nonce          text NOT NULL,
  code_verifier  text NOT NULL,
  return_to      text NOT NULL,
  created_at     timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL
);

-- Failed sign-ins (wrong password, unknown account, wrong TOTP code): what throttling counts.
-- account_key is the lower-cased username as typed, so unknown accounts are throttled alike.
CREATE TABLE sign_in_failures (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL,
  account_key  text NOT NULL,
  address      text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('password', 'totp'))
);
CREATE INDEX sign_in_failures_account_idx ON sign_in_failures (account_key, at);
CREATE INDEX sign_in_failures_address_idx ON sign_in_failures (address, at);
CREATE INDEX sign_in_failures_at_idx ON sign_in_failures (at);
