-- The TOTP seed becomes an encrypted field like the personal data (docs/security.md "Personal data at
-- rest"): associated data `v1|users|totp_secret|<user id>`, walked by key rotation, counted before a
-- key is retired. Seeds sealed by the earlier code had other associated data (`users.totp_secret.<id>`)
-- in the same envelope, so the field cipher cannot open them: the system re-encrypts them once, the next
-- time it opens with the keys (services/fieldMaintenance.ts), and then marks the task below done.
COMMENT ON COLUMN users.totp_secret IS 'Encrypted field (fieldCipher.ts): the TOTP seed, pending or in force';
INSERT INTO maintenance_tasks (task) VALUES ('reseal-totp-seeds-012');
