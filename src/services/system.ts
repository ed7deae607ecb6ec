import { openDatabase, type Database, type DatabaseConfig } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import type { KeyRing } from './keys.ts';
import { FieldCipher } from '../store/fieldCipher.ts';
import { encryptClearFieldsIfPending, resealPre012TotpSeedsIfPending } from './fieldMaintenance.ts';
import { ClaimRepository } from './claimRepository.ts';
import { AuditLog } from './audit.ts';
import type { IntakeReference } from '../domain/intake/validate.ts';
import { officeByCode } from '../jurisdictions/ca/offices.ts';
import { isCountryCode } from '../jurisdictions/ca/countries.ts';
import { computeCanadaDeadlines } from '../jurisdictions/ca/deadlineRules.ts';
import { UserService, type UserServiceOptions } from './auth/userService.ts';

/** Canada's reference data, in the shape intake validation asks for. */
export const CANADA_INTAKE_REFERENCE: IntakeReference = {
  office: (code) => officeByCode(code),
  isCountry: (code) => isCountryCode(code) && code !== 'XXA' && code !== 'XXX',
  isSpecialNationality: (code) => code === 'XXA' || code === 'XXX',
};

export interface System { db: Database; claims: ClaimRepository; users: UserService; audit: AuditLog; keys: KeyRing; cipher: FieldCipher; close(): Promise<void> }

export interface SystemOptions {
  /** Field, blind-index and audit keys: from configuration, never from the database. */
  keys: KeyRing;
  /** Sign-in limits, session lifetimes, OpenID Connect providers, the clock (docs/security.md). */
  auth?: Omit<UserServiceOptions, 'cipher' | 'officeExists'>;
}

/**
 * The composition root: open the database, bring its schema up to date, chain the audit records written
 * before the chain existed, encrypt what an older version left in clear and re-encrypt the TOTP seeds it
 * sealed its own way (each once), wire the services.
 */
export async function openSystem(config: DatabaseConfig, options: SystemOptions): Promise<System> {
  const db = await openDatabase(config);
  const cipher = new FieldCipher(options.keys);
  const audit = new AuditLog(db, options.keys.auditKey);
  try {
    await migrate(db);
    await audit.chainPreChainRecords();
    await encryptClearFieldsIfPending(db, cipher, audit);
    await resealPre012TotpSeedsIfPending(db, cipher, options.keys.fieldKeys, audit);
  } catch (err) {
    await db.close();
    throw err;
  }
  const claims = new ClaimRepository(db, audit, {
    reference: CANADA_INTAKE_REFERENCE,
    deadlines: computeCanadaDeadlines,
    cipher,
  });
  const users = new UserService(db, audit, { ...options.auth, cipher, officeExists: (code: string) => officeByCode(code) !== undefined });
  return { db, claims, users, audit, keys: options.keys, cipher, close: () => db.close() };
}
