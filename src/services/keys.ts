import { randomBytes } from 'node:crypto';
import { readFile, writeFile, access, rename, rm } from 'node:fs/promises';

/**
 * The secrets Refuge needs and never stores in its database (docs/security.md): the keys that
 * encrypt personal data field by field (one active, older ones kept to read until rotated away), the
 * key of the duplicate search's blind indexes, and the key of the audit hash chain.
 */
export interface NamedKey { id: string; key: Buffer }
export interface KeyRing {
  fieldKeys: NamedKey[];
  activeFieldKeyId: string;
  blindIndexKey: NamedKey;
  /** Only while `refuge keys rotate-index` is under way: match keys not yet recomputed are still under it. */
  previousBlindIndexKey?: NamedKey | undefined;
  auditKey: NamedKey;
}

interface KeyFileJson {
  version: 1;
  fieldKeys: Array<{ id: string; key: string }>;
  activeFieldKey: string;
  blindIndexKey: { id: string; key: string };
  previousBlindIndexKey?: { id: string; key: string };
  auditKey: { id: string; key: string };
}

const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,40}$/;

export class KeyFileError extends Error {}

function decodeKey(where: string, value: { id?: unknown; key?: unknown } | undefined): NamedKey {
  if (!value || typeof value !== 'object') throw new KeyFileError(`${where} is missing.`);
  if (typeof value.id !== 'string' || !KEY_ID.test(value.id)) throw new KeyFileError(`${where}.id must be 1 to 40 letters, digits, "-" or "_".`);
  if (typeof value.key !== 'string') throw new KeyFileError(`${where}.key must be a base64 string.`);
  const key = Buffer.from(value.key, 'base64');
  if (key.length !== KEY_BYTES) throw new KeyFileError(`${where}.key must be ${KEY_BYTES} bytes of base64 (it is ${key.length}).`);
  return { id: value.id, key };
}

/** Reads the key file's JSON; every problem is named by its place in the file. */
export function parseKeyRing(text: string): KeyRing {
  let json: Partial<KeyFileJson>;
  try {
    json = JSON.parse(text) as Partial<KeyFileJson>;
  } catch {
    throw new KeyFileError('The key file is not valid JSON.');
  }
  if (json.version !== 1) throw new KeyFileError('The key file must have "version": 1.');
  if (!Array.isArray(json.fieldKeys) || json.fieldKeys.length === 0) throw new KeyFileError('fieldKeys must list at least one key.');
  const fieldKeys = json.fieldKeys.map((k, i) => decodeKey(`fieldKeys[${i}]`, k));
  if (new Set(fieldKeys.map((k) => k.id)).size !== fieldKeys.length) throw new KeyFileError('fieldKeys ids must be unique.');
  if (!fieldKeys.some((k) => k.id === json.activeFieldKey)) throw new KeyFileError('activeFieldKey must be the id of one of fieldKeys.');
  const ring: KeyRing = {
    fieldKeys, activeFieldKeyId: json.activeFieldKey as string,
    blindIndexKey: decodeKey('blindIndexKey', json.blindIndexKey), auditKey: decodeKey('auditKey', json.auditKey),
  };
  if (json.previousBlindIndexKey !== undefined) ring.previousBlindIndexKey = decodeKey('previousBlindIndexKey', json.previousBlindIndexKey);
  return ring;
}

