-- Official statistical series (IRCC, IRB), kept release by release (issue #3). Each edition of a
-- series is a VINTAGE: figures are revised from one edition to the next, so an answer names the
-- vintage it comes from and older vintages stay queryable. Figures are stored as published:
-- suppressed cells as suppressed, published totals as printed (never recomputed from their cells).

CREATE TABLE official_releases (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Stable series id from the parsers, e.g. 'ircc.asylum.office_type_prov'.
  series        text NOT NULL,
  -- Date of the edition ('Source: IRCC, July 31, 2025' → 2025-07-31; a snapshot's closing date).
  vintage       date NOT NULL,
  -- File as read (path under datasets/official when imported from there, else its name).
  source_file   text NOT NULL,
  sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  publisher     text NOT NULL,
  -- Third party that extracted a derived file from the publisher's; null for a primary file.
  derived_by    text,
  licence       text NOT NULL,
  title         text,
  imported_at   timestamptz NOT NULL DEFAULT now(),
  record_count  integer NOT NULL CHECK (record_count >= 0),
  -- Re-importing the same bytes is a no-op; also serves "releases of a series by vintage".
  UNIQUE (series, vintage, sha256)
);

CREATE TABLE official_observations (
  release_id       bigint NOT NULL REFERENCES official_releases (id) ON DELETE CASCADE,
  -- Position in the release, in file order.
  ordinal          integer NOT NULL,
  period_start     date NOT NULL,
  period_grain     text NOT NULL CHECK (period_grain IN ('month', 'quarter', 'year')),
  -- Dimensions as the parsers name them ({"officeType": "BORDER", "province": "CA-QC"}). A total
  -- omits the dimensions it sums over, so its cells are the non-totals whose dims contain its dims.
  dims             jsonb NOT NULL CHECK (jsonb_typeof(dims) = 'object'),
  -- numeric, not bigint: some series are published rates (43.9).
  value            numeric,
  suppressed       boolean NOT NULL,
  is_total         boolean NOT NULL,
  -- The row label exactly as printed (trailing spaces and rank prefixes kept).
  published_label  text NOT NULL,
  -- Where the figure was read: 'file!sheet!D17' or 'file:12:accepted'.
  ref              text,
  PRIMARY KEY (release_id, ordinal),
  CHECK (suppressed = (value IS NULL)),
  CHECK (period_start = date_trunc('month', period_start)::date)
);
-- Every query reads one release over a period range at one grain, cells and totals apart; the
-- dims filter (containment) is then applied to those few rows. No GIN on dims: no query spans
-- releases yet, and one release holds at most some 40,000 rows.
CREATE INDEX official_observations_period_idx ON official_observations (release_id, period_grain, is_total, period_start);

-- A published figure is never edited in place: a correction is a new release (vintage).
CREATE FUNCTION refuse_official_observation_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'official observations are kept as published: import a new release instead of updating';
END $$;
CREATE TRIGGER official_observations_no_update BEFORE UPDATE ON official_observations
  FOR EACH ROW EXECUTE FUNCTION refuse_official_observation_update();
