// `npm run bench:popup`: how fast the popup shows its first screen, against a blank
// page of the same extension (a benchmark that prints figures, not a timed test).
//
// Builds the extension, stores N realistic cards (mixed rules, zones, providers,
// histories, lost and snoozed cards), then opens the popup and a blank extension
// page alternately in the same headless Chromium, 15 times each, and prints the
// medians of first contentful paint (FCP) and time to text (the first frame
// after the first card's countdown, or the empty-state text, is in the page)
// with their ratios to the blank page. Also prints the gzipped JavaScript each
// page loads before its first paint and in all, and at 500 cards the time from
// a click on a quick action (Renewed, Used today, Topped up) to the card's new
// countdown in the page, and to the next frame.
//
// Options: --no-build, --runs=15, --sizes=0,50,500,2000, --pause=1000 (ms between loads)
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const RUNS = Number(args.get('runs') ?? 15);
const PAUSE_MS = Number(args.get('pause') ?? 1000);
const SIZES = (args.get('sizes') ?? '0,50,500,2000').split(',').map(Number);
const DIR = resolve('.output/chrome-mv3');
const ZONE = 'Asia/Shanghai';

if (!args.has('no-build')) execSync('npx wxt build', { stdio: 'inherit' });

// The floor: an extension page with one line of text and nothing else.
writeFileSync(
  join(DIR, 'bench-blank.html'),
  '<!doctype html>\n<html lang="en"><head><meta charset="UTF-8"><title>Blank</title></head><body><p id="text">SIM Keeper</p></body></html>\n',
);

