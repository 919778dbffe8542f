import { useEffect, useState } from 'react';
import { resolveSettings, type Settings } from '../lib/store/settings-schema';
import { browserTimeZone } from '../lib/dates/plain-date';
import { loadCards, loadSettings, watchCards, watchSettings, type CardsSnapshot, type SettingsSnapshot } from '../lib/store/storage';

/**
 * A stored value: loaded once, then kept fresh through storage change events
 * from every page and the background. `null` until the first load.
 */
function useStored<T>(load: () => Promise<T>, watch: (onChange: (value: T) => void) => () => void): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let active = true;
    const unwatch = watch((next) => active && setValue(next));
    // A change that arrives before the first load wins over it.
    void load().then((first) => active && setValue((current) => current ?? first));
    return () => {
      active = false;
      unwatch();
    };
  }, [load, watch]);
  return value;
}

/** The stored cards, kept fresh. */
export function useCardsSnapshot(): CardsSnapshot | null {
  return useStored(loadCards, watchCards);
}

export interface SettingsState {
  stored: SettingsSnapshot | null;
  settings: Settings;
}

/** The user's settings with defaults filled in, kept fresh like the cards. */
export function useSettings(): SettingsState {
  const stored = useStored(loadSettings, watchSettings);
  return { stored, settings: resolveSettings(stored?.settings ?? {}, browserTimeZone()) };
}

/** The current time, refreshed every `everyMs` so countdowns roll over at midnight while a page is open. */
export function useNow(everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
