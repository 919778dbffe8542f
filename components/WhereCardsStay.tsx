import { useEffect, useState } from 'react';
import { t } from '../lib/browser/i18n';
import { calendarAccountItem, syncPrefsItem } from '../lib/store/storage';
import { whereCardsStayKey } from '../lib/sync/where-cards-stay';

/**
 * Where the user's cards go, in one sentence that follows sync and the calendar as
 * they are switched on and off; `null` until the stored state is read (so the
 * popup's first paint, drawn without it, matches React's first render).
 */
export function useWhereCardsStay(): string | null {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    const update = async () => {
      const [prefs, account] = await Promise.all([syncPrefsItem.getValue(), calendarAccountItem.getValue()]);
      if (active) setText(t(whereCardsStayKey(prefs, account)));
    };
    void update();
    const stops = [syncPrefsItem.watch(() => void update()), calendarAccountItem.watch(() => void update())];
    return () => {
      active = false;
      for (const stop of stops) stop();
    };
  }, []);
  return text;
}

/** The sentence as a paragraph, once known. */
export function WhereCardsStay() {
  const text = useWhereCardsStay();
  return text ? <p data-testid="where-cards-stay">{text}</p> : null;
}