// ---- JavaScript each page loads (gzipped), following static and dynamic imports.
function scriptsOf(page) {
  const html = readFileSync(join(DIR, page), 'utf8');
  const direct = [...html.matchAll(/<script[^>]*src="(\/[^"]+\.js)"/g)].map((m) => m[1]);
  const walk = (start, dynamic) => {
    const seen = new Set();
    const queue = [...start];
    while (queue.length) {
      const path = queue.shift();
      if (seen.has(path)) continue;
      seen.add(path);
      const code = readFileSync(join(DIR, path), 'utf8');
      const pattern = dynamic
        ? /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js|\/[^"']+\.js)["']/g
        : /(?:from|import)\s*["'](\.{1,2}\/[^"']+\.js|\/[^"']+\.js)["']/g;
      for (const m of code.matchAll(pattern)) queue.push(m[1].startsWith('/') ? m[1] : join(path, '..', m[1]));
    }
    return seen;
  };
  const gz = (paths) => [...paths].reduce((sum, path) => sum + gzipSync(readFileSync(join(DIR, path)), { level: 9 }).length, 0);
  return { first: gz(walk(direct, false)), all: gz(walk(direct, true)) };
}

// ---- Realistic cards.
const PROVIDERS = ['ultra-paygo', 'giffgaff', 't-mobile-prepaid', 'three-uk', 'tello', 'us-mobile', null, 'mint', 'vodafone-uk', 'ee'];
const ZONES = ['America/Los_Angeles', 'Europe/London', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Tokyo', 'Asia/Shanghai', 'America/New_York'];
const LABELS = ['紫卡', 'giffgaff', 'Mum', 'Work', '香港卡', '遠遊卡', 'Backup', 'Travel eSIM', 'Dad', 'Office'];
const addDays = (date, days) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
function realisticCards(count, today) {
  return Array.from({ length: count }, (_, i) => {
    const anchorDate = addDays(today, -((i * 37) % 200));
    const kind = i % 6;
    const rule =
      kind === 0
        ? { type: 'cycle', anchorDate, period: { count: 30, unit: 'days' }, graceDays: 30 }
        : kind === 1
          ? { type: 'keepAlive', anchorDate, window: { count: 6, unit: 'months' }, activities: ['call', 'sms'], graceDays: 14 }
          : kind === 2
            ? { type: 'topUp', anchorDate, validity: { count: 60, unit: 'days' }, mode: 'add', capDays: 360 }
            : kind === 3
              ? { type: 'fixed', endDate: addDays(today, ((i * 13) % 120) - 30), graceDays: 10 }
              : kind === 4
                ? { type: 'cycle', anchorDate, period: { count: 1, unit: 'months' }, graceDays: 60 }
                : { type: 'pass', days: 7, startTrigger: 'manual', startDate: i % 4 ? addDays(today, -(i % 10)) : null };
    const history = Array.from({ length: i % 5 }, (_, j) => ({
      id: `e${i}-${j}`,
      date: addDays(anchorDate, 7 * (j + 1)),
      kind: kind === 1 ? 'used' : kind === 2 ? 'topped-up' : 'renewed',
      ...(j % 2 ? { amount: 3 + j, currency: 'USD' } : {}),
    }));
    return {
      id: `card-${i}`,
      label: `${LABELS[i % LABELS.length]} ${i}`,
      providerId: PROVIDERS[i % PROVIDERS.length],
      phoneNumber: `+1 555 ${String(100 + (i % 900)).padStart(3, '0')} ${String(1000 + i).slice(-4)}`,
      notes: i % 3 ? '' : 'Keep alive with a 1-minute call; the carrier counts calls only.',
      timeZone: ZONES[i % ZONES.length],
      channels: { website: 'https://my.ultra.me/', app: '', hotline: i % 2 ? '611' : '' },
      rule,
      history,
      ...(i % 9 === 0 ? { reminders: { enabled: true, snoozedUntil: new Date(Date.now() + 3 * 3600_000).toISOString() } } : {}),
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
  });
}

// ---- Measuring one page load: FCP, and the first frame after the page shows text.
const TIMING_SCRIPT = () => {
  const found = () => document.querySelector('.card-countdown, .empty h2, #text');
  const done = () => {
    if (window.__textAt !== undefined) return;
    window.__textAt = -1;
    requestAnimationFrame(() => setTimeout(() => (window.__textAt = performance.now()), 0));
    observer.disconnect();
  };
  const observer = new MutationObserver(() => {
    if (document.querySelector('#first li.card, #first .empty')) window.__painted = true;
    if (found()) done();
  });
  observer.observe(document, { childList: true, subtree: true });
};

async function loadOnce(context, url) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(url);
  await page.waitForFunction(() => window.__textAt > 0 && performance.getEntriesByName('first-contentful-paint').length > 0, null, {
    timeout: 30_000,
  });
  const result = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
    text: window.__textAt,
    painted: window.__painted === true,
  }));
  // Let the popup finish loading (React shows every card) before the next load, as a user would, so one
  // load's work in the extension's shared process and storage does not delay the next.
  if (url.endsWith('/popup.html')) {
    await page.waitForFunction(() => document.querySelector('#root main:not([aria-busy])') && !document.querySelector('#first > *'), null, {
      timeout: 60_000,
    });
  }
  await page.close();
  // A pause, as between two clicks on the toolbar button, so the extension's process is idle again.
  await new Promise((r) => setTimeout(r, PAUSE_MS));
  return result;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function quickActionLatency(context, base) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(`${base}/popup.html`);
  const samples = [];
  for (let i = 0; i < 9; i++) {
    // Wait until the React popup is interactive, then click the first card's quick action.
    await page.locator('#root li.card .card-actions button:not(.primary):not(.subtle)').first().waitFor();
    const ms = await page.evaluate(
      () =>
        new Promise((resolvePromise) => {
          const button = document.querySelector('#root li.card .card-actions button:not(.primary):not(.subtle)');
          const row = button.closest('li');
          const id = row.getAttribute('data-card-id');
          const before = row.querySelector('[data-testid="countdown"]').textContent;
          const rowNow = () => document.querySelector(`#root li[data-card-id="${CSS.escape(id)}"]`);
          const changed = () => !rowNow() || rowNow().querySelector('[data-testid="countdown"]').textContent !== before;
          const start = performance.now();
          const observer = new MutationObserver(() => {
            if (!changed()) return;
            observer.disconnect();
            const dom = performance.now() - start;
            requestAnimationFrame(() => setTimeout(() => resolvePromise({ dom, frame: performance.now() - start }), 0));
          });
          observer.observe(document.getElementById('root'), { childList: true, subtree: true, characterData: true });
          button.click();
        }),
    );
    samples.push(ms);
    if (process.env.BENCH_VERBOSE) console.log(`quick action: DOM ${ms.dom.toFixed(1)} ms, frame ${ms.frame.toFixed(1)} ms`);
    await page.waitForTimeout(300);
  }
  await page.close();
  return { dom: median(samples.map((s) => s.dom)), frame: median(samples.map((s) => s.frame)) };
}

