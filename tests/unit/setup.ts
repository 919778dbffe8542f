import { configure } from '@testing-library/dom';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../../public/_locales/en/messages.json';

type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/**
 * Chrome's `i18n.getMessage` over the real English catalog, which fakeBrowser
 * does not implement: named placeholders resolve to `$1`… and then to the
 * substitutions, so tests read exactly what an English user reads.
 */
export function getMessageFrom(catalog: Catalog, key: string, substitutions?: string | string[]): string {
  const entry = catalog[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const withNamed = entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name: string) => {
    const placeholder = Object.entries(entry.placeholders ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
    return placeholder ? placeholder[1].content : whole;
  });
  return withNamed.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => getMessageFrom(en as Catalog, key, subs)) as never;
  fakeBrowser.i18n.getUILanguage = () => 'en';
});

// findBy…/waitFor wait for the page's state, not for a time: on two cores busy with other work a render can
// take well over the library's 1 s default, so the cap is generous (a state that never comes still fails).
configure({ asyncUtilTimeout: 10_000 });
