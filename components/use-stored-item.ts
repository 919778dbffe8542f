import { useEffect, useState } from 'react';

/*
 * Apart from hooks.ts, which the popup loads: only the options page's calendar and
 * WebDAV panels read their items this way (scripts/check-size.mjs keeps the popup small).
 */

/** The part of a WXT storage item `useStoredItem` reads. */
interface WatchableItem {
  getValue(): Promise<unknown>;
  watch(onChange: (raw: unknown) => void): () => void;
}

/** A stored item, parsed, kept fresh by storage change events; `undefined` until loaded. */
export function useStoredItem<T>(item: WatchableItem, parse: (raw: unknown) => T): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let active = true;
    const stop = item.watch((raw) => active && setValue(parse(raw)));
    void item.getValue().then((raw) => active && setValue((current) => (current === undefined ? parse(raw) : current)));
    return () => {
      active = false;
      stop();
    };
  }, [item, parse]);
  return value;
}
