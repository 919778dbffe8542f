import type { Card } from '../cards/schema';
import { BACKUP_FORMAT, readBackup } from './backup';
import type { ImportCandidates } from './candidates';
import { type CryptoOptions, decryptBackup, ENCRYPTED_FORMAT } from './crypto';
import { csvToCandidates, hasLabelHeader } from './csv';
import { fail, isRecord, type TransferResult } from './errors';
import { hasJsonComments, jsonDepthExceeds, MAX_JSON_DEPTH, wrongKindOf } from './file-kind';
import type { WallosImportOptions } from './wallos';
import { isWallosCsv, isWallosExport, isWallosList, wallosCsvToCandidates, wallosListToCandidates, wallosToCandidates } from './wallos';

/** Larger than any real backup (5,000 cards are about 5 MB); refused before parsing. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface ReadImportOptions extends CryptoOptions, Pick<WallosImportOptions, 'currencyAnswers'> {
  /** For an encrypted backup; absent or empty: the caller is told a passphrase is needed. */
  passphrase?: string;
  /** The zone for imported cards that name none: the user's. */
  userTimeZone: string;
  now: Date;
  /** The cards stored now: a CSV row for one of them keeps what a CSV cannot carry. */
  existing: readonly Card[];
  /** The user's answer to an {@link EncodingQuestion}; absent: asked when the bytes leave it open. */
  encoding?: SheetEncoding;
  /** Told how far reading is: what a progress bar shows. */
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * How far an import is: reading the file (`total` 0: no count yet), checking its cards
 * (`done` of `total` entries), comparing them with the stored ones.
 */
export interface ImportProgress {
  step: 'read' | 'check' | 'compare';
  done: number;
  total: number;
}

