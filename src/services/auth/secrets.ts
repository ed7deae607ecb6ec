import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyRing } from '../keys.ts';

/**
 * The one pair of functions through which authentication keeps a secret (a TOTP seed) in the
 * database: AES-256-GCM under the key ring's active field key, in the same shape as the personal
 * data fields (docs/security.md): `v1.<keyId>.<iv>.<ciphertext+tag>`, base64url, with the place the
 * value belongs to (table, column, row id) as associated data so it cannot be moved to another row.
 * When the shared field cipher lands, these two delegate to it.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function sealSecret(keys: KeyRing, plaintext: string, place: string): string {
  const key = keys.fieldKeys.find((k) => k.id === keys.activeFieldKeyId);
  if (!key) throw new Error(`The active field key ${keys.activeFieldKeyId} is not in the key ring.`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(place, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `v1.${key.id}.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
}

export function openSecret(keys: KeyRing, stored: string, place: string): string {
  const [version, keyId, ivText, sealedText, ...rest] = stored.split('.');
  if (version !== 'v1' || !keyId || !ivText || !sealedText || rest.length > 0) throw new Error('A sealed secret is not in the v1 format.');
  const key = keys.fieldKeys.find((k) => k.id === keyId);
  if (!key) throw new Error(`A sealed secret needs field key ${keyId}, which is not in the key ring.`);
  const sealed = Buffer.from(sealedText, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(ivText, 'base64url'));
  decipher.setAAD(Buffer.from(place, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
}
