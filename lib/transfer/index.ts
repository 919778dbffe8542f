/*
 * lib/transfer/: the user's cards in and out of SIM Keeper. Backups (plain and
 * encrypted), CSV and Wallos imports, the import preview and its merge, and the
 * calendar (.ics) export. Everything here is pure or takes the browser parts as
 * parameters; the file picker and the download live in components/.
 */
export { buildBackup, type BackupV1 } from './backup';
export { encryptBackup, decryptBackup } from './crypto';
export { readImportFile } from './read-file';
export type { ImportCandidates } from './candidates';
export { previewImport, applyImport, type ImportPreview, type ImportChoices } from './preview';
export { cardsToCsv } from './csv';
export { cardsToIcs } from './ics';
