import type { FieldError } from '../errors.ts';
import { isIsoDate, daysBetween } from '../dates.ts';
import type { IntakeInput, OfficeType, PostalAddress, Province } from './types.ts';

/** What intake validation needs to know about the jurisdiction; Canada's lives in jurisdictions/ca. */
export interface IntakeReference {
  office(code: string): { code: string; type: OfficeType; province: Province | null } | undefined;
  isCountry(code: string): boolean;
  /** Codes that are citizenship states rather than countries, e.g. stateless. */
  isSpecialNationality(code: string): boolean;
}

const PORT_OFFICE_TYPES: ReadonlySet<OfficeType> = new Set(['AIRPORT', 'LAND_POE', 'MARINE', 'RAIL']);
const INLAND_OFFICE_TYPES: ReadonlySet<OfficeType> = new Set(['INLAND_OFFICE', 'ONLINE']);
/** No claimant is older than this; a date of birth further back is a typing error. */
const MAX_AGE_YEARS = 120;
/** The IRB began hearing claims on 1989-01-01; nothing in this ledger is older. */
const EARLIEST_CLAIM_DATE = '1989-01-01';

export interface ResolvedIntake {
  officeType: OfficeType;
  province: Province;
}

/**
 * Checks what a schema cannot: codes that exist, dates that make sense together, one principal.
 * Returns every problem found, each naming its field, so a form can show them all at once.
 */
export function validateIntake(input: IntakeInput, ref: IntakeReference, today: string):
  { ok: true; value: ResolvedIntake } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const err = (field: string, code: string, message: string) => errors.push({ field, code, message });

  const office = ref.office(input.officeCode);
  if (!office) err('officeCode', 'unknown_office', `No office has the code "${input.officeCode}".`);

  let province: Province | null = office?.province ?? null;
  if (office && office.province === null) {
    if (!input.province) err('province', 'required', `The province of claim is required for ${office.code}, which has no fixed province.`);
    else province = input.province;
  } else if (office && input.province && input.province !== office.province) {
    err('province', 'province_mismatch', `Office ${office.code} is in ${office.province}, not ${input.province}.`);
  }

  const claimDateValid = checkDate(input.claimDate, 'claimDate', err);
  if (claimDateValid) {
    if (input.claimDate > today) err('claimDate', 'date_in_future', `The claim date ${input.claimDate} is after today (${today}).`);
    if (input.claimDate < EARLIEST_CLAIM_DATE) err('claimDate', 'date_too_early', `The claim date ${input.claimDate} is before ${EARLIEST_CLAIM_DATE}.`);
  }

  const arrival = input.arrival;
  // The schema keeps these optional so one object can describe every manner; the manner decides which is needed.
  const given = arrival as { crossingDate?: unknown; entryDate?: unknown };
  if (arrival.manner === 'BETWEEN_PORTS' && typeof given.crossingDate !== 'string') err('arrival.crossingDate', 'required', 'The date of the crossing between ports is required.');
  if (arrival.manner === 'INLAND' && typeof given.entryDate !== 'string') err('arrival.entryDate', 'required', 'The date of entry into Canada is required for an inland claim.');
  if (arrival.manner !== 'BETWEEN_PORTS' && given.crossingDate !== undefined) err('arrival.crossingDate', 'not_applicable', 'A crossing date only applies to a crossing between ports.');
  if (arrival.manner !== 'INLAND' && given.entryDate !== undefined) err('arrival.entryDate', 'not_applicable', 'An entry date only applies to an inland claim.');
  const arrivalDate = arrival.manner === 'BETWEEN_PORTS' ? arrival.crossingDate : arrival.manner === 'INLAND' ? arrival.entryDate : null;
  const arrivalField = arrival.manner === 'BETWEEN_PORTS' ? 'arrival.crossingDate' : 'arrival.entryDate';
  if (typeof arrivalDate === 'string' && checkDate(arrivalDate, arrivalField, err) && claimDateValid && arrivalDate > input.claimDate) {
    err(arrivalField, 'after_claim_date', `The ${arrival.manner === 'BETWEEN_PORTS' ? 'crossing' : 'entry'} date ${arrivalDate} is after the claim date ${input.claimDate}.`);
  }
  if (office) {
    if (arrival.manner === 'AT_PORT_OF_ENTRY' && !PORT_OFFICE_TYPES.has(office.type)) {
      err('arrival.manner', 'manner_office_mismatch', `A claim made at a port of entry cannot be recorded at ${office.code}, which is an ${office.type === 'ONLINE' ? 'online portal' : 'inland office'}.`);
    }
    if (arrival.manner === 'INLAND' && !INLAND_OFFICE_TYPES.has(office.type)) {
      err('arrival.manner', 'manner_office_mismatch', `An inland claim is made at an inland office or online, not at ${office.code} (${office.type}).`);
    }
  }

  checkCountries(input.persecutionCountries, 'persecutionCountries', ref, err, false);

  const principals = input.members.filter((m) => m.relationship === 'PRINCIPAL').length;
  if (principals !== 1) {
    err('members', principals === 0 ? 'principal_missing' : 'principal_repeated',
      principals === 0 ? 'One member must be the principal claimant.' : `Only one member can be the principal claimant; ${principals} are.`);
  }
  const seenDocuments = new Map<string, string>();
  input.members.forEach((m, i) => {
    const at = `members[${i}]`;
    if (m.familyName.trim() === '' && m.givenNames.trim() === '') err(`${at}.familyName`, 'required', 'A family name or given names are required.');
    if (checkDate(m.dateOfBirth, `${at}.dateOfBirth`, err) && claimDateValid) {
      if (m.dateOfBirth > input.claimDate) err(`${at}.dateOfBirth`, 'after_claim_date', `The date of birth ${m.dateOfBirth} is after the claim date ${input.claimDate}.`);
      else if (daysBetween(m.dateOfBirth, input.claimDate) > MAX_AGE_YEARS * 366) err(`${at}.dateOfBirth`, 'implausible_date', `The date of birth ${m.dateOfBirth} would make the claimant older than ${MAX_AGE_YEARS}.`);
    }
    checkCountries(m.citizenships, `${at}.citizenships`, ref, err, true);
    if (m.persecutionCountries) checkCountries(m.persecutionCountries, `${at}.persecutionCountries`, ref, err, false);
    if (m.address) checkAddress(m.address, `${at}.address`, err);
    m.documents.forEach((d, j) => {
      const dAt = `${at}.documents[${j}]`;
      if (!ref.isCountry(d.issuingCountry)) err(`${dAt}.issuingCountry`, 'unknown_country', `No country has the code "${d.issuingCountry}".`);
      const key = `${d.type}:${d.issuingCountry}:${d.number.replace(/[\s-]/g, '').toUpperCase()}`;
      const prior = seenDocuments.get(key);
      if (prior) err(`${dAt}.number`, 'duplicate_document', `This document is already given for ${prior}.`);
      else seenDocuments.set(key, at);
    });
  });

  if (errors.length > 0 || !office || !province) return { ok: false, errors };
  return { ok: true, value: { officeType: office.type, province } };
}

