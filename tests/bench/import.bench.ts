import { bench, describe } from 'vitest';
import { cardsToCsv } from '../../lib/transfer/csv';
import { applyImport, previewImport } from '../../lib/transfer/preview';
import { readImportFile } from '../../lib/transfer/read-file';
import { sampleCards } from './sample-cards';

/*
 * `npm run bench`: an import of 5,000 and 20,000 cards, as the options page runs it:
 * read (decode, parse, validate), preview against a store holding half of them, and
 * the merge a confirmation writes. Goal (issue 18): 20,000 cards to a preview within
 * 10 s. Not a test: no assertion on time.
 */

const now = new Date('2026-11-22T04:00:00Z');
const encoder = new TextEncoder();

for (const count of [5_000, 20_000]) {
  const cards = sampleCards(count);
  const stored = { cards: cards.slice(0, count / 2), invalid: [] };
  const backup = encoder.encode(JSON.stringify({ format: 'sim-keeper-backup', version: 1, settingsVersion: 1, cards, settings: {} }));
  const csv = encoder.encode(cardsToCsv(cards));
  const options = { userTimeZone: 'Asia/Shanghai', now, existing: stored.cards };

  describe(`${count.toLocaleString('en')} cards`, () => {
    bench(
      'backup: read, preview, merge',
      async () => {
        const read = await readImportFile(backup, options);
        if (!read.ok) throw new Error(read.error);
        previewImport(stored, read.candidates);
        applyImport(stored, read.candidates, { mode: 'merge', keepInvalid: true });
      },
      { iterations: 3 },
    );
    bench(
      'CSV: read, preview, merge',
      async () => {
        const read = await readImportFile(csv, options);
        if (!read.ok) throw new Error(read.error);
        previewImport(stored, read.candidates);
        applyImport(stored, read.candidates, { mode: 'merge', keepInvalid: true });
      },
      { iterations: 3 },
    );
  });
}
