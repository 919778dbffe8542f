import type { Period } from '../cards/schema';

/** The day every entry was last checked against its `source`, unless its own notes say otherwise. */
export const CHECKED = '2026-11-22';

/** A period of `count` days, for catalog entries. */
export function days(count: number): Period {
  return { count, unit: 'days' };
}

/** A period of `count` calendar months, for catalog entries. */
export function months(count: number): Period {
  return { count, unit: 'months' };
}
