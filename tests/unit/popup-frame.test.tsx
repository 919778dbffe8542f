// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { GearIcon } from '../../components/icons';
import { buildFirstScreen } from '../../lib/popup/first-screen';
import { makeCard } from './card-fixture';

/*
 * The popup's frame: the header popup.html paints with the HTML, named by
 * popup-first.js before any storage read, then filled with the first screen
 * the background keeps ready (entrypoints/popup/first-paint.ts).
 */

const HTML = readFileSync(join(__dirname, '../../entrypoints/popup/index.html'), 'utf8');
/** The body of popup.html, as the browser parses it (its scripts are not run). */
function loadPopupBody(): void {
  const parsed = new DOMParser().parseFromString(HTML, 'text/html');
  for (const script of parsed.querySelectorAll('script')) script.remove();
  document.body.replaceChildren(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
}

let firstPaint: typeof import('../../entrypoints/popup/first-paint');
beforeAll(async () => {
  // The first script finds the extension API as a global (it bundles no polyfill).
  (globalThis as { browser?: unknown }).browser = fakeBrowser;
  firstPaint = await import('../../entrypoints/popup/first-paint');
});
beforeEach(loadPopupBody);

const header = () => document.querySelector('#first > main.popup > header.popup-header')!;

describe('the popup frame in popup.html', () => {
  it('is the header PopupApp renders, with the same gear icon, inert until React replaces it', () => {
    expect(document.getElementById('first')!.hasAttribute('inert')).toBe(true);
    expect(header().querySelector('img')!.getAttribute('src')).toBe('/icon/32.png');
    expect(header().querySelector('h1')!.textContent).toBe('');
    expect(header().querySelector('button.icon-button svg')!.outerHTML).toBe(renderToStaticMarkup(<GearIcon />));
  });

  it('is named in the user’s language before anything is read from storage', () => {
    const main = firstPaint.nameFrame(document.getElementById('first')!);
    expect(main).toBe(header().parentElement);
    expect(header().querySelector('h1')!.textContent).toBe('SIM Keeper');
    expect(header().querySelector('button')!.getAttribute('aria-label')).toBe('Cards and settings');
    expect(document.title).toBe('SIM Keeper');
    expect(document.documentElement.lang).toBe('en');
  });

  it('is left as it is on a page without it', () => {
    document.body.innerHTML = '<div id="first"></div>';
    expect(firstPaint.nameFrame(document.getElementById('first')!)).toBeNull();
  });
});

describe('the first screen painted into the frame', () => {
  const now = new Date();
  const cards = [
    makeCard('a', { label: 'Mum', rule: { type: 'fixed', endDate: '2999-01-01' } }),
    makeCard('b', { label: 'Work', rule: { type: 'fixed', endDate: '2998-01-01' } }),
  ];
  async function store(revision: string) {
    const view = buildFirstScreen({ cards, revision: 'rev-1', settings: {}, browserZone: firstZone(), language: 'en', now });
    await fakeBrowser.storage.local.set({ popupView: view, cardsRevision: revision });
  }
  const firstZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

  it('adds the rows below the header when the stored view is still true', async () => {
    await store('rev-1');
    const main = firstPaint.nameFrame(document.getElementById('first')!)!;
    expect(await firstPaint.paintFirstScreen(main)).toBe(true);
    expect(main.firstElementChild).toBe(header());
    expect([...main.querySelectorAll('li.card')].map((li) => li.getAttribute('aria-label'))).toEqual(['Work', 'Mum']);
    expect(main.querySelectorAll('header')).toHaveLength(1);
  });

  it('adds nothing after a change to the cards: only the frame shows until React renders', async () => {
    await store('rev-2');
    const main = firstPaint.nameFrame(document.getElementById('first')!)!;
    expect(await firstPaint.paintFirstScreen(main)).toBe(false);
    expect([...main.children]).toEqual([header()]);
  });
});
