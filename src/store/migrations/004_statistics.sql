-- Live statistics: marginal counts per dimension at day and month grain, maintained in the same
-- transaction as the events they count (see domain/statistics/live.ts). Public answers read these,
-- never the case tables.
CREATE TABLE stat_rollup (
  measure   text NOT NULL,
  dim       text NOT NULL,
  grain     char(1) NOT NULL CHECK (grain IN ('d', 'm')),
  period    date NOT NULL,
  category  text NOT NULL,
  value     text NOT NULL,
  n         bigint NOT NULL,
  PRIMARY KEY (measure, dim, grain, period, category, value)
);
-- One value of a dimension over a date range (e.g. one office from July 1 to today).
CREATE INDEX stat_rollup_value_idx ON stat_rollup (measure, dim, value, grain, period);

-- What each claim is counted under (fixed at intake) and what the statistics remember between events.
ALTER TABLE claims ADD COLUMN stat_profile jsonb;
ALTER TABLE claims ADD COLUMN stat_memory jsonb;
