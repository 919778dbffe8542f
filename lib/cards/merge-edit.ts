import type { Card } from './schema';

/*
 * Its own module, not lib/cards/form.ts: the popup saves through lib/store/card-actions.ts,
 * and importing the editor's form code from there put all of it in the popup's bundle.
 */

/**
 * Applies what the user changed in the editor to the freshest stored card:
 * only top-level fields that differ from what the editor started with, and
 * history as added and removed events, so a "Renewed" recorded in the popup
 * while the editor was open survives the save.
 */
export function mergeEdit(fresh: Card, original: Card, edited: Card): Card {
  const merged: Record<string, unknown> = { ...fresh };
  for (const key of Object.keys(edited) as (keyof Card)[]) {
    if (key === 'history' || key === 'updatedAt') continue;
    if (JSON.stringify(edited[key]) !== JSON.stringify(original[key])) merged[key] = edited[key];
  }
  const originalIds = new Set(original.history.map((event) => event.id));
  const editedIds = new Set(edited.history.map((event) => event.id));
  const added = edited.history.filter((event) => !originalIds.has(event.id));
  const history = [...fresh.history.filter((event) => !originalIds.has(event.id) || editedIds.has(event.id)), ...added];
  return { ...(merged as Card), history, updatedAt: edited.updatedAt };
}