function decode(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The encodings of a sheet without a byte-order mark that the user can be asked to choose between. */
export type SheetEncoding = 'utf-8' | 'gb18030';

/** A file whose bytes read as a sheet in both UTF-8 and GB18030: which it is, the user says. */
export interface EncodingQuestion {
  /** The first line the two readings differ on, as each reads it (at most 100 characters). */
  utf8Line: string;
  gb18030Line: string;
}

function firstDifferingLine(a: string, b: string): [string, string] {
  const [linesA, linesB] = [a.split(/\r?\n/), b.split(/\r?\n/)];
  const index = Math.max(
    0,
    linesA.findIndex((line, i) => line !== linesB[i]),
  );
  return [(linesA[index] ?? '').slice(0, 100), (linesB[index] ?? '').slice(0, 100)];
}

/**
 * Non-ASCII characters in a UTF-8 reading past which it is taken as UTF-8: GBK text is valid
 * UTF-8 only by chance, about one Chinese character in seven (a lead byte C2–DF with a trail
 * A1–BF, and rarer three-byte runs), so eight in a row are about one file in four million.
 */
const SURE_UTF8 = 8;

/** How many characters of `text` are not ASCII, counting up to `stop`. */
function nonAsciiCount(text: string, stop: number): number {
  let count = 0;
  for (let i = 0; i < text.length && count < stop; i++) if (text.charCodeAt(i) > 0x7f) count++;
  return count;
}

/**
 * The file's text: UTF-8 (with or without a byte-order mark), UTF-16 with its mark
 * (Excel's "Unicode text"), or, for a CSV sheet from Chinese Excel, GB18030 (GBK's
 * superset), taken only when the text is valid GB18030 and its first row has a label
 * column, so a file in another encoding is refused rather than read as garbage.
 * Bytes that are a sheet with a label column in both UTF-8 and GB18030 and read
 * differently are never guessed: unless the UTF-8 reading has {@link SURE_UTF8} non-ASCII
 * characters or is a Wallos sheet (Wallos writes UTF-8), the result is the question to
 * ask, unless `chosen` answers it. `null`: none of these.
 */
export function decodeImportText(bytes: Uint8Array, chosen?: SheetEncoding): string | EncodingQuestion | null {
  const [a, b] = [bytes[0], bytes[1]];
  // TextDecoder drops the byte-order mark it recognises.
  if (a === 0xff && b === 0xfe) return decode(bytes, 'utf-16le');
  if (a === 0xfe && b === 0xff) return decode(bytes, 'utf-16be');
  if (a === 0xef && b === 0xbb && bytes[2] === 0xbf) return decode(bytes, 'utf-8')?.replace(/^\uFEFF/, '') ?? null;
  if (chosen) return decode(bytes, chosen);
  const utf8 = decode(bytes, 'utf-8');
  // JSON is UTF-8 by definition (RFC 8259); only a sheet may be in a Chinese Excel's encoding.
  if (utf8 !== null && /^\s*[[{]/.test(utf8)) return utf8;
  const gb = decode(bytes, 'gb18030');
  const gbSheet = gb !== null && hasLabelHeader(gb);
  if (utf8 === null) return gbSheet ? gb : null;
  if (!gbSheet || gb === utf8 || !hasLabelHeader(utf8) || isWallosCsv(utf8) || nonAsciiCount(utf8, SURE_UTF8) >= SURE_UTF8) return utf8;
  const [utf8Line, gb18030Line] = firstDifferingLine(utf8, gb);
  return { utf8Line, gb18030Line };
}

function parseJson(text: string): TransferResult<{ value: unknown }> {
  if (jsonDepthExceeds(text)) return fail('import_errorTooDeep', String(MAX_JSON_DEPTH));
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    if (hasJsonComments(text)) return fail('import_errorKindJsonc');
    return fail('import_errorNotJson', error instanceof Error ? error.message.slice(0, 200) : '');
  }
}

function fromBackupValue(
  value: Record<string, unknown>,
  source: ImportCandidates['source'],
  options: ReadImportOptions,
): TransferResult<{ candidates: ImportCandidates }> {
  const report = options.onProgress;
  const read = readBackup(value, report && ((done, total) => report({ step: 'check', done, total })));
  if (!read.ok) return read;
  const { cards, invalid, settings } = read.contents;
  return { ok: true, candidates: { source, cards, invalid, notes: [], settings } };
}

/**
 * Reads an import file of any kind SIM Keeper knows: a plain or encrypted
 * backup, a Wallos export (endpoint response, Export as JSON, Export as CSV), or a
 * CSV sheet, told apart by content, not by name.
 * Never throws and never writes: the result is either the candidates for the
 * preview or a message saying why the file is refused.
 */
export async function readImportFile(
  bytes: Uint8Array,
  options: ReadImportOptions,
): Promise<TransferResult<{ candidates: ImportCandidates }>> {
  try {
    if (bytes.length > MAX_IMPORT_BYTES) return fail('import_errorTooLarge');
    options.onProgress?.({ step: 'read', done: 0, total: 0 });
    const text = decodeImportText(bytes, options.encoding);
    if (text === null) return fail('import_errorNotText');
    if (typeof text !== 'string') return fail('import_askEncoding', text.utf8Line, text.gb18030Line);
    const start = text.trimStart()[0];
    if (start === undefined) return fail('import_errorEmpty');
    const wrongKind = wrongKindOf(text);
    if (wrongKind) return fail(wrongKind);
    if (start !== '{' && start !== '[') {
      if (isWallosCsv(text)) return wallosCsvToCandidates(text, options);
      const report = options.onProgress;
      return csvToCandidates(text, { ...options, onProgress: report && ((done, total) => report({ step: 'check', done, total })) });
    }
    const parsed = parseJson(text);
    if (!parsed.ok) return parsed;
    const { value } = parsed;
    if (isWallosList(value)) return wallosListToCandidates(value, options);
    if (!isRecord(value)) return fail('import_errorUnknownFormat');
    if (value.format === ENCRYPTED_FORMAT) {
      const opened = await decryptBackup(value, options.passphrase ?? '', options);
      if (!opened.ok) return opened;
      const inner = parseJson(opened.json);
      if (!inner.ok || !isRecord(inner.value) || inner.value.format !== BACKUP_FORMAT) return fail('import_errorDamaged');
      return fromBackupValue(inner.value, 'encrypted-backup', options);
    }
    if (value.format === BACKUP_FORMAT) return fromBackupValue(value, 'backup', options);
    if (isWallosExport(value)) return wallosToCandidates(value, options);
    return fail('import_errorUnknownFormat');
  } catch {
    // A bug must not look like success; the file is refused and nothing is written.
    return fail('import_errorDamaged');
  }
}
