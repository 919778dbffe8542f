// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { runs } from './property-runs';
import { join } from 'node:path';
import { cleanup, render } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupCard } from '../../components/PopupCard';
import type { Card } from '../../lib/cards/schema';
import { quickEventKind } from '../../lib/cards/countdown';
import { suggestedPrice } from '../../lib/money/price';
import { providerName } from '../../lib/providers/display-name';
import { popupFactsById } from '../../lib/providers/popup-catalog';
import { buildFirstScreen } from '../../lib/popup/first-screen';
import { popupRows } from '../../lib/popup/rows';
import { cardArbitrary } from './arbitraries';
import { makeCard } from './card-fixture';

/*
 * The popup's first paint and React's popup draw the same rows: the same
 * elements, classes, words, icons and links. React replaces the first paint
 * within a few frames; any difference would show as a jump.
 */

const ZONE = 'Asia/Shanghai';
// 10:00 on 22 November 2026 in Shanghai.
const NOW = new Date('2026-11-22T02:00:00Z');

let firstPaint: typeof import('../../entrypoints/popup/first-paint');
beforeAll(async () => {
  (globalThis as { browser?: unknown }).browser = fakeBrowser;
  firstPaint = await import('../../entrypoints/popup/first-paint');
});
afterEach(cleanup);

/**
 * What a user sees of an element: tags, classes, words, links, inline styles, and every attribute of an icon.
 * Names for screen readers (aria-label) are React's alone: the first paint is inert and aria-busy, so no
 * screen reader reads it, and its script has no bytes to spare (scripts/check-size.mjs).
 */
function shape(node: Node): unknown {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  const element = node as Element;
  const svg = element.namespaceURI === 'http://www.w3.org/2000/svg';
  const kept = [...element.attributes]
    .filter((attribute) => svg || ['class', 'href', 'style'].includes(attribute.name))
    .map((attribute) => `${attribute.name}=${attribute.value}`)
    .sort();
  // Adjacent text is one run of text, however it was split into nodes.
  const children: unknown[] = [];
  for (const child of element.childNodes) {
    const value = shape(child);
    if (typeof value === 'string' && typeof children.at(-1) === 'string') children[children.length - 1] += value;
    else if (value !== '') children.push(value);
  }
  return [element.tagName.toLowerCase(), ...kept, children];
}

/** The rows of the first screen, painted into popup.html's frame as popup-first.js does. */
async function paintedRows(cards: Card[]): Promise<unknown[] | null> {
  // The browser's zone as the first paint reads it (the process's TZ), so the view is usable.
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const view = buildFirstScreen({ cards, revision: 'r', settings: { timeZone: ZONE }, browserZone, language: 'en', now: NOW });
  if (!view) return null;
  await fakeBrowser.storage.local.set({ popupView: view, cardsRevision: 'r', settings: { timeZone: ZONE } });
  const html = readFileSync(join(__dirname, '../../entrypoints/popup/index.html'), 'utf8');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  document.body.replaceChildren(document.importNode(parsed.getElementById('first')!, true));
  const main = firstPaint.nameFrame(document.getElementById('first')!)!;
  // The view was made at NOW; the first paint checks it against the clock.
  const realNow = Date.now;
  Date.now = () => NOW.getTime();
  try {
    if (!(await firstPaint.paintFirstScreen(main))) throw new Error('the first screen was not painted');
  } finally {
    Date.now = realNow;
  }
  return [...main.querySelectorAll('li.card')].map(shape);
}

/** The same rows as the popup renders them, with the props App gives PopupCard. */
function reactRows(cards: Card[], count: number): unknown[] {
  const { rows } = popupRows(cards, NOW, ZONE);
  const noop = () => undefined;
  const { container } = render(
    <ul>
      {rows.slice(0, count).map(({ card, countdown }) => (
        <PopupCard
          key={card.id}
          card={card}
          countdown={countdown}
          providerName={providerName(card.providerId, 'en')}
          quickKind={quickEventKind(card)}
          userTimeZone={ZONE}
          language="en"
          now={NOW}
          onRenew={noop}
          onQuick={noop}
          onEdit={noop}
          onSnooze={noop}
          quickPrice={suggestedPrice(card, popupFactsById(card.providerId))}
          onOpenApp={noop}
          onCopyHotline={noop}
        />
      ))}
    </ul>,
  );
  const items = [...container.querySelectorAll('li.card')].map(shape);
  cleanup();
  return items;
}

async function expectSameRows(cards: Card[]): Promise<boolean> {
  const painted = await paintedRows(cards);
  if (painted === null) return false;
  expect(painted).toEqual(reactRows(cards, painted.length));
  return true;
}

describe('the first paint draws the rows as React does', () => {
  it('with every button, icon, price, hotline, warning, bar and snooze', async () => {
    const cards = [
      makeCard('web', {
        label: 'Purple',
        providerId: 'ultra-paygo',
        phoneNumber: '+1 555 010 1234',
        channels: { website: 'https://my.ultra.me/', app: 'https://my.ultra.me/app', hotline: '611' },
        rule: { type: 'cycle', anchorDate: '2026-10-30', period: { count: 30, unit: 'days' }, graceDays: 30 },
        history: [{ id: 'p', kind: 'renewed', date: '2026-10-30', amount: 3, currency: 'USD' }],
      }),
      makeCard('late', {
        label: 'Late',
        channels: { website: '', app: '', hotline: 'ask at the shop' },
        rule: { type: 'fixed', endDate: '2026-11-10', graceDays: 30 },
      }),
      // Lost tomorrow: "1 day" in the singular.
      makeCard('lost-tomorrow', { label: 'Lost tomorrow', rule: { type: 'fixed', endDate: '2026-11-20', graceDays: 3 } }),
      makeCard('snoozed', {
        label: 'Snoozed',
        rule: { type: 'keepAlive', anchorDate: '2026-05-25', window: { count: 6, unit: 'months' }, activities: ['call'], graceDays: 14 },
        reminders: { enabled: true, snoozedUntil: '2026-11-23T01:00:00.000Z' },
      }),
    ];
    expect(await expectSameRows(cards)).toBe(true);
    const painted = document.querySelector('#first li[data-card-id="web"]')!;
    expect(painted.querySelectorAll('svg')).toHaveLength(4);
    expect(painted.querySelector('.quick-price')!.textContent).toBe(' · $3.00');
    expect(painted.querySelector('.card-channels a')!.getAttribute('href')).toBe('tel:611');
    expect(document.querySelector('#first li[data-card-id="lost-tomorrow"] .card-warning')!.textContent).toMatch(/\b1 day\b/);
  });

  it('for any cards (seeded)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cardArbitrary, { minLength: 1, maxLength: 3 }), async (drawn) => {
        const cards = drawn.map((card, index) => ({ ...card, id: `card-${index}` }));
        fc.pre(await expectSameRows(cards));
      }),
      { seed: 2026_11_27, numRuns: runs(200) },
    );
  }, 120_000);
});
