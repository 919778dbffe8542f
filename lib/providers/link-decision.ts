import { toUnicode } from 'punycode/punycode.es6.js';
import { linkProblem, type LinkProblem } from '../browser/links';
import type { Card } from '../cards/schema';
import { providerById } from './catalog';
import { isOfficialHost } from './official-host';

/*
 * The one gate every road to a renewal page goes through, so that a phishing
 * check added or fixed here protects every road at once and none can be forgotten:
 * the popup's Renew, a notification's click and its Renew now button, and the
 * options page all ask `linkOpenDecision` and do what it says. Only
 * `open-renewal.ts` acts on the answer; a unit test fails when anything else
 * opens a tab.
 */

/** Characters that reorder how text is shown without being seen: U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** Whether `text` holds a character that changes the order text is shown in. */
export function hasBidiControls(text: string): boolean {
  return new RegExp(BIDI_CONTROLS.source).test(text);
}

/**
 * `text` with every bidirectional control shown as its code point (`⟦U+202E⟧`), so
 * `https://evil.tld/‮moc.elibomartlu.www` cannot read as an Ultra link.
 */
export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `⟦U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟧`);
}

/** A link as the confirmation shows it: the host the browser will really go to. */
export interface LinkDisplay {
  /** The host as the browser resolves it, in ASCII (IDN in punycode): `xn--gffgaff-3ve.com`. */
  host: string;
  /** The same host in Unicode, when it differs from `host` (an IDN): `gіffgaff.com`. */
  unicodeHost: string | null;
  /** The whole link as the browser will load it, with any bidirectional control made visible. */
  url: string;
}

/**
 * How to show `url` to someone about to decide whether to open it: the host the
 * browser resolves (URL's own ASCII serialisation, so an IDN comes out in
 * punycode), its Unicode form beside it, and no invisible reordering.
 *
 * @example
 * linkDisplay('https://gіffgaff.com/') //=> { host: 'xn--gffgaff-3ve.com', unicodeHost: 'gіffgaff.com', url: 'https://xn--gffgaff-3ve.com/' }
 */
export function linkDisplay(url: string): LinkDisplay {
  const parsed = new URL(url.trim());
  const host = parsed.hostname;
  let unicodeHost: string | null = null;
  try {
    const unicode = toUnicode(host);
    if (unicode !== host) unicodeHost = showBidiControls(unicode);
  } catch {
    // A label that is not valid punycode: the ASCII form is all there is to show.
  }
  // `href` percent-encodes what a path hides; the original text is checked too, should a control survive.
  return { host, unicodeHost, url: showBidiControls(parsed.href) };
}

/** Why a link waits for the user's confirmation. */
export type AskReason =
  /** The card's provider is known and the link is not on its official domains. */
  | 'unofficial'
  /** The link hides bidirectional control characters. */
  | 'hidden-characters'
  /** The card has no known provider and the host is an international (punycode) name. */
  | 'international-host';

/** Which of a card's links: its renewal page (`website`) or its carrier app's page (`app`). */
export type LinkChannel = 'website' | 'app';

/** What to do with a renewal link. */
export type LinkOpenDecision =
  | { action: 'open'; url: string }
  | { action: 'ask'; url: string; reason: AskReason; display: LinkDisplay; providerId: string | null }
  | { action: 'refuse'; reason: LinkProblem };

/**
 * Whether `url` (by default the card's renewal page) may open without asking:
 * - `refuse`: not a link SIM Keeper opens at all (empty, not `https:`, a user name in it);
 * - `ask`: off the official domains of the card's provider, or with hidden bidirectional
 *   controls, or an international host on a card without a known provider; the
 *   confirmation shows `display`. A notification never asks: it opens the card instead;
 * - `open`: an official page of the card's provider, or a plain `https:` link on a
 *   card without one (the user typed it and nothing disguises it).
 *
 * @example
 * linkOpenDecision(giffgaffCard, 'https://www.giffgaff.com/topup') //=> { action: 'open', … }
 * linkOpenDecision(giffgaffCard, 'https://giffgaff-topup.com/') //=> { action: 'ask', reason: 'unofficial', … }
 * linkOpenDecision(giffgaffCard, 'javascript:alert(1)') //=> { action: 'refuse', reason: 'not-https' }
 */
export function linkOpenDecision(card: Pick<Card, 'providerId' | 'channels'>, url: string = card.channels.website): LinkOpenDecision {
  const problem = linkProblem(url);
  if (problem !== null) return { action: 'refuse', reason: problem };
  const trimmed = url.trim();
  const provider = providerById(card.providerId);
  const ask = (reason: AskReason): LinkOpenDecision => ({
    action: 'ask',
    url: trimmed,
    reason,
    display: linkDisplay(trimmed),
    providerId: provider?.id ?? null,
  });
  if (hasBidiControls(trimmed)) return ask('hidden-characters');
  const host = new URL(trimmed).hostname;
  if (provider) return isOfficialHost(host, provider.officialDomains) ? { action: 'open', url: trimmed } : ask('unofficial');
  if (host.split('.').some((label) => label.startsWith('xn--'))) return ask('international-host');
  return { action: 'open', url: trimmed };
}
