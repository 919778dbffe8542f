import { openOptionsPage, openSafeLink } from '../browser/open-link';
import type { Card } from '../cards/schema';
import { linkOpenDecision, type LinkChannel, type LinkOpenDecision } from './link-decision';

/*
 * The edge of the link gate: the only module that opens a renewal page
 * (tests/unit/link-gate.test.ts fails when any other module opens a tab or
 * calls the link opener). What may open is decided by `linkOpenDecision` alone.
 */

/**
 * Opens the card's renewal page (or, with `channel` `app`, its app link) when the
 * gate allows it. A link the gate asks about opens only when `confirmedUrl` is
 * that same link (the user said yes to the confirmation that showed it). Resolves
 * to the gate's decision, so the caller can ask, or say why nothing opened.
 */
export async function openRenewalPage(
  card: Pick<Card, 'providerId' | 'channels'>,
  confirmedUrl?: string,
  channel: LinkChannel = 'website',
): Promise<LinkOpenDecision> {
  const decision = linkOpenDecision(card, card.channels[channel]);
  const allowed = decision.action === 'open' || (decision.action === 'ask' && decision.url === confirmedUrl);
  if (allowed) await openSafeLink(decision.url);
  return decision;
}

/**
 * What a notification click (or its Renew now button) opens: the renewal page
 * when the gate opens it without asking; otherwise the card in the options page,
 * where the warning about its link is shown. A notification never opens a link
 * the user has not seen, since it has no room to show where the link goes.
 */
export async function openRenewalFromNotification(
  card: Pick<Card, 'id' | 'providerId' | 'channels'> | undefined,
  /** `false` for a card that offers no renewal site (`offersRenewalSite`): its card opens instead. */
  offersSite = true,
): Promise<void> {
  const decision = card && offersSite ? linkOpenDecision(card) : null;
  if (decision?.action === 'open') await openSafeLink(decision.url);
  else await openOptionsPage(card?.id);
}
