import { fail, isRecord, type TransferResult } from './errors';

/*
 * Encrypted backups (docs/backup.md gives the exact format and a script that
 * decrypts one without the extension):
 * - PBKDF2-SHA-256 over the passphrase (UTF-8, as typed) and a random 16-byte
 *   salt derives 64 bytes: the first 32 are the AES-256-GCM key, the last 32
 *   only feed `check` (the first 16 bytes of their SHA-256), which tells a wrong
 *   passphrase from a file changed after export;
 * - AES-GCM with a random 12-byte IV and a 128-bit tag encrypts the plain backup
 *   JSON (UTF-8); `ciphertext` is the ciphertext followed by the tag.
 */

/** The `format` of an encrypted backup file. */
export const ENCRYPTED_FORMAT = 'sim-keeper-backup-encrypted';
/** PBKDF2 iterations written into new files, and the fewest a file may ask for (OWASP 2023 for PBKDF2-HMAC-SHA256). */
export const PBKDF2_ITERATIONS = 600_000;
/** The most a file may ask for: a hostile file must not keep the page busy for minutes. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;

export interface EncryptedBackupV1 {
  format: typeof ENCRYPTED_FORMAT;
  version: 1;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string; tagLength: 128 };
  /** Base64 of the first 16 bytes of SHA-256(derived bytes 32–63). */
  check: string;
  /** Base64 of the AES-GCM ciphertext followed by its 16-byte tag. */
  ciphertext: string;
}

/**
 * Derives the 64 key bytes from passphrase, salt and iteration count. The real
 * one is {@link pbkdf2Bits}; unit tests pass a cheap stand-in so thousands of
 * cases run through the same code in seconds (the iteration count is still
 * checked against {@link PBKDF2_ITERATIONS} either way).
 */
export type DeriveBits = (passphrase: string, salt: Uint8Array, iterations: number) => Promise<Uint8Array>;

/** PBKDF2-HMAC-SHA-256, 512 bits, by Web Crypto. */
export const pbkdf2Bits: DeriveBits = async (passphrase, salt, iterations) => {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, material, 512);
  return new Uint8Array(bits);
};

export interface CryptoOptions {
  deriveBits?: DeriveBits;
  /** Random bytes; tests pass fixed ones for a frozen example. */
  randomBytes?: (length: number) => Uint8Array;
}

const defaultRandomBytes = (length: number) => crypto.getRandomValues(new Uint8Array(length));

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: unknown): Uint8Array | null {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

async function keysOf(bits: Uint8Array): Promise<{ key: CryptoKey; check: Uint8Array }> {
  const key = await crypto.subtle.importKey('raw', bits.slice(0, 32) as BufferSource, 'AES-GCM', false, ['encrypt', 'decrypt']);
  const check = new Uint8Array(await crypto.subtle.digest('SHA-256', bits.slice(32, 64) as BufferSource)).slice(0, 16);
  return { key, check };
}

/** Encrypts the plain backup JSON text with `passphrase` (docs/backup.md). */
export async function encryptBackup(plainJson: string, passphrase: string, options: CryptoOptions = {}): Promise<EncryptedBackupV1> {
  const random = options.randomBytes ?? defaultRandomBytes;
  const derive = options.deriveBits ?? pbkdf2Bits;
  const salt = random(16);
  const iv = random(12);
  const { key, check } = await keysOf(await derive(passphrase, salt, PBKDF2_ITERATIONS));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource, tagLength: 128 },
    key,
    new TextEncoder().encode(plainJson),
  );
  return {
    format: ENCRYPTED_FORMAT,
    version: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: PBKDF2_ITERATIONS, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv), tagLength: 128 },
    check: toBase64(check),
    ciphertext: toBase64(new Uint8Array(sealed)),
  };
}

const FILE_KEYS = ['format', 'version', 'kdf', 'cipher', 'check', 'ciphertext'];
const KDF_KEYS = ['name', 'hash', 'iterations', 'salt'];
const CIPHER_KEYS = ['name', 'iv', 'tagLength'];

