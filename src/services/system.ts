import { openDatabase, type Database, type DatabaseConfig } from '../store/db.ts';
import { migrate } from '../store/migrate.ts';
import type { KeyRing } from './keys.ts';
import { ClaimRepository } from './claimRepository.ts';
import { AuditLog } from './audit.ts';
import type { IntakeReference } from '../domain/intake/validate.ts';
import { officeByCode } from '../jurisdictions/ca/offices.ts';
import { isCountryCode } from '../jurisdictions/ca/countries.ts';
import { computeCanadaDeadlines } from '../jurisdictions/ca/deadlineRules.ts';

/** Canada's reference data, in the shape intake validation asks for. */
export const CANADA_INTAKE_REFERENCE: IntakeReference = {
  office: (code) => officeByCode(code),
  isCountry: (code) => isCountryCode(code) && code !== 'XXA' && code !== 'XXX',
  isSpecialNationality: (code) => code === 'XXA' || code === 'XXX',
};

export interface System { db: Database; claims: ClaimRepository; audit: AuditLog; keys: KeyRing; close(): Promise<void> }

export interface SystemOptions {
  /** Field, blind-index and audit keys: from configuration, never from the database. */
  keys: KeyRing;
}

/**
 * The composition root: open the database, bring its schema up to date, chain the audit records written
 * before the chain existed (once), wire the audit log and the repository.
 */
export async function openSystem(config: DatabaseConfig, options: SystemOptions): Promise<System> {
  const db = await openDatabase(config);
  const audit = new AuditLog(db, options.keys.auditKey);
  try {
    await migrate(db);
    await audit.chainPreChainRecords();
  } catch (err) {
    await db.close();
    throw err;
  }
  const claims = new ClaimRepository(db, audit, {
    reference: CANADA_INTAKE_REFERENCE,
    deadlines: computeCanadaDeadlines,
  });
  return { db, claims, audit, keys: options.keys, close: () => db.close() };
}
