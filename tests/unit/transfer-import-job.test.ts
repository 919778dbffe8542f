import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { parseStoredCards } from '../../lib/store/parse-stored';
import { cardsItem } from '../../lib/store/storage';
import { readBackup } from '../../lib/transfer/backup';
import { cardsToCsv } from '../../lib/transfer/csv';
import { candidatesOf, runImportJob } from '../../lib/transfer/import-job';
import { previewImport, PREVIEW_LIMIT } from '../../lib/transfer/preview';
import { type ImportProgress, readImportFile } from '../../lib/transfer/read-file';
import { confirmImport } from '../../lib/transfer/service';
import { makeCard } from './card-fixture';
import { runs } from './property-runs';
import { cardArb, cardListArb, SEED } from './transfer-arbitraries';

/*
 * The import as the options page's worker runs it (lib/transfer/import-job.ts): the same
 * candidates as reading the file on the page, a preview cut to what the page shows with
 * whole counts, and progress that counts the entries checked.
 */

const NOW = new Date('2026-11-27T00:00:00.000Z');
const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const backupOf = (cards: unknown[]) => ({ format: 'sim-keeper-backup', version: 1, settingsVersion: 1, cards, settings: {} });
const job = (bytes: Uint8Array, stored = parseStoredCards([])) => ({
  bytes,
  passphrase: '',
  currencyAnswers: {},
  userTimeZone: 'Asia/Shanghai',
  now: NOW,
  current: stored,
  settings: {},
});

describe('runImportJob', () => {
  it('gives the candidates reading the file on the page gives, and a preview of the first 200 of each list with whole counts', async () => {
    const cards = Array.from({ length: 1_234 }, (_, i) => makeCard(`c${i}`));
    const stored = parseStoredCards(cards.slice(0, 300));
    const file = encode(backupOf([...cards, { label: 'broken' }]));
    const progress: ImportProgress[] = [];
    const result = await runImportJob(job(file, stored), (p) => progress.push(p));
    if (!result.ok) throw new Error(result.error);
    const direct = await readImportFile(file, { userTimeZone: 'Asia/Shanghai', now: NOW, existing: stored.cards });
    if (!direct.ok) throw new Error(direct.error);
    expect(candidatesOf(result)).toEqual(direct.candidates);
    const whole = previewImport(stored, direct.candidates);
    expect(result.preview.counts).toEqual({ added: 934, changed: 0, identical: 300, invalid: 1, notes: 0, onlyMine: 0 });
    expect(result.preview.added).toEqual(whole.added.slice(0, PREVIEW_LIMIT));
    expect(result.preview.identical).toHaveLength(PREVIEW_LIMIT);
    // Progress: reading, then every 500 entries checked up to all of them, then comparing.
    expect(progress[0]).toEqual({ step: 'read', done: 0, total: 0 });
    expect(progress.filter((p) => p.step === 'check').map((p) => p.done)).toEqual([500, 1000, 1235]);
    expect(progress.at(-1)).toEqual({ step: 'compare', done: 0, total: 0 });
  });

  it('counts the rows of a CSV sheet as it checks them', async () => {
    const cards = Array.from({ length: 1_100 }, (_, i) => makeCard(`c${i}`));
    const progress: ImportProgress[] = [];
    const result = await runImportJob(job(encode(cardsToCsv(cards))), (p) => progress.push(p));
    expect(result.ok && result.preview.counts.added).toBe(1_100);
    expect(progress.filter((p) => p.step === 'check').map((p) => [p.done, p.total])).toEqual([
      [0, 1100],
      [500, 1100],
      [1000, 1100],
      [1100, 1100],
    ]);
  });

  it('passes a refusal on as it is, with nothing to confirm', async () => {
    expect(await runImportJob(job(encode('BEGIN:VCALENDAR\r\n')))).toEqual({ ok: false, error: 'import_errorKindIcs' });
  });

  it('sends the page only the cards the shown notes are about (for their labels)', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `Card ${i},${i % 2 ? 'Nowhere Mobile' : ''},2026-12-01`);
    const sheet = `Label,Provider,End date\r\n${rows.join('\r\n')}\r\n`;
    const result = await runImportJob(job(encode(sheet)));
    if (!result.ok) throw new Error(result.error);
    expect(result.preview.counts.notes).toBeGreaterThan(PREVIEW_LIMIT);
    expect(result.preview.notes).toHaveLength(PREVIEW_LIMIT);
    const noted = [...new Set(result.preview.notes.map((note) => note.cardId))].sort();
    expect(result.shown.cards.map((card) => card.id).sort()).toEqual(noted);
    expect(noted.length).toBeLessThan(300);
  });
});

describe('checking a backup in chunks (for progress) gives what checking it at once gives', () => {
  // Entries: valid cards (ids drawn from a few, so duplicates fall on both sides of chunk boundaries) and broken ones.
  const entryArb = fc.oneof(
    { weight: 6, arbitrary: cardArb.map((card) => ({ ...card, id: `id${card.id.length % 7}` }) as unknown) },
    { weight: 1, arbitrary: fc.constant({ label: 'not a card' } as unknown) },
  );

  it('same cards, and the same invalid entries with the same reasons', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 60 }), fc.integer({ min: 440, max: 560 }), (entries, pad) => {
        // The entries twice, around unique valid cards: their duplicates fall in other 500-entry chunks, or the same one.
        const padded = [...entries, ...Array.from({ length: pad }, (_, i) => makeCard(`pad${i}`)), ...entries];
        const whole = readBackup(backupOf(padded));
        const chunked = readBackup(backupOf(padded), () => {});
        if (!whole.ok || !chunked.ok) throw new Error('refused');
        expect(chunked.contents.cards).toEqual(whole.contents.cards);
        const key = (entry: { raw: unknown; problems: string[] }) => JSON.stringify(entry);
        expect(chunked.contents.invalid.map(key).sort()).toEqual(whole.contents.invalid.map(key).sort());
      }),
      { seed: SEED, numRuns: runs(40) },
    );
  }, 60_000);
});

describe("re-importing SIM Keeper's own CSV", () => {
  it('never says an amount was not kept, onto the same cards or into an empty store', async () => {
    await fc.assert(
      fc.asyncProperty(cardListArb, async (cards) => {
        for (const existing of [cards, []]) {
          const read = await readImportFile(encode(`\uFEFF${cardsToCsv(cards)}`), { userTimeZone: 'Asia/Shanghai', now: NOW, existing });
          if (!read.ok) throw new Error(read.error);
          expect(read.candidates.notes.filter((note) => note.message === 'import_noteAmountDropped')).toEqual([]);
        }
      }),
      { seed: SEED, numRuns: runs(300) },
    );
  }, 30_000);
});

describe('confirming what the worker read', () => {
  beforeEach(() => fakeBrowser.reset());

  it('writes a backup entry as the file holds it (a field this version does not know stays), as reading it on the page does', async () => {
    const entry = { ...makeCard('x'), fromNewerVersion: { kept: true } };
    const result = await runImportJob(job(encode(backupOf([entry, makeCard('y')]))));
    if (!result.ok) throw new Error(result.error);
    await confirmImport(candidatesOf(result), { mode: 'merge', keepInvalid: true }, NOW);
    expect(await cardsItem.getValue()).toEqual([entry, makeCard('y')]);
  });
});
