import type { FieldCipher, FieldPlace } from '../store/fieldCipher.ts';
import { NARRATIVE_DETAIL_KEYS } from '../domain/lifecycle/index.ts';
import { blockingKeys, type MatchablePerson } from '../domain/duplicates/index.ts';
import type { IdentityDocument, PostalAddress } from '../domain/intake/types.ts';

/**
 * Where personal data is stored encrypted (docs/security.md "Personal data at rest"): whole text
 * columns, and strings at given paths inside jsonb columns. The repository encrypts and decrypts with
 * the helpers below; key rotation and the encryption of rows from before migration 008 walk this list,
 * so a field added here is covered by both.
 */
export interface EncryptedTable {
  table: string;
  /** Primary key columns and their types: the row id in the associated data, and the batch order. */
  key: ReadonlyArray<{ column: string; type: 'uuid' | 'integer' }>;
  /** Text columns holding one encrypted value each (null when absent). */
  columns: readonly string[];
  /** Strings inside jsonb columns. */
  json: ReadonlyArray<{ column: string; paths: ReadonlyArray<readonly string[]> }>;
}

export const ENCRYPTED_TABLES: readonly EncryptedTable[] = [
  { table: 'persons', key: [{ column: 'id', type: 'uuid' }], columns: ['family_name', 'given_names', 'date_of_birth', 'documents', 'address'], json: [] },
  {
    table: 'claim_events', key: [{ column: 'claim_id', type: 'uuid' }, { column: 'version', type: 'integer' }],
    columns: ['reasons', 'actor_name'], json: [{ column: 'details', paths: NARRATIVE_DETAIL_KEYS.map((k) => [k]) }],
  },
  { table: 'family_groups', key: [{ column: 'id', type: 'uuid' }], columns: [], json: [{ column: 'arrival', paths: [['duplicateCheck', 'override']] }] },
  { table: 'eligibility_assessments', key: [{ column: 'id', type: 'uuid' }], columns: ['facts'], json: [{ column: 'config', paths: [['disagreementReason']] }] },
  { table: 'imports', key: [{ column: 'id', type: 'uuid' }], columns: ['file_name', 'report'], json: [] },
  // The TOTP seed, pending (enrolled, not yet confirmed) or in force: a sign-in needs it back in clear.
  { table: 'users', key: [{ column: 'id', type: 'uuid' }], columns: ['totp_secret'], json: [] },
];

/** The row id bound into a value's associated data: the primary key, ':'-joined. */
export function rowIdOf(table: EncryptedTable, row: Record<string, unknown>): string {
  return table.key.map((k) => String(row[k.column])).join(':');
}

export const eventRowId = (claimId: string, version: number) => `${claimId}:${version}`;
const at = (table: string, column: string, rowId: string): FieldPlace => ({ table, column, rowId });
export const jsonPlace = (table: string, column: string, path: readonly string[], rowId: string): FieldPlace => at(table, `${column}.${path.join('.')}`, rowId);

type Json = Record<string, unknown>;

/** A copy of a JSON object with the string at `path` replaced (objects along the path are copied, not mutated). */
export function mapAtPath(value: Json, path: readonly string[], fn: (text: string) => string): Json {
  const [head, ...rest] = path;
  if (head === undefined || !(head in value)) return value;
  const inner = value[head];
  if (rest.length === 0) return typeof inner === 'string' ? { ...value, [head]: fn(inner) } : value;
  return inner && typeof inner === 'object' && !Array.isArray(inner) ? { ...value, [head]: mapAtPath(inner as Json, rest, fn) } : value;
}

export function getAtPath(value: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Json)[k] : undefined), value);
}

// ------------------------------------------------------------------ persons

export interface PersonSecrets {
  familyName: string; givenNames: string; dateOfBirth: string; documents: IdentityDocument[]; address?: PostalAddress | null | undefined;
}
export interface EncryptedPersonColumns {
  family_name: string; given_names: string; date_of_birth: string; documents: string; address: string | null;
  match_keys: string[]; match_key_id: string;
}

export function encryptPerson(cipher: FieldCipher, personId: string, p: PersonSecrets & Pick<MatchablePerson, 'sex'>): EncryptedPersonColumns {
  const place = (column: string) => at('persons', column, personId);
  return {
    family_name: cipher.encrypt(p.familyName, place('family_name')),
    given_names: cipher.encrypt(p.givenNames, place('given_names')),
    date_of_birth: cipher.encrypt(p.dateOfBirth, place('date_of_birth')),
    documents: cipher.encryptJson(p.documents, place('documents')),
    address: p.address ? cipher.encryptJson(p.address, place('address')) : null,
    ...matchKeysOf(cipher, p),
  };
}

export interface StoredPersonSecrets { family_name: string; given_names: string; date_of_birth: string; documents: string; address: string | null }

