-- Personal data encrypted at rest, field by field (docs/security.md "Personal data at rest").
-- Encrypted values are text (`v1.<keyId>.<iv>.<ciphertext+tag>`), so the columns that held dates and
-- JSON become text. Rows written before this migration are still in clear: the system encrypts them
-- in batches the next time it opens with the keys (services/fieldEncryption.ts) and then marks the
-- task below done. PostgreSQL keeps the old tuples in its files until VACUUM FULL rewrites the tables.

ALTER TABLE persons ALTER COLUMN date_of_birth TYPE text USING to_char(date_of_birth, 'YYYY-MM-DD');
ALTER TABLE persons ALTER COLUMN documents TYPE text USING documents::text;
ALTER TABLE persons ADD COLUMN address text;
-- The blind-index key the match keys were computed under: `refuge keys rotate-index` resumes from it.
ALTER TABLE persons ADD COLUMN match_key_id text;
COMMENT ON COLUMN persons.match_keys IS 'Blind indexes: HMAC-SHA256(blind-index key, blocking key), 16 bytes, base64url';

ALTER TABLE eligibility_assessments ALTER COLUMN facts TYPE text USING facts::text;
ALTER TABLE imports ALTER COLUMN report TYPE text USING report::text;

-- The unkeyed SHA-256 of searched identities and of request bodies could be confirmed from a guessed
-- name and date of birth. They are keyed hashes from now on; the old ones are dropped (a search made
-- before must be run again, and an old Idempotency-Key can no longer be compared).
UPDATE duplicate_searches SET query_hash = 'cleared-by-migration-008';
UPDATE idempotency_keys SET request_hash = 'cleared-by-migration-008';

CREATE TABLE maintenance_tasks (
  task          text PRIMARY KEY,
  completed_at  timestamptz
);
INSERT INTO maintenance_tasks (task) VALUES ('encrypt-clear-fields-008');

-- The shape of an encrypted value (services/fieldCipher.ts).
CREATE FUNCTION is_field_ciphertext(value text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT value ~ '^v1\.[A-Za-z0-9_-]{1,40}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}$'
$$;

-- The one change the append-only log accepts: during re-encryption (a transaction that set
-- refuge.maintenance = 'reencrypt', which the code does only with an audit record in the same
-- transaction), a text of reasons, actor_name or of a string inside details may be replaced by a
-- ciphertext. Every other column, key and non-text value must stay exactly as it was, and a value
-- cannot appear or disappear. Without the field keys, no meaningful text can be put there this way.
CREATE FUNCTION event_change_is_reencryption(o claim_events, n claim_events) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce((to_jsonb(n) - '{reasons,actor_name,details}'::text[]) = (to_jsonb(o) - '{reasons,actor_name,details}'::text[])
    AND (n.reasons IS NOT DISTINCT FROM o.reasons OR (o.reasons IS NOT NULL AND is_field_ciphertext(n.reasons)))
    AND (n.actor_name IS NOT DISTINCT FROM o.actor_name OR (o.actor_name IS NOT NULL AND is_field_ciphertext(n.actor_name)))
    AND NOT EXISTS (
      SELECT 1 FROM (SELECT jsonb_object_keys(o.details) AS key UNION SELECT jsonb_object_keys(n.details)) k
      WHERE (o.details -> k.key) IS DISTINCT FROM (n.details -> k.key)
        AND NOT coalesce(jsonb_typeof(o.details -> k.key) = 'string' AND is_field_ciphertext(n.details ->> k.key), false)), false)
$$;

CREATE OR REPLACE FUNCTION refuse_event_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('refuge.maintenance', true) = 'reencrypt' AND event_change_is_reencryption(OLD, NEW) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'claim_events is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END $$;
