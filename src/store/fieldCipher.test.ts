import { describe, it, expect } from 'vitest';
import { FieldCipher, FieldDecryptionError, isEncrypted, keyIdOf } from './fieldCipher.ts';
import { generateKeyRing, withNewFieldKey, withNewBlindIndexKey, withoutFieldKey, withoutPreviousBlindIndexKey } from '../services/keys.ts';

const ring = generateKeyRing(new Date('2026-01-05T00:00:00Z'));
const cipher = new FieldCipher(ring);
const here = { table: 'persons', column: 'family_name', rowId: '6f1c9a52-3b0e-4d7a-9a55-0d2c1e7f8a10' };

/** Flips one bit of the ciphertext body, leaving the envelope well-formed. */
function tamper(stored: string): string {
  const [v, keyId, iv, body] = stored.split('.') as [string, string, string, string];
  const bytes = Buffer.from(body, 'base64url');
  bytes[0] = (bytes[0] as number) ^ 0x01;
  return [v, keyId, iv, bytes.toString('base64url')].join('.');
}

describe('field cipher', () => {
  it('encrypts to v1.<keyId>.<iv>.<ciphertext+tag> with a fresh IV each time, and decrypts back', () => {
    const a = cipher.encrypt('Nguyễn Thị Ánh', here);
    const b = cipher.encrypt('Nguyễn Thị Ánh', here);
    expect(a).toMatch(new RegExp(`^v1\\.${ring.activeFieldKeyId}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+$`));
    expect(a).not.toBe(b);
    expect(isEncrypted(a)).toBe(true);
    expect(keyIdOf(a)).toBe(ring.activeFieldKeyId);
    expect(cipher.decrypt(a, here)).toBe('Nguyễn Thị Ánh');
    expect(cipher.decrypt(b, here)).toBe('Nguyễn Thị Ánh');
    expect(cipher.decryptJson(cipher.encryptJson([{ number: 'X1' }], here), here)).toEqual([{ number: 'X1' }]);
    expect(isEncrypted('1985-02-11')).toBe(false);
    expect(keyIdOf('Abdullah')).toBeNull();
  });

  it('refuses a tampered value, naming where it is', () => {
    const stored = cipher.encrypt('Abdullah', here);
    expect(() => cipher.decrypt(tamper(stored), here)).toThrow(new FieldDecryptionError(
      `persons.family_name of row ${here.rowId} does not decrypt under key "${ring.activeFieldKeyId}": it was altered, or copied from another row or column.`, here, ring.activeFieldKeyId));
    expect(() => cipher.decrypt('Abdullah', here)).toThrow(`persons.family_name of row ${here.rowId} is not an encrypted value`);
  });

  it('refuses a value copied to another row or another column', () => {
    const stored = cipher.encrypt('Abdullah', here);
    const otherRow = { ...here, rowId: '0b8d5e44-1f63-4c1e-8a7e-6a1b2c3d4e5f' };
    expect(() => cipher.decrypt(stored, otherRow)).toThrow(`persons.family_name of row ${otherRow.rowId} does not decrypt under key "${ring.activeFieldKeyId}": it was altered, or copied from another row or column.`);
    expect(() => cipher.decrypt(stored, { ...here, column: 'given_names' })).toThrow(FieldDecryptionError);
    expect(() => cipher.decrypt(stored, { ...here, table: 'claim_events' })).toThrow(FieldDecryptionError);
  });

  it('decrypts with whichever key the value names, and says so when that key is not in the ring', () => {
    const old = cipher.encrypt('Abdullah', here);
    const rotatedRing = withNewFieldKey(ring);
    const rotated = new FieldCipher(rotatedRing);
    expect(rotated.activeKeyId).not.toBe(ring.activeFieldKeyId);
    expect(rotated.decrypt(old, here)).toBe('Abdullah');
    expect(rotated.isCurrent(old)).toBe(false);
    const renewed = rotated.reencrypt(old, here);
    expect(keyIdOf(renewed)).toBe(rotated.activeKeyId);
    expect(rotated.isCurrent(renewed)).toBe(true);
    const retired = new FieldCipher(withoutFieldKey(rotatedRing, ring.activeFieldKeyId));
    expect(retired.decrypt(renewed, here)).toBe('Abdullah');
    expect(() => retired.decrypt(old, here)).toThrow(
      `persons.family_name of row ${here.rowId} is encrypted with field key "${ring.activeFieldKeyId}", which is not in the key ring (it has ${retired.activeKeyId}): use the key file that still holds it, or a backup of it.`);
  });

  it('makes blind indexes: 16 bytes of HMAC-SHA256, the same for the same key and input, different under another key', () => {
    const index = cipher.blindIndex('doc:N0123987');
    expect(index).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(index, 'base64url')).toHaveLength(16);
    expect(cipher.blindIndex('doc:N0123987')).toBe(index);
    expect(cipher.blindIndex('doc:N0123988')).not.toBe(index);
    const next = withNewBlindIndexKey(ring);
    const rotating = new FieldCipher(next);
    expect(rotating.blindIndex('doc:N0123987')).not.toBe(index);
    // While the index key rotates, a search looks under both keys.
    expect(rotating.blindIndexesToSearch(['doc:N0123987'])).toEqual([rotating.blindIndex('doc:N0123987'), index]);
    expect(new FieldCipher(withoutPreviousBlindIndexKey(next)).blindIndexesToSearch(['doc:N0123987'])).toEqual([rotating.blindIndex('doc:N0123987')]);
  });

  it('compares keyed hashes under the current or previous index key, and calls older ones stale', () => {
    const stored = cipher.keyedHash('{"f":"abdullah"}');
    expect(stored).toMatch(new RegExp(`^${ring.blindIndexKey.id}:[0-9a-f]{64}$`));
    expect(cipher.matchesKeyedHash(stored, '{"f":"abdullah"}')).toBe('match');
    expect(cipher.matchesKeyedHash(stored, '{"f":"abdulla"}')).toBe('mismatch');
    const next = withNewBlindIndexKey(ring);
    expect(new FieldCipher(next).matchesKeyedHash(stored, '{"f":"abdullah"}')).toBe('match');
    expect(new FieldCipher(withoutPreviousBlindIndexKey(next)).matchesKeyedHash(stored, '{"f":"abdullah"}')).toBe('stale');
    expect(cipher.matchesKeyedHash('cleared-by-migration-008', '{"f":"abdullah"}')).toBe('stale');
  });
});