export function decryptPerson(cipher: FieldCipher, personId: string, r: StoredPersonSecrets): Required<PersonSecrets> {
  const place = (column: string) => at('persons', column, personId);
  return {
    familyName: cipher.decrypt(r.family_name, place('family_name')),
    givenNames: cipher.decrypt(r.given_names, place('given_names')),
    dateOfBirth: cipher.decrypt(r.date_of_birth, place('date_of_birth')),
    documents: cipher.decryptJson<IdentityDocument[]>(r.documents, place('documents')),
    address: r.address === null ? null : cipher.decryptJson<PostalAddress>(r.address, place('address')),
  };
}

/** Only the date of birth (the statistics' age band at the claim date). */
export function dateOfBirthOf(cipher: FieldCipher, personId: string, stored: string): string {
  return cipher.decrypt(stored, at('persons', 'date_of_birth', personId));
}

/** The duplicate search's blocking keys as blind indexes, and the index key they were computed under. */
export function matchKeysOf(cipher: FieldCipher, p: MatchablePerson): { match_keys: string[]; match_key_id: string } {
  return { match_keys: [...new Set(blockingKeys(p).map((k) => cipher.blindIndex(k)))].sort(), match_key_id: cipher.blindIndexKeyId };
}

// ------------------------------------------------------------------ events

export interface EventTexts { reasons: string | null; actor_name: string | null; details: Json }

/** Reasons, the actor's name and the free-text details of one event (its claim id and version are the row id). */
export function encryptEventTexts(cipher: FieldCipher, claimId: string, version: number, e: EventTexts): EventTexts {
  return transformEventTexts(claimId, version, e, (text, place) => cipher.encrypt(text, place));
}

export function decryptEventTexts(cipher: FieldCipher, claimId: string, version: number, e: EventTexts): EventTexts {
  return transformEventTexts(claimId, version, e, (text, place) => cipher.decrypt(text, place));
}

function transformEventTexts(claimId: string, version: number, e: EventTexts, fn: (text: string, place: FieldPlace) => string): EventTexts {
  const rowId = eventRowId(claimId, version);
  let details = e.details;
  for (const key of NARRATIVE_DETAIL_KEYS) details = mapAtPath(details, [key], (text) => fn(text, jsonPlace('claim_events', 'details', [key], rowId)));
  return {
    reasons: e.reasons === null ? null : fn(e.reasons, at('claim_events', 'reasons', rowId)),
    actor_name: e.actor_name === null ? null : fn(e.actor_name, at('claim_events', 'actor_name', rowId)),
    details,
  };
}

// ------------------------------------------------------------------ the rest

const OVERRIDE_PATH = ['duplicateCheck', 'override'] as const;

/** A family group's arrival, whose duplicate-check override reason is free text. */
export function encryptArrival(cipher: FieldCipher, groupId: string, arrival: Json): Json {
  return mapAtPath(arrival, OVERRIDE_PATH, (text) => cipher.encrypt(text, jsonPlace('family_groups', 'arrival', OVERRIDE_PATH, groupId)));
}

export function decryptArrival(cipher: FieldCipher, groupId: string, arrival: Json): Json {
  return mapAtPath(arrival, OVERRIDE_PATH, (text) => cipher.decrypt(text, jsonPlace('family_groups', 'arrival', OVERRIDE_PATH, groupId)));
}

/** An eligibility assessment's facts (they include the date of birth, family, convictions...) and the reason a decision departs from it. */
export function encryptAssessment(cipher: FieldCipher, id: string, a: { facts: unknown; config: Json }): { facts: string; config: Json } {
  return {
    facts: cipher.encryptJson(a.facts, at('eligibility_assessments', 'facts', id)),
    config: mapAtPath(a.config, ['disagreementReason'], (text) => cipher.encrypt(text, jsonPlace('eligibility_assessments', 'config', ['disagreementReason'], id))),
  };
}

export function decryptAssessmentFacts<T>(cipher: FieldCipher, id: string, facts: string): T {
  return cipher.decryptJson<T>(facts, at('eligibility_assessments', 'facts', id));
}

/** An import's file name and report (row errors quote the values they refuse). */
export function encryptImport(cipher: FieldCipher, id: string, i: { fileName: string; report: unknown }): { file_name: string; report: string } {
  return { file_name: cipher.encrypt(i.fileName, at('imports', 'file_name', id)), report: cipher.encryptJson(i.report, at('imports', 'report', id)) };
}

export function decryptImport<T>(cipher: FieldCipher, id: string, r: { file_name: string; report: string }): { fileName: string; report: T } {
  return { fileName: cipher.decrypt(r.file_name, at('imports', 'file_name', id)), report: cipher.decryptJson<T>(r.report, at('imports', 'report', id)) };
}

// ------------------------------------------------------------------ users

/** A user's TOTP seed (base32, as the authenticator holds it), bound to the user's row. */
export function encryptTotpSeed(cipher: FieldCipher, userId: string, seed: string): string {
  return cipher.encrypt(seed, at('users', 'totp_secret', userId));
}

export function decryptTotpSeed(cipher: FieldCipher, userId: string, stored: string): string {
  return cipher.decrypt(stored, at('users', 'totp_secret', userId));
}
