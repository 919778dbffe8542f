import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RemoteError } from '../../lib/remote/errors';
import { decryptBackup, openWithKey, sealWithKey } from '../../lib/transfer/crypto';
import {
  cardFileName,
  isDataFile,
  keyOfStored,
  MANIFEST_VERSION,
  newFolderKey,
  parseManifest,
  storedKeyOf,
  unlockFolder,
} from '../../lib/webdav/folder-key';
import { runs } from './property-runs';
import { cheapDerive } from './webdav-sim';

/*
 * The folder's key and files: one derivation per folder, every file still an encrypted
 * backup file that decryptBackup (the docs' recipe) opens with the passphrase, a wrong
 * passphrase or another folder's key told apart from a damaged file.
 */

const options = { deriveBits: cheapDerive };

describe('the folder key', () => {
  it('opens with the passphrase it was made with, and refuses another with the passphrase error', async () => {
    const { manifest, key } = await newFolderKey('purple kettle', options);
    const again = await unlockFolder(parseManifest(JSON.stringify(manifest)), 'purple kettle', options);
    expect(again.bits).toEqual(key.bits);
    const error = await unlockFolder(manifest, 'purple kettlf', options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).code).toBe('passphrase');
  });

  it('is kept in storage.session and read back the same', async () => {
    const { key } = await newFolderKey('purple kettle', options);
    expect(keyOfStored(JSON.parse(JSON.stringify(storedKeyOf(key))))).toEqual(key);
    expect(keyOfStored({ salt: 'AAAA', iterations: 600000, bits: 'AAAA' })).toBeNull();
    expect(keyOfStored(null)).toBeNull();
  });

  it('refuses a manifest of a later version as newer, and a damaged one as malformed', () => {
    const codeOf = (text: string) => {
      try {
        parseManifest(text);
        return 'ok';
      } catch (error) {
        return (error as RemoteError).code;
      }
    };
    const good = {
      format: 'sim-keeper-webdav-folder',
      version: MANIFEST_VERSION,
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600000, salt: 'AAAAAAAAAAAAAAAAAAAAAA==' },
      check: 'AAAAAAAAAAAAAAAAAAAAAA==',
    };
    expect(codeOf(JSON.stringify(good))).toBe('ok');
    expect(codeOf(JSON.stringify({ ...good, version: 2 }))).toBe('newerFormat');
    expect(codeOf(JSON.stringify({ ...good, kdf: { ...good.kdf, iterations: 1000 } }))).toBe('malformed');
    expect(codeOf(JSON.stringify({ ...good, check: 'AAAA' }))).toBe('malformed');
    expect(codeOf('not json')).toBe('malformed');
    expect(codeOf('{"format":"sim-keeper-backup"}')).toBe('malformed');
  });

  it('names card files by a digest of the id, the same every time, with no trace of the id', async () => {
    const name = await cardFileName('giffgaff-紫卡/../x');
    expect(name).toMatch(/^c-[0-9a-f]{32}\.json$/);
    expect(await cardFileName('giffgaff-紫卡/../x')).toBe(name);
    expect(await cardFileName('another')).not.toBe(name);
    expect(isDataFile(name)).toBe(true);
    expect(isDataFile('settings.json')).toBe(true);
    expect(isDataFile('sim-keeper.json')).toBe(false);
    expect(isDataFile('notes.txt')).toBe(false);
  });
});

describe('files sealed with the folder key', () => {
  it('open with the key, and with decryptBackup and the passphrase (the docs’ recipe), for any text', async () => {
    const { key } = await newFolderKey('purple kettle', options);
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), async (text) => {
        const json = JSON.stringify({ 'c.x': { v: 1, note: text } });
        const file = await sealWithKey(json, key);
        expect(await openWithKey(JSON.parse(JSON.stringify(file)), key)).toEqual({ ok: true, json });
        const viaRecipe = await decryptBackup(file as unknown as Record<string, unknown>, 'purple kettle', options);
        expect(viaRecipe).toEqual({ ok: true, json });
      }),
      { seed: 20261207, numRuns: runs(300) },
    );
  });

  it('tell another folder’s key from a changed file', async () => {
    const mine = await newFolderKey('purple kettle', options);
    const theirs = await newFolderKey('purple kettle', options);
    const file = await sealWithKey('{"settings":{"v":1,"s":{}}}', mine.key);
    expect(await openWithKey(file, theirs.key)).toEqual({ ok: false, reason: 'wrongKey' });
    const flipped = { ...file, ciphertext: `${file.ciphertext[0] === 'A' ? 'B' : 'A'}${file.ciphertext.slice(1)}` };
    expect(await openWithKey(flipped, mine.key)).toEqual({ ok: false, reason: 'damaged' });
    expect(await openWithKey({ ...file, version: 2 }, mine.key)).toEqual({ ok: false, reason: 'newer' });
    expect(await openWithKey('nonsense', mine.key)).toEqual({ ok: false, reason: 'damaged' });
  });
});
