import type { Card, CardEvent, EventKind } from '../cards/schema';
import { updateCard, withEvent, withEventAmount, withoutEvent } from '../cards/ops';
import { updateCards } from './storage';
import { mergeEdit } from '../cards/merge-edit';
import { mergeCardCopies } from '../cards/merge';
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

/**
 * Deletes the card `id`, and resolves to the card exactly as it was stored at the
 * moment of deletion (inside the lock), or `null` when it was already gone. Undo
 * must restore that copy, not the one the page showed: a "Renewed" recorded in the
 * popup a moment before the deletion is in it.
 */
export async function deleteCard(id: string): Promise<Card | null> {
  let deleted: Card | null = null;
  await updateCards((cards) => {
    deleted = cards.find((card) => card.id === id) ?? null;
    return cards.filter((card) => card.id !== id);
  });
  return deleted;
}

/**
 * Puts a deleted card back (undo). When a copy of it exists again meanwhile (restored
 * in another page, or brought back by an edit saved after the deletion), the two are
 * merged by the one merge of lib/cards/merge.ts, so nothing recorded in either is lost.
 */
export function restoreCard(card: Card): Promise<unknown> {
  return updateCards((cards) =>
    cards.some((c) => c.id === card.id) ? updateCard(cards, card.id, (present) => mergeCardCopies(present, card)) : [...cards, card],
  );
}

/**
 * Records an event on the card `cardId`. Resolves to `false` when the card is no
 * longer stored (deleted in another page a moment before): nothing is recorded,
 * and the caller must say so rather than let the user believe it was.
 */
export async function recordEvent(
  cardId: string,
  event: { kind: EventKind; date?: PlainDate } & Partial<Omit<CardEvent, 'kind' | 'date'>>,
  now: Date,
): Promise<boolean> {
  let found = false;
  await updateCards((cards) =>
    updateCard(cards, cardId, (card) => {
      found = true;
      return withEvent(card, event, now);
    }),
  );
  return found;
}

export function removeEvent(cardId: string, eventId: string, now: Date): Promise<unknown> {
  return updateCards((cards) => updateCard(cards, cardId, (card) => withoutEvent(card, eventId, now)));
}

/** Why an edit was not saved: the card was deleted in another page while the editor was open. */
export class CardDeletedError extends Error {
  constructor(readonly cardId: string) {
    super(`The card ${cardId} was deleted in another page`);
    this.name = 'CardDeletedError';
  }
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
 * another page is not silently brought back: this rejects with CardDeletedError,
 * and the editor asks whether to save the form as a new card or discard it.
 */
export function saveEditedCard(original: Card, edited: Card): Promise<unknown> {
  return updateCards((cards) => {
    if (!cards.some((c) => c.id === original.id)) throw new CardDeletedError(original.id);
    return updateCard(cards, original.id, (fresh) => mergeEdit(fresh, original, edited));
  });
}
