-- Eligibility assessments, kept whole: the facts, the engine's answer with every ground and its
-- explanation, and the configuration it ran under, so a decision can be explained years later.
CREATE TABLE eligibility_assessments (
  id             uuid PRIMARY KEY,
  claim_id       uuid NOT NULL REFERENCES claims (id),
  -- The lifecycle event it was recorded with (an eligibility decision), or null for a working assessment.
  event_version  integer,
  outcome        text NOT NULL,
  facts          jsonb NOT NULL,
  assessment     jsonb NOT NULL,
  config         jsonb NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  recorded_by    text NOT NULL
);
CREATE INDEX eligibility_assessments_claim_idx ON eligibility_assessments (claim_id, recorded_at DESC);
CREATE INDEX eligibility_assessments_outcome_idx ON eligibility_assessments (outcome, claim_id);
