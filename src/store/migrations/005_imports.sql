-- Imports made through the API: who, when, what file, and the row-level report (its error report is
-- downloadable). The claims themselves went through the ledger's import path.
CREATE TABLE imports (
  id          uuid PRIMARY KEY,
  file_name   text NOT NULL,
  format      text NOT NULL,
  report      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text NOT NULL
);
