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
}

function decode(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The file's text: UTF-8 (with or without a byte-order mark), UTF-16 with its mark
 * (Excel's "Unicode text"), or, for a CSV sheet from Chinese Excel, GB18030 (GBK's
 * superset), taken only when the text is valid GB18030 and its first row has a label
 * column, so a file in another encoding is refused rather than read as garbage.
 * `null`: none of these.
 */
export function decodeImportText(bytes: Uint8Array): string | null {
  const [a, b] = [bytes[0], bytes[1]];
  // TextDecoder drops the byte-order mark it recognises.
  if (a === 0xff && b === 0xfe) return decode(bytes, 'utf-16le');
  if (a === 0xfe && b === 0xff) return decode(bytes, 'utf-16be');
  const utf8 = decode(bytes, 'utf-8');
  if (utf8 !== null) return utf8.replace(/^\uFEFF/, '');
  const gb = decode(bytes, 'gb18030');
  return gb !== null && hasLabelHeader(gb) ? gb : null;
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
): TransferResult<{ candidates: ImportCandidates }> {
  const read = readBackup(value);
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
    const text = decodeImportText(bytes);
    if (text === null) return fail('import_errorNotText');
    const start = text.trimStart()[0];
    if (start === undefined) return fail('import_errorEmpty');
    const wrongKind = wrongKindOf(text);
    if (wrongKind) return fail(wrongKind);
    if (start !== '{' && start !== '[') return isWallosCsv(text) ? wallosCsvToCandidates(text, options) : csvToCandidates(text, options);
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
      return fromBackupValue(inner.value, 'encrypted-backup');
    }
    if (value.format === BACKUP_FORMAT) return fromBackupValue(value, 'backup');
    if (isWallosExport(value)) return wallosToCandidates(value, options);
    return fail('import_errorUnknownFormat');
  } catch {
    // A bug must not look like success; the file is refused and nothing is written.
    return fail('import_errorDamaged');
  }
}
