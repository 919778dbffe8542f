import type { Card } from './schema';

/**
 * Whether "Open renewal site" is offered for `card` (popup, first screen,
 * notification): only where paying on the carrier's site moves the deadline.
 *
 * - `cycle`, `topUp`, `fixed`: yes, paying or topping up renews (a fixed end
 *   date is often extended or bought again there).
 * - `keepAlive`: only when a top-up is the one activity that keeps the number
 *   (listed alone); where a call, a text or data use also counts (giffgaff), the
 *   card is kept by using it, and the popup offers "Used today" instead.
 * - `pass`: not before it has started (there is nothing to renew yet).
 *
 * And never without an `https:` page to open.
 *
 * @example
 * offersRenewalSite({ rule: { type: 'keepAlive', activities: ['call'], … }, channels: { website: 'https://…' } })
 * //=> false
 */
export function offersRenewalSite(card: Pick<Card, 'rule' | 'channels'>): boolean {
  if (!card.channels.website) return false;
  const { rule } = card;
  switch (rule.type) {
    case 'keepAlive':
      return rule.activities?.length === 1 && rule.activities[0] === 'top-up';
    case 'pass':
      return rule.startDate !== null;
    default:
      return true;
  }
}
