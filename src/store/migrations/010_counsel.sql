-- Counsel named by a claimant (issue #6): counsel see only the claims whose claimant named them.
-- The current representatives live on the claim, so every scoped read is one indexed condition;
-- each change is kept in claim_counsel_changes (who, when, from what to what).
ALTER TABLE claims ADD COLUMN counsel_ids text[] NOT NULL DEFAULT '{}';
CREATE INDEX claims_counsel_idx ON claims USING gin (counsel_ids);

CREATE TABLE claim_counsel_changes (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  claim_id     uuid NOT NULL REFERENCES claims (id),
  before_ids   text[] NOT NULL,
  after_ids    text[] NOT NULL,
  changed_at   timestamptz NOT NULL DEFAULT now(),
  changed_by   text NOT NULL
);
CREATE INDEX claim_counsel_changes_claim_idx ON claim_counsel_changes (claim_id, id);
