import { useEffect, useState } from 'react';
import { resolveSettings, type Settings } from '../lib/settings-schema';
import { browserTimeZone } from '../lib/plain-date';
import { loadCards, loadSettings, watchCards, watchSettings, type CardsSnapshot, type SettingsSnapshot } from '../lib/storage';

/** The stored cards, kept fresh through storage change events from every page and the background. */
export function useCardsSnapshot(): CardsSnapshot | null {
  const [snapshot, setSnapshot] = useState<CardsSnapshot | null>(null);
  useEffect(() => {
    let active = true;
    const unwatch = watchCards((next) => active && setSnapshot(next));
    void loadCards().then((first) => active && setSnapshot((current) => current ?? first));
    return () => {
      active = false;
      unwatch();
    };
  }, []);
  return snapshot;
}

export interface SettingsState {
  stored: SettingsSnapshot | null;
  settings: Settings;
}

/** The user's settings with defaults filled in, kept fresh like the cards. */
export function useSettings(): SettingsState {
  const [stored, setStored] = useState<SettingsSnapshot | null>(null);
  useEffect(() => {
    let active = true;
    const unwatch = watchSettings((next) => active && setStored(next));
    void loadSettings().then((first) => active && setStored((current) => current ?? first));
    return () => {
      active = false;
      unwatch();
    };
  }, []);
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
