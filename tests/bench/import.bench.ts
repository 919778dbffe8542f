import { bench, describe } from 'vitest';
import { cardsToCsv } from '../../lib/transfer/csv';
import { runImportJob } from '../../lib/transfer/import-job';
import { applyImport, previewImport } from '../../lib/transfer/preview';
import { readImportFile } from '../../lib/transfer/read-file';
import { sampleCards } from './sample-cards';

/*
 * `npm run bench`: an import of 5,000 and 20,000 cards, step by step as the options page's
 * worker runs it (lib/transfer/import-job.ts): read (decode, parse, validate), preview
 * against a store holding half of them, the whole job (read, preview, the page's cut
 * preview and the candidates as JSON), and the merge a confirmation writes; and a file of
 * 10,000 invalid entries to its preview. Goal (issue 18): 20,000 cards to a preview within
 * 10 s. Not a test: no assertion on time; compare the lines with each other (per card,
 * 20,000 should cost about four times 5,000: the steps are near-linear).
 */

const now = new Date('2026-11-22T04:00:00Z');
// Three timed runs after one warm-up: a 20,000-card CSV takes seconds a run.
const BENCH_OPTIONS = { iterations: 3, time: 0, warmupIterations: 1, warmupTime: 0 };
const encoder = new TextEncoder();
const backupOf = (cards: unknown[]) =>
  encoder.encode(JSON.stringify({ format: 'sim-keeper-backup', version: 1, settingsVersion: 1, cards, settings: {} }));

for (const count of [5_000, 20_000]) {
  const cards = sampleCards(count);
  const stored = { cards: cards.slice(0, count / 2), invalid: [] };
  const files = { backup: backupOf(cards), CSV: encoder.encode(cardsToCsv(cards)) };
  const options = { userTimeZone: 'Asia/Shanghai', now, existing: stored.cards };

  describe(`${count.toLocaleString('en')} cards`, () => {
    for (const [kind, bytes] of Object.entries(files)) {
      let read: Awaited<ReturnType<typeof readImportFile>> | null = null;
      const candidates = async () => {
        read ??= await readImportFile(bytes, options);
        if (!read.ok) throw new Error(read.error);
        return read.candidates;
      };
      bench(
        `${kind}: read (decode, parse, validate)`,
        async () => {
          const result = await readImportFile(bytes, options);
          if (!result.ok) throw new Error(result.error);
        },
        BENCH_OPTIONS,
      );
      bench(
        `${kind}: preview`,
        async () => {
          previewImport(stored, await candidates());
        },
        BENCH_OPTIONS,
      );
      bench(
        `${kind}: merge`,
        async () => {
          applyImport(stored, await candidates(), { mode: 'merge', keepInvalid: true });
        },
        BENCH_OPTIONS,
      );
      bench(
        `${kind}: the worker's whole job (read, preview, what the page receives)`,
        async () => {
          const result = await runImportJob({
            bytes,
            passphrase: '',
            currencyAnswers: {},
            userTimeZone: 'Asia/Shanghai',
            now,
            current: stored,
            settings: {},
          });
          if (!result.ok) throw new Error(result.error);
        },
        BENCH_OPTIONS,
      );
    }
  });
}

describe('10,000 invalid entries', () => {
  const entries = sampleCards(10_000).map(({ rule: _, ...card }) => card);
  const bytes = backupOf(entries);
  bench(
    "backup: the worker's whole job to the preview",
    async () => {
      const result = await runImportJob({
        bytes,
        passphrase: '',
        currencyAnswers: {},
        userTimeZone: 'Asia/Shanghai',
        now,
        current: { cards: [], invalid: [] },
        settings: {},
      });
      if (!result.ok || result.preview.counts.invalid !== 10_000) throw new Error('expected 10,000 invalid entries');
    },
    BENCH_OPTIONS,
  );
});
