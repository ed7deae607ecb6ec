-- The claim ledger: an append-only event log per claim, and current-state tables that are
-- updated in the same transaction as each event. Written for PostgreSQL 15 (and PGlite).

CREATE TABLE family_groups (
  id                     uuid PRIMARY KEY,
  reference              text NOT NULL UNIQUE,
  office_code            text NOT NULL,
  office_type            text NOT NULL,
  province               text NOT NULL,
  claim_date             date NOT NULL,
  arrival                jsonb NOT NULL,
  persecution_countries  text[] NOT NULL,
  created_at             timestamptz NOT NULL DEFAULT now(),
  created_by             text NOT NULL
);

CREATE TABLE persons (
  id                    uuid PRIMARY KEY,
  family_name           text NOT NULL,
  given_names           text NOT NULL,
  date_of_birth         date NOT NULL,
  sex                   text NOT NULL,
  citizenships          text[] NOT NULL,
  documents             jsonb NOT NULL,
  languages             text[] NOT NULL,
  interpreter_language  text,
  -- Blocking keys of the duplicate search: exact strings, so they can later become keyed blind
  -- indexes when names are encrypted at rest. One array per person (GIN-indexed), not a row per key.
  match_keys            text[] NOT NULL DEFAULT '{}',
  created_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX persons_match_keys_idx ON persons USING gin (match_keys);

CREATE SEQUENCE claim_reference_seq;

CREATE TABLE claims (
  id                     uuid PRIMARY KEY,
  reference              text NOT NULL UNIQUE,
  group_id               uuid NOT NULL REFERENCES family_groups (id),
  person_id              uuid NOT NULL REFERENCES persons (id),
  relationship           text NOT NULL,
  office_code            text NOT NULL,
  office_type            text NOT NULL,
  province               text NOT NULL,
  claim_date             date NOT NULL,
  arrival_manner         text NOT NULL,
  arrival_date           date,
  persecution_countries  text[] NOT NULL,
  state                  text NOT NULL,
  lifecycle              jsonb NOT NULL,
  version                integer NOT NULL CHECK (version >= 1),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX claims_group_idx ON claims (group_id);
CREATE INDEX claims_person_idx ON claims (person_id);
CREATE INDEX claims_state_idx ON claims (state, claim_date);
CREATE INDEX claims_office_date_idx ON claims (office_code, claim_date);
CREATE INDEX claims_date_idx ON claims (claim_date, id);

CREATE TABLE claim_events (
  claim_id        uuid NOT NULL REFERENCES claims (id),
  version         integer NOT NULL CHECK (version >= 1),
  type            text NOT NULL,
  transition_id   text,
  from_state      text,
  to_state        text NOT NULL,
  actor_role      text NOT NULL,
  actor_name      text,
  effective_date  date NOT NULL,
  notice_date     date,
  received_date   date,
  legal_basis     text NOT NULL,
  reasons         text,
  details         jsonb NOT NULL DEFAULT '{}'::jsonb,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  recorded_by     text NOT NULL,
  PRIMARY KEY (claim_id, version)
);
CREATE INDEX claim_events_type_date_idx ON claim_events (type, effective_date);

-- History is evidence: the log can be appended to, never edited or deleted.
CREATE FUNCTION refuse_event_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'claim_events is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER claim_events_append_only BEFORE UPDATE OR DELETE ON claim_events
  FOR EACH ROW EXECUTE FUNCTION refuse_event_mutation();

CREATE TABLE duplicate_searches (
  id          uuid PRIMARY KEY,
  query_hash  text NOT NULL,
  result      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL
);

CREATE TABLE idempotency_keys (
  scope          text NOT NULL,
  key            text NOT NULL,
  request_hash   text NOT NULL,
  status_code    integer,
  response       jsonb,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);

CREATE TABLE audit_log (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  actor         text NOT NULL,
  action        text NOT NULL,
  subject_type  text NOT NULL,
  subject_id    text,
  request_id    text,
  details       jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id);