function hasExactly(record: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(record);
  return own.length === keys.length && keys.every((key) => Object.hasOwn(record, key));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * The plain backup JSON inside an encrypted file, or why not: a header that is
 * not exactly what this format writes is "damaged"; fewer iterations than
 * {@link PBKDF2_ITERATIONS} are refused (a weak file is never accepted); a
 * wrong passphrase fails the check; a file changed after export fails AES-GCM.
 */
export async function decryptBackup(
  file: Record<string, unknown>,
  passphrase: string,
  options: CryptoOptions = {},
): Promise<TransferResult<{ json: string }>> {
  const derive = options.deriveBits ?? pbkdf2Bits;
  const { kdf, cipher } = file;
  // A later format version is a newer SIM Keeper's file, not a damaged one: say so.
  if (file.format === ENCRYPTED_FORMAT && typeof file.version === 'number' && Number.isInteger(file.version) && file.version > 1)
    return fail('import_errorNewerVersion', String(file.version));
  if (file.format !== ENCRYPTED_FORMAT || file.version !== 1 || !isRecord(kdf) || !isRecord(cipher)) return fail('import_errorDamaged');
  // Exactly the documented header (docs/backup.md): a field this version does not know could change how the file is read.
  if (!hasExactly(file, FILE_KEYS) || !hasExactly(kdf, KDF_KEYS) || !hasExactly(cipher, CIPHER_KEYS)) return fail('import_errorDamaged');
  if (kdf.name !== 'PBKDF2' || kdf.hash !== 'SHA-256' || cipher.name !== 'AES-GCM' || cipher.tagLength !== 128)
    return fail('import_errorDamaged');
  const { iterations } = kdf;
  if (typeof iterations !== 'number' || !Number.isInteger(iterations)) return fail('import_errorDamaged');
  if (iterations < PBKDF2_ITERATIONS || iterations > MAX_PBKDF2_ITERATIONS) return fail('import_errorIterations', String(iterations));
  const salt = fromBase64(kdf.salt);
  const iv = fromBase64(cipher.iv);
  const check = fromBase64(file.check);
  const sealed = fromBase64(file.ciphertext);
  if (salt?.length !== 16 || !iv || iv.length !== 12 || !check || check.length !== 16 || !sealed || sealed.length < 16) {
    return fail('import_errorDamaged');
  }
  if (passphrase === '') return fail('import_errorNeedPassphrase');
  let keys: { key: CryptoKey; check: Uint8Array };
  try {
    keys = await keysOf(await derive(passphrase, salt, iterations));
  } catch {
    return fail('import_errorDamaged');
  }
  if (!sameBytes(keys.check, check)) return fail('import_errorWrongPassphrase');
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: iv as BufferSource, tagLength: 128 },
      keys.key,
      sealed as BufferSource,
    );
    return { ok: true, json: new TextDecoder('utf-8', { fatal: true }).decode(plain) };
  } catch {
    return fail('import_errorTampered');
  }
}

/*
 * Files that share one derived key (the WebDAV folder, docs/sync.md): PBKDF2 at
 * 600,000 rounds takes about half a second, too slow for every file of a folder,
 * so the folder derives its key once from one salt, and every file is sealed with
 * that salt and key and a fresh IV. Each file is still an encrypted backup file
 * exactly as above, so `decryptBackup` (and the recipe in docs/backup.md) opens it.
 */

/** A key derived once, for sealing and opening many files. */
export interface SharedKey {
  salt: Uint8Array;
  iterations: number;
  /** The 64 derived bytes (key and check). Kept in memory and `storage.session` only. */
  bits: Uint8Array;
}

/** Base64 of bytes, as the file format writes them. */
export const bytesToBase64 = toBase64;
/** Bytes of base64, or `null` when it is not canonical base64. */
export const base64ToBytes = fromBase64;

/** The check value of derived bytes (base64), to tell a wrong passphrase before opening anything. */
export async function checkOfBits(bits: Uint8Array): Promise<string> {
  return toBase64((await keysOf(bits)).check);
}

/** Seals `plainJson` with a key derived before: an encrypted backup file with the key's salt and a fresh IV. */
export async function sealWithKey(
  plainJson: string,
  shared: SharedKey,
  options: Pick<CryptoOptions, 'randomBytes'> = {},
): Promise<EncryptedBackupV1> {
  const random = options.randomBytes ?? defaultRandomBytes;
  const iv = random(12);
  const { key, check } = await keysOf(shared.bits);
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource, tagLength: 128 },
    key,
    new TextEncoder().encode(plainJson),
  );
  return {
    format: ENCRYPTED_FORMAT,
    version: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: shared.iterations, salt: toBase64(shared.salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv), tagLength: 128 },
    check: toBase64(check),
    ciphertext: toBase64(new Uint8Array(sealed)),
  };
}

/**
 * The plain JSON of a file sealed with `shared`: `wrongKey` when the file names
 * another salt or check (another passphrase, or another folder's key), `damaged`
 * when it is not an encrypted backup file or fails AES-GCM (changed after writing).
 */
export async function openWithKey(
  file: unknown,
  shared: SharedKey,
): Promise<{ ok: true; json: string } | { ok: false; reason: 'wrongKey' | 'damaged' | 'newer' }> {
  if (!isRecord(file)) return { ok: false, reason: 'damaged' };
  if (file.format === ENCRYPTED_FORMAT && typeof file.version === 'number' && file.version > 1) return { ok: false, reason: 'newer' };
  const { kdf, cipher } = file;
  if (file.format !== ENCRYPTED_FORMAT || file.version !== 1 || !isRecord(kdf) || !isRecord(cipher))
    return { ok: false, reason: 'damaged' };
  if (!hasExactly(file, FILE_KEYS) || !hasExactly(kdf, KDF_KEYS) || !hasExactly(cipher, CIPHER_KEYS))
    return { ok: false, reason: 'damaged' };
  const salt = fromBase64(kdf.salt);
  const iv = fromBase64(cipher.iv);
  const sealed = fromBase64(file.ciphertext);
  if (!salt || !iv || iv.length !== 12 || !sealed || sealed.length < 16) return { ok: false, reason: 'damaged' };
  const { key, check } = await keysOf(shared.bits);
  if (!sameBytes(salt, shared.salt) || kdf.iterations !== shared.iterations || file.check !== toBase64(check))
    return { ok: false, reason: 'wrongKey' };
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv as BufferSource, tagLength: 128 }, key, sealed as BufferSource);
    return { ok: true, json: new TextDecoder('utf-8', { fatal: true }).decode(plain) };
  } catch {
    return { ok: false, reason: 'damaged' };
  }
}
