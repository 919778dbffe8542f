import { BAD_DATE_INPUT } from '../lib/cards/form';
import { MAX_PLAIN_DATE, MIN_PLAIN_DATE } from '../lib/dates/plain-date';

/** The range a date field offers, the same the card schema accepts. */
export const DATE_INPUT_RANGE = { min: MIN_PLAIN_DATE, max: MAX_PLAIN_DATE } as const;

/**
 * What a `<input type="date">` holds, as the form keeps it. A browser gives `''`
 * both for an empty field and for text it cannot read as a date (`02/30/2026`);
 * the second is kept as `BAD_DATE_INPUT`, so the message says "not a real date",
 * not "required".
 */
export function typedDate(input: HTMLInputElement): string {
  return input.value === '' && input.validity?.badInput ? BAD_DATE_INPUT : input.value;
}

/**
 * The value to give back to the date input. `BAD_DATE_INPUT` goes back as `''`,
 * which is what the input already holds, so React leaves the user's half-typed text alone.
 */
export function shownDate(value: string): string {
  return value === BAD_DATE_INPUT ? '' : value;
}
