import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  generateKeyRing, loadKeyRing, parseKeyRing, serializeKeyRing, withNewFieldKey, withoutFieldKey, withNewBlindIndexKey,
  withoutPreviousBlindIndexKey, createKeyFile, replaceKeyFile, KeyFileError,
} from './keys.ts';

describe('key ring', () => {
  it('round-trips through its file format', () => {
    const ring = generateKeyRing(new Date('2026-11-24T12:00:00Z'));
    const back = parseKeyRing(serializeKeyRing(ring));
    expect(back).toEqual(ring);
    expect(ring.activeFieldKeyId).toMatch(/^field-2026-11-24-[0-9a-f]{6}$/);
    expect(ring.fieldKeys[0]?.key.length).toBe(32);
  });

  it('names the place of every problem in a key file', () => {
    const good = JSON.parse(serializeKeyRing(generateKeyRing())) as Record<string, unknown>;
    const bad = (patch: Record<string, unknown>) => () => parseKeyRing(JSON.stringify({ ...good, ...patch }));
    expect(() => parseKeyRing('{')).toThrow('The key file is not valid JSON.');
    expect(bad({ version: 2 })).toThrow('The key file must have "version": 1.');
    expect(bad({ fieldKeys: [] })).toThrow('fieldKeys must list at least one key.');
    expect(bad({ activeFieldKey: 'nope' })).toThrow('activeFieldKey must be the id of one of fieldKeys.');
    expect(bad({ auditKey: { id: 'a', key: Buffer.alloc(16).toString('base64') } })).toThrow('auditKey.key must be 32 bytes of base64 (it is 16).');
    expect(bad({ blindIndexKey: { id: 'has space', key: Buffer.alloc(32).toString('base64') } })).toThrow('blindIndexKey.id must be 1 to 40 letters');
    expect(bad({ fieldKeys: [{ id: 'x', key: 5 }] })).toThrow(KeyFileError);
  });

  it('adds a new active field key and keeps the old one to read with', () => {
    const ring = generateKeyRing();
    const next = withNewFieldKey(ring);
    expect(next.fieldKeys.map((k) => k.id)).toEqual([ring.activeFieldKeyId, next.activeFieldKeyId]);
    expect(next.activeFieldKeyId).not.toBe(ring.activeFieldKeyId);
  });

  it('creates a missing key file only when asked, readable by its owner alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'refuge-keys-'));
    const keyFile = join(dir, 'keys.json');
    await expect(loadKeyRing({ keyFile })).rejects.toThrow(`No key file at ${keyFile}`);
    const created = await loadKeyRing({ keyFile, createIfMissing: true });
    expect(created.created).toBe(true);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    const again = await loadKeyRing({ keyFile, createIfMissing: true });
    expect(again.created).toBe(false);
    expect(again.ring).toEqual(created.ring);
    expect(parseKeyRing(await readFile(keyFile, 'utf8'))).toEqual(created.ring);
    const fromEnv = await loadKeyRing({ keyFile: join(dir, 'absent.json'), keysJson: serializeKeyRing(created.ring) });
    expect(fromEnv.origin).toBe('REFUGE_KEYS');
  });

  it('retires only a field key that is not the active one, and keeps the previous index key while the index key rotates', () => {
    const ring = generateKeyRing();
    const next = withNewFieldKey(ring);
    expect(() => withoutFieldKey(next, next.activeFieldKeyId)).toThrow(`${next.activeFieldKeyId} is the active field key; rotate to a new key before retiring it.`);
    expect(() => withoutFieldKey(next, 'field-unknown')).toThrow(`The key ring has no field key field-unknown (it has ${ring.activeFieldKeyId}, ${next.activeFieldKeyId}).`);
    expect(withoutFieldKey(next, ring.activeFieldKeyId).fieldKeys.map((k) => k.id)).toEqual([next.activeFieldKeyId]);
    const rotating = withNewBlindIndexKey(ring);
    expect(rotating.previousBlindIndexKey).toEqual(ring.blindIndexKey);
    expect(parseKeyRing(serializeKeyRing(rotating))).toEqual(rotating);
    expect(withoutPreviousBlindIndexKey(rotating)).not.toHaveProperty('previousBlindIndexKey');
  });

  it('creates a key file only where none exists, and replaces one whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'refuge-keys-'));
    const keyFile = join(dir, 'keys.json');
    const ring = generateKeyRing();
    await createKeyFile(keyFile, ring);
    await expect(createKeyFile(keyFile, generateKeyRing())).rejects.toThrow(`A key file already exists at ${keyFile}; it was left as it is.`);
    expect(parseKeyRing(await readFile(keyFile, 'utf8'))).toEqual(ring);
    const next = withNewFieldKey(ring);
    await replaceKeyFile(keyFile, next);
    expect(parseKeyRing(await readFile(keyFile, 'utf8'))).toEqual(next);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
  });
});
