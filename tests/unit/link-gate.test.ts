import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { hasBidiControls, linkDisplay, linkOpenDecision, showBidiControls } from '../../lib/providers/link-decision';
import { openRenewalFromNotification, openRenewalPage } from '../../lib/providers/open-renewal';

const giffgaff = (website: string) => ({ id: 'gg', providerId: 'giffgaff', channels: { website, app: '', hotline: '' } });
const ultra = (website: string) => ({ id: 'ultra', providerId: 'ultra-paygo', channels: { website, app: '', hotline: '' } });
const noProvider = (website: string) => ({ id: 'mine', providerId: null, channels: { website, app: '', hotline: '' } });

describe('linkOpenDecision: the one gate', () => {
  it.each([
    ['https://www.giffgaff.com/topup', 'open'],
    ['https://giffgaff.com/', 'open'],
    ['https://giffgaff-topup.com/', 'ask'],
    ['https://giffgaff.com.evil.tld/', 'ask'],
    ['https://gіffgaff.com/', 'ask'], // Cyrillic і
    ['https://xn--gffgaff-rog.com/', 'ask'],
    ['https://giffgaff.com@evil.tld/', 'refuse'],
    ['http://www.giffgaff.com/', 'refuse'],
    ['javascript:alert(1)', 'refuse'],
    ['', 'refuse'],
  ])('a giffgaff card with %s: %s', (url, action) => {
    expect(linkOpenDecision(giffgaff(url)).action).toBe(action);
  });

  it('asks about an unofficial link, and shows the host the browser will really load', () => {
    const decision = linkOpenDecision(giffgaff('https://giffgaff.com.evil.tld/top-up'));
    expect(decision).toMatchObject({
      action: 'ask',
      reason: 'unofficial',
      providerId: 'giffgaff',
      display: { host: 'giffgaff.com.evil.tld', unicodeHost: null, url: 'https://giffgaff.com.evil.tld/top-up' },
    });
  });

  it('shows a look-alike IDN host in punycode, with its Unicode form beside it', () => {
    const decision = linkOpenDecision(giffgaff('https://gіffgaff.com/'));
    expect(decision.action === 'ask' && decision.display).toEqual({
      host: 'xn--gffgaff-rog.com',
      unicodeHost: 'gіffgaff.com',
      url: 'https://xn--gffgaff-rog.com/',
    });
  });

  it('a right-to-left override cannot make a link read as an Ultra link', () => {
    const url = 'https://evil.tld/\u202Emoc.elibomartlu.www';
    const decision = linkOpenDecision(ultra(url));
    expect(decision).toMatchObject({ action: 'ask', reason: 'hidden-characters', display: { host: 'evil.tld' } });
    if (decision.action !== 'ask') return;
    expect(hasBidiControls(decision.display.url)).toBe(false);
    expect(decision.display.url.startsWith('https://evil.tld/')).toBe(true);
    // The same trick on a card without a provider is asked about too.
    expect(linkOpenDecision(noProvider(url))).toMatchObject({ action: 'ask', reason: 'hidden-characters' });
  });

  it.each(['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'])(
    'makes U+%s visible',
    (control) => {
      const code = control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      expect(showBidiControls(`a${control}b`)).toBe(`a⟦U+${code}⟧b`);
      expect(hasBidiControls(`x${control}`)).toBe(true);
    },
  );

  it('a card without a provider opens a plain https link, and asks about an international host', () => {
    expect(linkOpenDecision(noProvider('https://example.org/renew'))).toEqual({ action: 'open', url: 'https://example.org/renew' });
    expect(linkOpenDecision(noProvider('https://gіffgaff.com/'))).toMatchObject({ action: 'ask', reason: 'international-host' });
  });

  it('linkDisplay leaves an ASCII host alone', () => {
    expect(linkDisplay('https://my.ultra.me/pay')).toEqual({ host: 'my.ultra.me', unicodeHost: null, url: 'https://my.ultra.me/pay' });
  });
});

describe('the gate edge', () => {
  // fakeBrowser starts with one blank tab; only the tabs opened since count.
  const opened = () => fakeBrowser.tabs.query({}).then((tabs) => tabs.flatMap((tab) => (tab.url ? [tab.url] : [])));

  it('opens an official page; opens an unofficial one only with the same link confirmed', async () => {
    await openRenewalPage(giffgaff('https://www.giffgaff.com/'));
    expect(await opened()).toEqual(['https://www.giffgaff.com/']);
    const lookalike = giffgaff('https://giffgaff-topup.com/');
    await openRenewalPage(lookalike);
    await openRenewalPage(lookalike, 'https://another.example/');
    expect(await opened()).toEqual(['https://www.giffgaff.com/']);
    await openRenewalPage(lookalike, 'https://giffgaff-topup.com/');
    expect(await opened()).toEqual(['https://www.giffgaff.com/', 'https://giffgaff-topup.com/']);
  });

  it.each([
    'https://giffgaff-topup.com/',
    'https://giffgaff.com.evil.tld/',
    'https://gіffgaff.com/',
    'https://evil.tld/\u202Emoc.elibomartlu.www',
  ])('a notification for a card linking to %s opens the card in the options page, not the link', async (url) => {
    await openRenewalFromNotification(giffgaff(url));
    const urls = await opened();
    expect(urls).toHaveLength(1);
    expect(urls[0]).toMatch(/\/options\.html#card=gg$/);
  });

  it('a notification for an official link opens it', async () => {
    await openRenewalFromNotification(giffgaff('https://www.giffgaff.com/'));
    expect(await opened()).toEqual(['https://www.giffgaff.com/']);
  });
});

/*
 * Like refined-github's rule for its tab-opening wrapper: nothing but the gate's
 * edge opens a link. A new caller of tabs.create or openSafeLink fails here.
 */
describe('every way to a renewal page goes through the gate', () => {
  const roots = ['lib', 'components', 'entrypoints'];
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path);
      return /\.(tsx?|html)$/.test(name) ? [path] : [];
    });
  const files = roots.flatMap((root) => walk(root));
  const callers = (pattern: RegExp) => files.filter((file) => pattern.test(readFileSync(file, 'utf8')));

  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it('only lib/browser/open-link.ts calls tabs.create', () => {
    expect(callers(/tabs\s*\.\s*create\b/)).toEqual(['lib/browser/open-link.ts']);
  });

  it('only the gate edge (lib/providers/open-renewal.ts) uses openSafeLink', () => {
    expect(callers(/\bopenSafeLink\b/).sort()).toEqual(['lib/browser/open-link.ts', 'lib/providers/open-renewal.ts']);
  });

  it('only lib/browser/open-link.ts opens a window (when the browser has none for a tab)', () => {
    expect(callers(/windows\s*\.\s*create\b/)).toEqual(['lib/browser/open-link.ts']);
  });

  it('only lib/browser/open-link.ts points a tab elsewhere (an open options tab, sent to a card)', () => {
    expect(callers(/tabs\s*\.\s*update\b/)).toEqual(['lib/browser/open-link.ts']);
  });

  it('nothing opens links by other means', () => {
    expect(callers(/window\s*\.\s*open\s*\(|target=["']_blank|location\s*\.\s*(href|assign|replace)\b/)).toEqual([]);
  });
});