/** Canada Post's format: letter digit letter, optional space, digit letter digit (no D, F, I, O, Q, U; no W or Z first). */
const POSTAL_CODE = /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/i;

function checkAddress(a: PostalAddress, field: string, err: (f: string, c: string, m: string) => void): void {
  if (a.line1.trim() === '') err(`${field}.line1`, 'required', 'The first address line is required.');
  if (a.city.trim() === '') err(`${field}.city`, 'required', 'The city is required.');
  if (a.postalCode !== undefined && !POSTAL_CODE.test(a.postalCode.trim())) {
    err(`${field}.postalCode`, 'invalid_postal_code', 'Not a Canadian postal code (expected the form A1A 1A1).');
  }
}

function checkDate(value: string, field: string, err: (f: string, c: string, m: string) => void): boolean {
  if (isIsoDate(value)) return true;
  err(field, 'invalid_date', `"${value}" is not a real calendar date (expected YYYY-MM-DD).`);
  return false;
}

function checkCountries(codes: string[], field: string, ref: IntakeReference,
  err: (f: string, c: string, m: string) => void, allowSpecial: boolean): void {
  if (codes.length === 0) err(field, 'required', 'At least one country is required.');
  const seen = new Set<string>();
  codes.forEach((code, i) => {
    const known = ref.isCountry(code) || (allowSpecial && ref.isSpecialNationality(code));
    if (!known) err(`${field}[${i}]`, 'unknown_country', `No country has the code "${code}".`);
    if (seen.has(code)) err(`${field}[${i}]`, 'duplicate_country', `The country "${code}" is listed twice.`);
    seen.add(code);
  });
}
