import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Personal data encrypted field by field (docs/security.md "Personal data at rest").
 *
 * A value is stored as `v1.<keyId>.<iv>.<ciphertext+tag>` (base64url): AES-256-GCM under the field
 * key named in the value, a random 96-bit IV, and the table, column and row id as associated data,
 * so a value copied to another row or column does not decrypt. New values use the active key; any
 * key still in the ring decrypts, which is what lets `refuge keys rotate` work in batches.
 *
 * Blind indexes (the duplicate search's match keys) and keyed hashes use HMAC-SHA256 under the
 * blind-index key, so equal inputs still meet in SQL without the database holding the input.
 */

/** The keys the cipher needs; `KeyRing` (services/keys.ts) is one. */
export interface CipherKeys {
  fieldKeys: ReadonlyArray<{ id: string; key: Buffer }>;
  activeFieldKeyId: string;
  blindIndexKey: { id: string; key: Buffer };
  /** Kept only while `refuge keys rotate-index` is under way: searches and checks then accept either key. */
  previousBlindIndexKey?: { id: string; key: Buffer } | undefined;
}

/** Where a value lives: part of what is authenticated, so it cannot be moved elsewhere. */
export interface FieldPlace { table: string; column: string; rowId: string }

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Truncated HMAC: 128 bits keep accidental collisions out of reach (see docs/security.md). */
const BLIND_INDEX_BYTES = 16;
const ENVELOPE = /^v1\.([A-Za-z0-9_-]{1,40})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;

export class FieldDecryptionError extends Error {
  constructor(message: string, readonly place: FieldPlace, readonly keyId: string | null) {
    super(message);
    this.name = 'FieldDecryptionError';
  }
}

const describe = (p: FieldPlace) => `${p.table}.${p.column} of row ${p.rowId}`;
const associatedData = (p: FieldPlace) => Buffer.from(`${VERSION}|${p.table}|${p.column}|${p.rowId}`, 'utf8');

/** True when the value has the shape of an encrypted field (a clear value never does in practice). */
export function isEncrypted(value: unknown): value is string {
  return typeof value === 'string' && ENVELOPE.test(value);
}

/** The id of the key a stored value was encrypted with, or null for a value in clear. */
export function keyIdOf(value: unknown): string | null {
  return typeof value === 'string' ? (ENVELOPE.exec(value)?.[1] ?? null) : null;
}

export class FieldCipher {
  private readonly keys: Map<string, Buffer>;
  readonly activeKeyId: string;
  private readonly activeKey: Buffer;
  readonly blindIndexKeyId: string;
  private readonly indexKey: Buffer;
  private readonly previousIndexKey: { id: string; key: Buffer } | undefined;

  constructor(ring: CipherKeys) {
    this.keys = new Map(ring.fieldKeys.map((k) => [k.id, k.key]));
    const active = this.keys.get(ring.activeFieldKeyId);
    if (!active) throw new Error(`The active field key ${ring.activeFieldKeyId} is not among the field keys.`);
    this.activeKeyId = ring.activeFieldKeyId;
    this.activeKey = active;
    this.blindIndexKeyId = ring.blindIndexKey.id;
    this.indexKey = ring.blindIndexKey.key;
    this.previousIndexKey = ring.previousBlindIndexKey;
  }

  /** The field key ids this cipher can decrypt with. */
  get fieldKeyIds(): string[] {
    return [...this.keys.keys()];
  }

  encrypt(plaintext: string, place: FieldPlace): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.activeKey, iv);
    cipher.setAAD(associatedData(place));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${VERSION}.${this.activeKeyId}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  decrypt(stored: string, place: FieldPlace): string {
    const parts = ENVELOPE.exec(stored);
    if (!parts) throw new FieldDecryptionError(`${describe(place)} is not an encrypted value (it should start with "${VERSION}.<keyId>.").`, place, null);
    const [, keyId, iv, body] = parts as unknown as [string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) {
      throw new FieldDecryptionError(`${describe(place)} is encrypted with field key "${keyId}", which is not in the key ring `
        + `(it has ${this.fieldKeyIds.join(', ')}): use the key file that still holds it, or a backup of it.`, place, keyId);
    }
    const bytes = Buffer.from(body, 'base64url');
    if (bytes.length < TAG_BYTES) throw new FieldDecryptionError(`${describe(place)} is truncated.`, place, keyId);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(associatedData(place));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldDecryptionError(`${describe(place)} does not decrypt under key "${keyId}": it was altered, or copied from another row or column.`, place, keyId);
    }
  }

  /** null stays null: an absent value is not a secret and keeps its meaning in SQL. */
  encryptNullable(plaintext: string | null | undefined, place: FieldPlace): string | null {
    return plaintext === null || plaintext === undefined ? null : this.encrypt(plaintext, place);
  }

  decryptNullable(stored: string | null | undefined, place: FieldPlace): string | null {
    return stored === null || stored === undefined ? null : this.decrypt(stored, place);
  }

  encryptJson(value: unknown, place: FieldPlace): string {
    return this.encrypt(JSON.stringify(value), place);
  }

  decryptJson<T>(stored: string, place: FieldPlace): T {
    return JSON.parse(this.decrypt(stored, place)) as T;
  }

  /** Already under the active key: a rotation leaves it as it is. */
  isCurrent(stored: unknown): boolean {
    return keyIdOf(stored) === this.activeKeyId;
  }

  /** A stored value under the active key: clear values are encrypted, older keys' values re-encrypted. */
  reencrypt(stored: string, place: FieldPlace): string {
    return this.encrypt(isEncrypted(stored) ? this.decrypt(stored, place) : stored, place);
  }

  /** The blind index of one exact-match key (a duplicate-search blocking key). */
  blindIndex(blockingKey: string): string {
    return truncatedHmac(this.indexKey, blockingKey);
  }

  /** Blind indexes to look for: during an index-key rotation, under the previous key as well. */
  blindIndexesToSearch(blockingKeys: readonly string[]): string[] {
    const keys = blockingKeys.map((k) => this.blindIndex(k));
    const previous = this.previousIndexKey;
    return previous ? [...keys, ...blockingKeys.map((k) => truncatedHmac(previous.key, k))] : keys;
  }

  /**
   * A keyed hash of a canonical text, prefixed with the index key's id: `<keyId>:<hex>`. Unlike a plain
   * SHA-256, it cannot be recomputed from a guessed name and date of birth without the key.
   */
  keyedHash(text: string): string {
    return `${this.blindIndexKeyId}:${createHmac('sha256', this.indexKey).update(text, 'utf8').digest('hex')}`;
  }

  /**
   * Does a stored keyed hash match this text? 'stale' when it was made under an index key this cipher
   * no longer holds (the index key was rotated since), so the two cannot be compared.
   */
  matchesKeyedHash(stored: string, text: string): 'match' | 'mismatch' | 'stale' {
    const sep = stored.indexOf(':');
    const keyId = sep > 0 ? stored.slice(0, sep) : '';
    const key = keyId === this.blindIndexKeyId ? this.indexKey : keyId === this.previousIndexKey?.id ? this.previousIndexKey.key : null;
    if (!key) return 'stale';
    return stored === `${keyId}:${createHmac('sha256', key).update(text, 'utf8').digest('hex')}` ? 'match' : 'mismatch';
  }
}

function truncatedHmac(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest().subarray(0, BLIND_INDEX_BYTES).toString('base64url');
}
