import { type CardsSnapshot, rawOfCard, toStored } from '../store/parse-stored';
import type { SettingsV1 } from '../store/settings-schema';
import type { ImportCandidates } from './candidates';
import { fail, type TransferResult } from './errors';
import { applyImport, type ImportChoices, type ImportPreview, limitPreview, PREVIEW_LIMIT, previewImport } from './preview';
import { itemBytes } from '../store/bytes';
import { type ImportProgress, readImportFile, type SheetEncoding } from './read-file';

/*
 * One import, from the file's bytes to its preview, as the options page's worker runs it
 * (entrypoints/options/import.worker.ts): everything in it can be copied between threads
 * (structured clone), and it never writes. The page only renders the result, so a file of
 * 20,000 cards never blocks it; Cancel ends the worker and nothing is kept.
 */

/** What the page sends: the file, the user's answers so far, and the state to compare with. */
export interface ImportJob {
  bytes: Uint8Array;
  passphrase: string;
  currencyAnswers: Record<string, string>;
  encoding?: SheetEncoding;
  userTimeZone: string;
  now: Date;
  /** The stored cards and settings the preview compares with. */
  current: CardsSnapshot;
  settings: SettingsV1;
}

/** What the page needs of a file read: little, so a large file costs the page almost nothing to receive. */
export interface ReadImport {
  /** The preview, each list cut to its first {@link PREVIEW_LIMIT} entries (the counts are whole). */
  preview: ImportPreview;
  /** The currency questions, and the cards the shown notes are about (for their names). */
  shown: Pick<ImportCandidates, 'questions' | 'cards'>;
  /** Every candidate, as UTF-8 JSON: read only when the user confirms (a transferable buffer, not copied). */
  candidatesJson: Uint8Array;
  /** The bytes a Merge and Replace all would write (as the preview proposes them): the stored `cards`, and the ids the undo keeps. */
  cardsBytes: { merge: number; replace: number };
}

export type ImportJobResult = TransferResult<ReadImport>;

/** What goes to the page for the confirmation: the candidates, and the stored form of each card that has one of its own. */
interface CandidatesPayload {
  candidates: ImportCandidates;
  /**
   * By card index, a backup entry as the file holds it where it differs from the card read
   * from it (a field this version does not know): written as it is, as a backup read on the
   * page would be, so nothing of the file is dropped.
   */
  storedForms: Record<number, unknown>;
}

/**
 * The candidates of a {@link ReadImport}, for the confirmation. Each card is known to the store
 * as checked (it was, in the worker) with its stored form, so the write neither checks 20,000
 * cards again on the page nor drops what a backup entry holds beyond them.
 */
export function candidatesOf(read: Pick<ReadImport, 'candidatesJson'>): ImportCandidates {
  const { candidates, storedForms } = JSON.parse(new TextDecoder().decode(read.candidatesJson)) as CandidatesPayload;
  for (const [index, card] of candidates.cards.entries()) rawOfCard.set(card, index in storedForms ? storedForms[index] : card);
  return candidates;
}

function payloadOf(candidates: ImportCandidates): CandidatesPayload {
  const storedForms: Record<number, unknown> = {};
  candidates.cards.forEach((card, index) => {
    const raw = rawOfCard.get(card);
    if (raw !== undefined && JSON.stringify(raw) !== JSON.stringify(card)) storedForms[index] = raw;
  });
  return { candidates, storedForms };
}

/** Messages from the worker to the page. */
export type ImportJobMessage = { type: 'progress'; progress: ImportProgress } | { type: 'done'; result: ImportJobResult };

/**
 * Reads the file and compares it with the stored cards: the candidates to confirm and
 * the preview to show, or why the file is refused. Never throws.
 */
export async function runImportJob(job: ImportJob, onProgress: (progress: ImportProgress) => void = () => {}): Promise<ImportJobResult> {
  try {
    const read = await readImportFile(job.bytes, {
      passphrase: job.passphrase,
      currencyAnswers: job.currencyAnswers,
      ...(job.encoding ? { encoding: job.encoding } : {}),
      userTimeZone: job.userTimeZone,
      now: job.now,
      existing: job.current.cards,
      onProgress,
    });
    if (!read.ok) return read;
    onProgress({ step: 'compare', done: 0, total: 0 });
    const { candidates } = read;
    const preview = limitPreview(previewImport(job.current, candidates, job.settings), PREVIEW_LIMIT);
    // The stored cards after each choice, and the ids of the cards it adds (kept with the undo snapshot).
    const had = new Set(job.current.cards.map((card) => card.id));
    const bytesAfter = (mode: ImportChoices['mode']) => {
      const { cards, invalid } = applyImport(job.current, candidates, { mode, keepInvalid: true });
      const added = cards.filter((card) => !had.has(card.id)).map((card) => card.id);
      return itemBytes('cards', toStored(cards, invalid)) + itemBytes('', added);
    };
    const noted = new Set(preview.notes.map((note) => note.cardId));
    return {
      ok: true,
      preview,
      shown: {
        ...(candidates.questions ? { questions: candidates.questions } : {}),
        cards: candidates.cards.filter((card) => noted.has(card.id)),
      },
      candidatesJson: new TextEncoder().encode(JSON.stringify(payloadOf(candidates))),
      cardsBytes: { merge: bytesAfter('merge'), replace: bytesAfter('replace') },
    };
  } catch {
    return fail('import_errorDamaged');
  }
}
