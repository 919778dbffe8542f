import type { Card } from '../cards/schema';
import { cardSchema } from '../cards/schema';
import { editedCard, formToCard, type CardForm, type FormResult } from '../cards/form';
import { providerById } from './catalog';
import { overriddenFields } from './template';

/** What the editor needs besides the form to build a card. */
export interface EditorBase {
  id: string;
  createdAt: string;
  now: Date;
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The card the editor saves. For a new card (`original` null), the card built
 * from the form. For an edit, the stored card with only what the user changed
 * (see editedCard): with nothing changed, `original` itself; otherwise the
 * changed fields, `updatedAt`, and `overrides` (the catalog fields the user
 * made their own, so a later catalog keeps them) when they differ.
 *
 * @example
 * cardFromEditor(card, cardToForm(card, today), { ...cardToForm(card, today), notes: 'SIM in drawer' }, base)
 * //=> { ok: true, card: { ...card, notes: 'SIM in drawer', updatedAt: base.now.toISOString() } }
 */
export function cardFromEditor(original: Card | null, initial: CardForm, form: CardForm, base: EditorBase): FormResult {
  const result = formToCard(form, { ...base, reminders: original?.reminders, overrides: original?.overrides });
  if (!result.ok) return result;
  const card = original ? editedCard(original, initial, form, result.card) : result.card;
  if (card === original) return { ok: true, card };
  const provider = providerById(card.providerId);
  const overrides = provider ? overriddenFields(card, provider) : card.overrides;
  const withOverrides = sameList(overrides, card.overrides) ? card : { ...card, overrides };
  // The schema is the last word: a mix of stored and edited fields is saved only if it reads back.
  if (!cardSchema.safeParse(withOverrides).success) return { ok: false, errors: { label: 'form_errorUnknown' } };
  return { ok: true, card: withOverrides };
}
