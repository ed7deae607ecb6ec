-- Cell keys for the disclosure perturbation of public statistics (domain/statistics/perturbation.ts):
-- each rollup row keeps, beside n, the sum modulo 2^32 of the record keys of its contributions,
-- maintained in the same statement as n. Each claim's random record key lives in claims.stat_profile.
ALTER TABLE stat_rollup ADD COLUMN cell_key bigint NOT NULL DEFAULT 0;

-- Claims made before keys existed get one now; their rollup rows still hold 0 until `refuge stats rebuild`
-- (`refuge stats check` lists those rows until then).
UPDATE claims SET stat_profile = stat_profile || jsonb_build_object('recordKey', floor(random() * 4294967296)::bigint)
WHERE stat_profile IS NOT NULL AND NOT stat_profile ? 'recordKey';