export function serializeKeyRing(ring: KeyRing): string {
  const enc = (k: NamedKey) => ({ id: k.id, key: k.key.toString('base64') });
  const json: KeyFileJson = {
    version: 1, fieldKeys: ring.fieldKeys.map(enc), activeFieldKey: ring.activeFieldKeyId,
    blindIndexKey: enc(ring.blindIndexKey), auditKey: enc(ring.auditKey),
    ...(ring.previousBlindIndexKey ? { previousBlindIndexKey: enc(ring.previousBlindIndexKey) } : {}),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** A key id that says when it was made and cannot collide with another made the same day. */
export function newKeyId(prefix: string, now = new Date()): string {
  return `${prefix}-${now.toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
}

export function generateKeyRing(now = new Date()): KeyRing {
  const field = { id: newKeyId('field', now), key: randomBytes(KEY_BYTES) };
  return {
    fieldKeys: [field], activeFieldKeyId: field.id,
    blindIndexKey: { id: newKeyId('index', now), key: randomBytes(KEY_BYTES) },
    auditKey: { id: newKeyId('audit', now), key: randomBytes(KEY_BYTES) },
  };
}

/** Adds a fresh field key and makes it the one new values are encrypted with. */
export function withNewFieldKey(ring: KeyRing, now = new Date()): KeyRing {
  const field = { id: newKeyId('field', now), key: randomBytes(KEY_BYTES) };
  return { ...ring, fieldKeys: [...ring.fieldKeys, field], activeFieldKeyId: field.id };
}

/** Starts a blind-index key rotation: a fresh index key, the current one kept as previous until every match key is recomputed. */
export function withNewBlindIndexKey(ring: KeyRing, now = new Date()): KeyRing {
  return { ...ring, blindIndexKey: { id: newKeyId('index', now), key: randomBytes(KEY_BYTES) }, previousBlindIndexKey: ring.blindIndexKey };
}

/** Ends a blind-index key rotation. */
export function withoutPreviousBlindIndexKey(ring: KeyRing): KeyRing {
  const { previousBlindIndexKey: _previous, ...rest } = ring;
  return rest;
}

/** Drops a field key that no value uses any more; the active key cannot be retired. */
export function withoutFieldKey(ring: KeyRing, keyId: string): KeyRing {
  if (keyId === ring.activeFieldKeyId) throw new KeyFileError(`${keyId} is the active field key; rotate to a new key before retiring it.`);
  if (!ring.fieldKeys.some((k) => k.id === keyId)) throw new KeyFileError(`The key ring has no field key ${keyId} (it has ${ring.fieldKeys.map((k) => k.id).join(', ')}).`);
  return { ...ring, fieldKeys: ring.fieldKeys.filter((k) => k.id !== keyId) };
}

/** Writes a new key file, mode 0600; refuses to replace one that exists (keys lost are data lost). */
export async function createKeyFile(path: string, ring: KeyRing): Promise<void> {
  try {
    await writeFile(path, serializeKeyRing(ring), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new KeyFileError(`A key file already exists at ${path}; it was left as it is.`);
    throw err;
  }
}

/** Replaces the key file in one step (a temporary file renamed over it), so a crash leaves the old or the new file whole. */
export async function replaceKeyFile(path: string, ring: KeyRing): Promise<void> {
  const temporary = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, serializeKeyRing(ring), { mode: 0o600, flag: 'wx' });
    await rename(temporary, path);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
}

export interface KeySource {
  /** The JSON itself (REFUGE_KEYS), for servers whose secrets come from the environment. */
  keysJson?: string | undefined;
  /** A path to the key file (REFUGE_KEY_FILE, --key-file). */
  keyFile: string;
  /** Create the file with fresh keys when it does not exist (the embedded demo start), mode 0600. */
  createIfMissing?: boolean;
}

export async function loadKeyRing(source: KeySource): Promise<{ ring: KeyRing; created: boolean; origin: string }> {
  if (source.keysJson) return { ring: parseKeyRing(source.keysJson), created: false, origin: 'REFUGE_KEYS' };
  const exists = await access(source.keyFile).then(() => true, () => false);
  if (!exists) {
    if (!source.createIfMissing) {
      throw new KeyFileError(`No key file at ${source.keyFile}: create one with \`refuge keys init --key-file ${source.keyFile}\`, or set REFUGE_KEYS.`);
    }
    const ring = generateKeyRing();
    await writeFile(source.keyFile, serializeKeyRing(ring), { mode: 0o600, flag: 'wx' });
    return { ring, created: true, origin: source.keyFile };
  }
  return { ring: parseKeyRing(await readFile(source.keyFile, 'utf8')), created: false, origin: source.keyFile };
}
