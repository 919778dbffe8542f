import type { Card, CardEvent, EventKind } from './schema';
import { plainDateInZone, type PlainDate } from '../dates/plain-date';

/** A fresh random id for a card or an event. */
export function newId(): string {
  return crypto.randomUUID();
}

/**
 * The card with one more event in its history. The event is dated on the day it
 * happened in the card's own zone, because that is the calendar the carrier counts on.
 */
export function withEvent(
  card: Card,
  event: { kind: EventKind; date?: PlainDate } & Partial<Omit<CardEvent, 'kind' | 'date'>>,
  now: Date,
): Card {
  const { id = newId(), date = plainDateInZone(now, card.timeZone), ...rest } = event;
  const recorded: CardEvent = { ...rest, id, date };
  return { ...card, history: [...card.history, recorded], updatedAt: now.toISOString() };
}

/** The card without the event `eventId` (a mistaken "Renewed", say); the deadline follows. */
export function withoutEvent(card: Card, eventId: string, now: Date): Card {
  return { ...card, history: card.history.filter((event) => event.id !== eventId), updatedAt: now.toISOString() };
}

/**
 * The card with the amount of one event changed (the amount a quick "Renewed"
 * recorded, corrected). `null` clears the amount and its currency. An event
 * removed meanwhile leaves the card as it was.
 */
export function withEventAmount(card: Card, eventId: string, money: { amount: number; currency: string } | null, now: Date): Card {
  if (!card.history.some((event) => event.id === eventId)) return card;
  const history = card.history.map((event) => {
    if (event.id !== eventId) return event;
    const { amount: _amount, currency: _currency, ...rest } = event;
    return money === null ? rest : { ...rest, amount: money.amount, currency: money.currency };
  });
  return { ...card, history, updatedAt: now.toISOString() };
}

/** Replaces the card with the same id, leaving every other card object as it was. */
export function replaceCard(cards: Card[], card: Card): Card[] {
  return cards.map((existing) => (existing.id === card.id ? card : existing));
}

/** Applies `change` to the card `id` only; other cards are returned untouched. */
export function updateCard(cards: Card[], id: string, change: (card: Card) => Card): Card[] {
  return cards.map((existing) => (existing.id === id ? change(existing) : existing));
}

/** The number masked to its last four digits, for a glance that leaks little. */
export function maskPhoneNumber(phoneNumber: string): string {
  const digits = phoneNumber.replace(/\D/g, '');
  if (digits.length === 0) return '';
  return `•••• ${digits.slice(-4)}`;
}
