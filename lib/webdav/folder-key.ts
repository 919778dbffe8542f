import { RemoteError } from '../remote/errors';
import {
  base64ToBytes,
  bytesToBase64,
  checkOfBits,
  type DeriveBits,
  PBKDF2_ITERATIONS,
  MAX_PBKDF2_ITERATIONS,
  pbkdf2Bits,
  type SharedKey,
} from '../transfer/crypto';

/*
 * The folder's key. A folder holds one plain file, `sim-keeper.json` (the
 * manifest), with the format version, the PBKDF2 salt and rounds, and the check
 * value that tells a wrong passphrase before anything is read or written. Every
 * other file is an encrypted backup file (docs/backup.md) sealed with the key
 * derived from that salt, so the 600,000 rounds are run once per folder, not
 * once per file. The manifest holds no card data and no passphrase.
 */

export const MANIFEST_NAME = 'sim-keeper.json';
export const MANIFEST_FORMAT = 'sim-keeper-webdav-folder';
export const MANIFEST_VERSION = 1;

export interface FolderManifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  /** The same check value every file of the folder carries (docs/backup.md). */
  check: string;
}

/** The manifest in a file's text; throws `newerFormat` for a later version, `malformed` for anything else. */
export function parseManifest(text: string): FolderManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RemoteError('malformed', `${MANIFEST_NAME} is not JSON`);
  }
  const file = value as Partial<FolderManifest> | null;
  if (file?.format !== MANIFEST_FORMAT) throw new RemoteError('malformed', `${MANIFEST_NAME} is not a SIM Keeper folder manifest`);
  if (typeof file.version === 'number' && file.version > MANIFEST_VERSION)
    throw new RemoteError('newerFormat', `${MANIFEST_NAME} has version ${file.version}`);
  const kdf = file.kdf;
  const salt = base64ToBytes(kdf?.salt);
  if (
    file.version !== MANIFEST_VERSION ||
    kdf?.name !== 'PBKDF2' ||
    kdf.hash !== 'SHA-256' ||
    !Number.isInteger(kdf.iterations) ||
    kdf.iterations < PBKDF2_ITERATIONS ||
    kdf.iterations > MAX_PBKDF2_ITERATIONS ||
    salt?.length !== 16 ||
    base64ToBytes(file.check)?.length !== 16
  )
    throw new RemoteError('malformed', `${MANIFEST_NAME} is damaged`);
  return { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, kdf: { ...kdf }, check: file.check! };
}

/** Options of the key functions: tests pass a cheap derivation and fixed random bytes. */
export interface KeyOptions {
  deriveBits?: DeriveBits;
  randomBytes?: (length: number) => Uint8Array;
}

/** The folder key from the passphrase; throws `passphrase` when it is not the folder's. */
export async function unlockFolder(manifest: FolderManifest, passphrase: string, options: KeyOptions = {}): Promise<SharedKey> {
  const derive = options.deriveBits ?? pbkdf2Bits;
  const salt = base64ToBytes(manifest.kdf.salt)!;
  const bits = await derive(passphrase, salt, manifest.kdf.iterations);
  if ((await checkOfBits(bits)) !== manifest.check)
    throw new RemoteError('passphrase', 'the passphrase does not open this folder (its check value differs)');
  return { salt, iterations: manifest.kdf.iterations, bits };
}

/** A new folder's manifest and key, from the passphrase the user chose (and typed twice). */
export async function newFolderKey(passphrase: string, options: KeyOptions = {}): Promise<{ manifest: FolderManifest; key: SharedKey }> {
  const derive = options.deriveBits ?? pbkdf2Bits;
  const random = options.randomBytes ?? ((length: number) => crypto.getRandomValues(new Uint8Array(length)));
  const salt = random(16);
  const bits = await derive(passphrase, salt, PBKDF2_ITERATIONS);
  const manifest: FolderManifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS, salt: bytesToBase64(salt) },
    check: await checkOfBits(bits),
  };
  return { manifest, key: { salt, iterations: PBKDF2_ITERATIONS, bits } };
}

/** Whether `key` is the key of `manifest` (the same salt, rounds and check). */
export async function keyFits(manifest: FolderManifest, key: SharedKey): Promise<boolean> {
  return (
    manifest.kdf.salt === bytesToBase64(key.salt) &&
    manifest.kdf.iterations === key.iterations &&
    manifest.check === (await checkOfBits(key.bits))
  );
}

/** The key as `storage.session` keeps it (base64), and back. */
export function storedKeyOf(key: SharedKey): { salt: string; iterations: number; bits: string } {
  return { salt: bytesToBase64(key.salt), iterations: key.iterations, bits: bytesToBase64(key.bits) };
}

export function keyOfStored(raw: unknown): SharedKey | null {
  const stored = raw as { salt?: unknown; iterations?: unknown; bits?: unknown } | null;
  const salt = base64ToBytes(stored?.salt);
  const bits = base64ToBytes(stored?.bits);
  if (salt?.length !== 16 || bits?.length !== 64 || typeof stored?.iterations !== 'number') return null;
  return { salt, iterations: stored.iterations, bits };
}

/** The name of a card's file: a digest of its id, so the server sees no id and every id makes a safe name. */
export async function cardFileName(id: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(id)));
  return `c-${Array.from(digest.slice(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('')}.json`;
}

export const SETTINGS_FILE = 'settings.json';

/** Whether a file of the folder is one of SIM Keeper's data files (a card's or the settings'). */
export const isDataFile = (name: string): boolean => name === SETTINGS_FILE || /^c-[0-9a-f]{32}\.json$/.test(name);
