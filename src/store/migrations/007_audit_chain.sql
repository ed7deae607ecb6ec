-- The audit log as evidence (docs/security.md "Audit"). Each record is chained to the one before it:
-- seq (gap-free, in commit order), prev_hash, and hash = HMAC-SHA256(audit key, prev_hash || canonical
-- record), computed by the application with a key that is never in the database. One locked row, the
-- chain head, holds the last seq and hash. The log can be appended to, never edited or deleted.

ALTER TABLE audit_log
  ADD COLUMN seq bigint UNIQUE,
  ADD COLUMN prev_hash text,
  ADD COLUMN hash text,
  ADD COLUMN key_id text,
  ADD COLUMN channel text CHECK (channel IN ('web', 'api', 'cli')),
  ADD COLUMN actor_name text,
  -- The numbers of the references (G-/C-YYYY-NNNNNNN: one sequence for groups and claims) of every group
  -- and claim the action exposed or changed. Exact, and compact where numbers run on (an export is a few
  -- ranges, not thousands of ids); indexed for a claim's trail.
  ADD COLUMN refs int8multirange NOT NULL DEFAULT '{}',
  -- Records already here were written before the chain existed: the default marks them (without
  -- rewriting the table), then new records default to false. They are chained once, on the first open
  -- with the audit key (services/audit.ts), and verify counts them.
  ADD COLUMN pre_chain boolean NOT NULL DEFAULT true;
ALTER TABLE audit_log ALTER COLUMN pre_chain SET DEFAULT false;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_chained CHECK (
  (seq IS NULL) = (hash IS NULL) AND (seq IS NULL) = (prev_hash IS NULL) AND (seq IS NULL) = (key_id IS NULL)
  AND (seq IS NOT NULL OR pre_chain));
CREATE INDEX audit_log_refs_idx ON audit_log USING gist (refs);
CREATE INDEX audit_log_unchained_idx ON audit_log (id) WHERE seq IS NULL;
CREATE INDEX audit_log_pre_chain_idx ON audit_log (id) WHERE pre_chain;

CREATE TABLE audit_chain_head (
  only_row  boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  seq       bigint NOT NULL,
  hash      text NOT NULL
);
INSERT INTO audit_chain_head (seq, hash) VALUES (0, repeat('0', 64));

CREATE FUNCTION refuse_audit_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    -- The one change allowed: chaining a record written before the chain existed, its content untouched.
    IF OLD.seq IS NULL AND OLD.pre_chain AND NEW.pre_chain AND NEW.seq IS NOT NULL
       AND (NEW.id, NEW.at, NEW.actor, NEW.action, NEW.subject_type, NEW.subject_id, NEW.request_id, NEW.details,
            NEW.channel, NEW.actor_name, NEW.refs)
           IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.actor, OLD.action, OLD.subject_type, OLD.subject_id, OLD.request_id, OLD.details,
            OLD.channel, OLD.actor_name, OLD.refs) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_mutation();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_mutation();
