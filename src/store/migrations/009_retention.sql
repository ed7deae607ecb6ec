-- Retention (docs/security.md "Retention"): `refuge purge` removes personal data past its period
-- and records what it removed. Claims, their events' facts and the statistics stay.

-- A purged person keeps their row (claims point to it) without their identity: names, date of
-- birth and documents become NULL, the blind indexes empty, and purged_at says when.
ALTER TABLE persons ALTER COLUMN family_name DROP NOT NULL;
ALTER TABLE persons ALTER COLUMN given_names DROP NOT NULL;
ALTER TABLE persons ALTER COLUMN date_of_birth DROP NOT NULL;
ALTER TABLE persons ALTER COLUMN documents DROP NOT NULL;
ALTER TABLE persons ADD COLUMN purged_at timestamptz;

-- A legal hold (an access request, litigation) keeps a claim's personal data whatever its age.
CREATE TABLE retention_holds (
  id           uuid PRIMARY KEY,
  claim_id     uuid NOT NULL REFERENCES claims (id),
  reason       text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  placed_at    timestamptz NOT NULL DEFAULT now(),
  placed_by    text NOT NULL,
  released_at  timestamptz,
  released_by  text
);
CREATE INDEX retention_holds_claim_idx ON retention_holds (claim_id) WHERE released_at IS NULL;

-- Each run of the purge: who, when, as of which date, under which policy, and how many records of
-- each category it removed (updated in the same transaction as each batch, so it is true even for
-- a run that was interrupted).
CREATE TABLE purge_runs (
  id           uuid PRIMARY KEY,
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  run_by       text NOT NULL,
  as_of        date NOT NULL,
  policy       jsonb NOT NULL,
  counts       jsonb NOT NULL DEFAULT '{}'::jsonb
);

-- Every record a run removed or emptied, by category: "was this person's identity purged, and when?"
CREATE TABLE purge_run_items (
  run_id     uuid NOT NULL REFERENCES purge_runs (id),
  category   text NOT NULL,
  record_id  text NOT NULL,
  PRIMARY KEY (run_id, category, record_id)
);
CREATE INDEX purge_run_items_record_idx ON purge_run_items (record_id);

-- The event log stays append-only, with one narrow exception: inside a transaction that set
-- refuge.maintenance = 'purge' (services/retention.ts, which writes the purge record and an audit
-- row in the same transaction), an event's narrative (reasons) may be set to NULL. Every other
-- column must stay exactly as it was, and nothing can be deleted.
CREATE FUNCTION event_change_is_purge(o claim_events, n claim_events) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT n.reasons IS NULL AND (to_jsonb(n) - 'reasons') = (to_jsonb(o) - 'reasons')
$$;

CREATE OR REPLACE FUNCTION refuse_event_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('refuge.maintenance', true) = 'purge' AND event_change_is_purge(OLD, NEW) THEN
    RETURN NEW;
  END IF;
  -- Kept from migration 008: re-encryption under a new key (fieldMaintenance.ts).
  IF TG_OP = 'UPDATE' AND current_setting('refuge.maintenance', true) = 'reencrypt' AND event_change_is_reencryption(OLD, NEW) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'claim_events is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END $$;
