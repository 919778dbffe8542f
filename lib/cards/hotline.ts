/**
 * A `tel:` link for a hotline as people write it ("611", "+44 333 000 0000",
 * "*100#"), or `null` when there is no number to dial in it ("see the app").
 * Of the first number written, only digits, a leading `+`, `*` and `#` are kept; `#` is escaped, since in a
 * URL it would start a fragment.
 *
 * @example
 * telHref('+1 (888) 777-0446') //=> 'tel:+18887770446'
 * telHref('*100#') //=> 'tel:*100%23'
 */
export function telHref(hotline: string): string | null {
  // The first number written in it: "611 or +1 888 777 0446" dials 611.
  const text = /(?:\+|\(\d+\)|[\d*#])(?:[\d*#\s.-]|\(\d+\))*/.exec(hotline)?.[0] ?? '';
  if (!/\d/.test(text)) return null;
  const plus = text.startsWith('+') ? '+' : '';
  const dial = text.replace(/[^\d*#]/g, '');
  return `tel:${plus}${dial.replace(/#/g, '%23')}`;
}
