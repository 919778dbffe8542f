import { loadStoredForBackup, type CardsSnapshot } from '../store/storage';
import { type CopiesKept, writeImport } from '../store/import-store';
import { buildBackup } from './backup';
import type { ImportCandidates } from './candidates';
import { type CryptoOptions, encryptBackup } from './crypto';
import { applyImport, type ImportChoices } from './preview';

/*
 * The stored side of transfers: what the options page calls. Reading files and
 * offering downloads are the page's (components/TransferPanel.tsx).
 */

/**
 * The backup file's text: the stored cards and settings exactly as stored,
 * encrypted when a passphrase is given.
 */
export async function backupFileText(now: Date, extensionVersion: string, passphrase = '', options: CryptoOptions = {}): Promise<string> {
  const backup = buildBackup(await loadStoredForBackup(), now, extensionVersion);
  const json = JSON.stringify(backup, null, 2);
  if (passphrase === '') return json;
  return JSON.stringify(await encryptBackup(json, passphrase, options), null, 2);
}

/**
 * Writes a confirmed import: merged into (or replacing) the freshest stored
 * cards, with the state before it kept as the undo snapshot and as a restore point.
 */
export function confirmImport(candidates: ImportCandidates, choices: ImportChoices, now: Date): Promise<CardsSnapshot & CopiesKept> {
  return writeImport((current) => applyImport(current, candidates, choices), now, choices.mode);
}
