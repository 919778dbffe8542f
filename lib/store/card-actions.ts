import type { Card, CardEvent, EventKind } from '../cards/schema';
import { updateCard, withEvent, withEventAmount, withoutEvent } from '../cards/ops';
import { updateCards } from './storage';
import { mergeEdit } from '../cards/form';
import type { PlainDate } from '../dates/plain-date';

/*
 * The ways pages change cards. Each is a function of the freshest stored list,
 * run inside the cards lock, so nothing here ever writes back a stale list.
 */

export function addCard(card: Card): Promise<unknown> {
  return updateCards((cards) => [...cards, card]);
}

export function saveCard(card: Card): Promise<unknown> {
  return updateCards((cards) => (cards.some((c) => c.id === card.id) ? updateCard(cards, card.id, () => card) : [...cards, card]));
}

export function deleteCard(id: string): Promise<unknown> {
  return updateCards((cards) => cards.filter((card) => card.id !== id));
}

/** Puts a deleted card back (undo), unless a card with its id exists again. */
export function restoreCard(card: Card): Promise<unknown> {
  return updateCards((cards) => (cards.some((c) => c.id === card.id) ? cards : [...cards, card]));
}

export function recordEvent(
  cardId: string,
  event: { kind: EventKind; date?: PlainDate } & Partial<Omit<CardEvent, 'kind' | 'date'>>,
  now: Date,
): Promise<unknown> {
  return updateCards((cards) => updateCard(cards, cardId, (card) => withEvent(card, event, now)));
}

export function removeEvent(cardId: string, eventId: string, now: Date): Promise<unknown> {
  return updateCards((cards) => updateCard(cards, cardId, (card) => withoutEvent(card, eventId, now)));
}

/** Sets (or, with `null`, clears) the amount of one recorded event, on the freshest stored card. */
export function setEventAmount(
  cardId: string,
  eventId: string,
  money: { amount: number; currency: string } | null,
  now: Date,
): Promise<unknown> {
  return updateCards((cards) => updateCard(cards, cardId, (card) => withEventAmount(card, eventId, money, now)));
}

/**
 * Saves an edit made from `original`: only what the editor changed is applied
 * to the freshest stored card (see mergeEdit). A card deleted meanwhile in
 * another page comes back, since the user has just asked to keep it.
 */
export function saveEditedCard(original: Card, edited: Card): Promise<unknown> {
  return updateCards((cards) =>
    cards.some((c) => c.id === original.id)
      ? updateCard(cards, original.id, (fresh) => mergeEdit(fresh, original, edited))
      : [...cards, edited],
  );
}
