import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { settingsItem } from '../../lib/store/storage';

/** 10:00 on 22 November 2026 in Shanghai: the popup tests' clock. */
export const NOW = new Date('2026-11-22T02:00:00Z');

/** In the calling describe: each test runs at NOW for a user in Shanghai, and its render is unmounted after. */
export function popupAtNowInShanghai(): void {
  beforeEach(async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    await settingsItem.setValue({ timeZone: 'Asia/Shanghai' });
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });
}
