import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';

/*
 * Issue 18: 20,000 cards blocked the options page for minutes. This measures a 20,000-card
 * backup from choosing the file to its preview, and the longest task the page ran meanwhile.
 * It asserts the preview within 10 s; the longest task is reported (the file is still read
 * on the page's main thread, so it is not yet under the 200 ms the issue asks for).
 */
test('a 20,000-card backup shows its preview within 10 s', async ({ openOptions }, testInfo) => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-keeper-large-'));
  try {
    const cards = Array.from({ length: 20_000 }, (_, i) => ({
      id: `c${i}`,
      label: `Card ${i}`,
      providerId: null,
      phoneNumber: '',
      notes: '',
      timeZone: 'Asia/Shanghai',
      channels: { website: '', app: '', hotline: '' },
      rule: { type: 'cycle', anchorDate: '2026-11-01', period: { count: 30, unit: 'days' } },
      history: [{ id: `e${i}`, date: '2026-11-20', kind: 'renewed', amount: 3, currency: 'USD' }],
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    }));
    const path = join(dir, 'large.json');
    writeFileSync(path, JSON.stringify({ format: 'sim-keeper-backup', version: 1, settingsVersion: 1, cards, settings: {} }));
    const options = await openOptions();
    await options.evaluate(() => {
      const w = window as unknown as { longest: number };
      w.longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    const started = Date.now();
    await options.getByLabel('Choose a file: a SIM Keeper backup, a CSV sheet or a Wallos export').setInputFiles(path);
    await expect(options.getByText('20000 new · 0 would change · 0 identical · 0 invalid')).toBeVisible({ timeout: 10_000 });
    const elapsed = Date.now() - started;
    const longest = await options.evaluate(() => (window as unknown as { longest: number }).longest);
    testInfo.annotations.push({ type: 'timing', description: `preview after ${elapsed} ms; longest task ${Math.round(longest)} ms` });
    console.log(`20,000 cards: preview after ${elapsed} ms; longest task ${Math.round(longest)} ms`);
    expect(elapsed).toBeLessThan(10_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