const userDataDir = mkdtempSync(join(tmpdir(), 'sim-keeper-bench-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  locale: 'en-US',
  timezoneId: ZONE,
  env: { ...process.env, TZ: ZONE },
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--lang=en-US',
    `--disable-extensions-except=${DIR}`,
    `--load-extension=${DIR}`,
  ],
});
try {
  await context.addInitScript(TIMING_SCRIPT);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const base = `chrome-extension://${new URL(worker.url()).host}`;
  // The welcome page opened on install.
  await new Promise((r) => setTimeout(r, 1500));
  for (const page of context.pages()) if (page.url().startsWith(base)) await page.close();

  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
  const js = { popup: scriptsOf('popup.html'), blank: scriptsOf('bench-blank.html') };
  const rows = [];
  let quick = null;
  for (const n of SIZES) {
    await worker.evaluate(
      async (cards) => {
        await chrome.storage.local.set({ cards, cards$: { v: 1 } });
      },
      realisticCards(n, today),
    );
    // Let the background react to the change (reminders, badge, any cached view) as it would long before a user clicks.
    await new Promise((r) => setTimeout(r, 1500 + n));
    // Warm up both pages once (code cache), then alternate.
    await loadOnce(context, `${base}/popup.html`);
    await loadOnce(context, `${base}/bench-blank.html`);
    const popup = { fcp: [], text: [], painted: 0 };
    const blank = { fcp: [], text: [] };
    for (let i = 0; i < RUNS; i++) {
      const order = i % 2 ? ['blank', 'popup'] : ['popup', 'blank'];
      for (const which of order) {
        const r = await loadOnce(context, `${base}/${which === 'popup' ? 'popup.html' : 'bench-blank.html'}`);
        const into = which === 'popup' ? popup : blank;
        into.fcp.push(r.fcp);
        into.text.push(r.text);
        if (r.painted) popup.painted++;
      }
    }
    const row = {
      n,
      popupFcp: median(popup.fcp),
      blankFcp: median(blank.fcp),
      popupText: median(popup.text),
      painted: popup.painted,
      blankText: median(blank.text),
    };
    rows.push(row);
    console.log(
      `N=${n}: popup FCP ${row.popupFcp.toFixed(0)} ms, blank ${row.blankFcp.toFixed(0)} ms (${(row.popupFcp / row.blankFcp).toFixed(2)}×); ` +
        `text ${row.popupText.toFixed(0)} ms vs ${row.blankText.toFixed(0)} ms (${(row.popupText / row.blankText).toFixed(2)}×); first screen painted in ${row.painted} of ${RUNS} loads`,
    );
    if (n === 500) quick = await quickActionLatency(context, base);
  }

  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`\nMedian of ${RUNS} alternating loads each, headless ${ZONE}, ${today}\n`);
  console.log('| Cards | Popup FCP | Blank FCP | FCP ratio | Popup text | Blank text | Text ratio |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.n} | ${r.popupFcp.toFixed(0)} ms | ${r.blankFcp.toFixed(0)} ms | ${(r.popupFcp / r.blankFcp).toFixed(2)}× | ` +
        `${r.popupText.toFixed(0)} ms | ${r.blankText.toFixed(0)} ms | ${(r.popupText / r.blankText).toFixed(2)}× |`,
    );
  }
  console.log(
    `\nJavaScript (gzipped): popup ${kb(js.popup.first)} before first paint, ${kb(js.popup.all)} with every chunk it may load (on a click too; scripts/check-size.mjs lists each); blank page ${kb(js.blank.all)}`,
  );
  if (quick !== null) {
    console.log(
      `Quick action at 500 cards (median of 9): the row's new countdown in the page ${quick.dom.toFixed(0)} ms after the click, on screen (next frame) ${quick.frame.toFixed(0)} ms`,
    );
  }
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
