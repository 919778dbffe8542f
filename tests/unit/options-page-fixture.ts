import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import type { Card } from '../../lib/cards/schema';
import { cardsItem, settingsItem } from '../../lib/store/storage';

/** 10:00 on 22 November 2026 in Shanghai: the options page tests' clock. */
export const OPTIONS_NOW = new Date('2026-11-22T02:00:00Z');

/**
 * Called in a describe block of options page tests: each test starts with `cards` stored,
 * the Shanghai zone set, the date at OPTIONS_NOW (timers stay real) and no `#` in the
 * address; after each, the page is unmounted and the real date is back.
 */
export function storeOptionsPageBeforeEach(cards: Card[]): void {
  beforeEach(async () => {
    vi.useFakeTimers({ now: OPTIONS_NOW, toFake: ['Date'] });
    await settingsItem.setValue({ timeZone: 'Asia/Shanghai' });
    await cardsItem.setValue(cards);
    location.hash = '';
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });
}
