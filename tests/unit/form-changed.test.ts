import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardToForm, emptyCardForm, formToCard, type CardForm, type CardFormField } from '../../lib/cards/form';
import { formChanged } from '../../lib/cards/form-changed';
import { cardArbitrary } from './arbitraries';
import { runs } from './property-runs';

/*
 * Issue 19: leaving the editor asks first when, and only when, something would be lost. Not asking must
 * never lose anything a Save would have kept; asking about nothing teaches the user to click through.
 */

const TODAY = '2026-11-22';
const now = new Date('2026-11-22T04:00:00Z');
const base = { id: 'c1', createdAt: now.toISOString(), now };
// The fields the user types into (the others are chosen from a list, where no space can be typed).
const CHOSEN = new Set<keyof CardForm>(['ruleType', 'periodUnit', 'topUpMode', 'startTrigger', 'escalate', 'timeZone']);
const TEXT_KEYS = (Object.keys(emptyCardForm('UTC', TODAY)) as (keyof CardForm)[]).filter(
  (key) => typeof emptyCardForm('UTC', TODAY)[key] === 'string' && !CHOSEN.has(key),
) as CardFormField[];

describe('formChanged', () => {
  it('is false for the form as it opened, true for a field typed into', () => {
    const opened = { ...emptyCardForm('Asia/Shanghai', TODAY), label: '紫卡' };
    expect(formChanged(opened, { ...opened })).toBe(false);
    expect(formChanged(opened, { ...opened, notes: 'top up at the shop' })).toBe(true);
    expect(formChanged(opened, { ...opened, ruleType: 'fixed' })).toBe(true);
    expect(formChanged(opened, { ...opened, remindersEnabled: false })).toBe(true);
    expect(formChanged(opened, { ...opened, history: [{ id: 'e1', kind: 'renewed', date: TODAY }] })).toBe(true);
  });

  describe('edge cases', () => {
    it('a rule type changed and changed back is no change', () => {
      const opened = emptyCardForm('UTC', TODAY);
      expect(formChanged(opened, { ...opened, ruleType: 'pass' })).toBe(true);
      expect(formChanged(opened, { ...opened, ruleType: opened.ruleType })).toBe(false);
    });
    it('activities ticked in another order are no change; one more is', () => {
      const opened: CardForm = { ...emptyCardForm('UTC', TODAY), ruleType: 'keepAlive', activities: ['call', 'sms'] };
      expect(formChanged(opened, { ...opened, activities: ['sms', 'call'] })).toBe(false);
      expect(formChanged(opened, { ...opened, activities: ['sms', 'call', 'data'] })).toBe(true);
    });
    it('a field emptied is a change', () => {
      const opened = { ...emptyCardForm('UTC', TODAY), label: 'giffgaff' };
      expect(formChanged(opened, { ...opened, label: '' })).toBe(true);
    });
  });

  it('not changed means a Save would store exactly what is stored (nothing lost by leaving without asking)', () => {
    fc.assert(
      fc.property(
        cardArbitrary,
        fc.subarray(TEXT_KEYS),
        fc.constantFrom(' ', '  ', '\t', ' \n'),
        fc.boolean(),
        (card, padded, space, reorder) => {
          const opened = cardToForm(card, TODAY);
          const edited: CardForm = { ...opened, activities: reorder ? [...opened.activities].reverse() : opened.activities };
          for (const key of padded) edited[key] = `${space}${opened[key]}${space}`;
          expect(formChanged(opened, edited)).toBe(false);
          const before = formToCard(opened, base);
          const after = formToCard(edited, base);
          expect(after.ok).toBe(before.ok);
          if (before.ok && after.ok) {
            expect({ ...after.card, rule: { ...after.card.rule } }).toEqual({ ...before.card, rule: { ...before.card.rule } });
          }
        },
      ),
      { seed: 19_001, numRuns: runs(2000) },
    );
  });

  it('any text field given another value is a change', () => {
    fc.assert(
      fc.property(cardArbitrary, fc.constantFrom(...TEXT_KEYS), fc.string({ minLength: 1, maxLength: 8 }), (card, key, typed) => {
        const opened = cardToForm(card, TODAY);
        const value = `${opened[key]}${typed}`;
        fc.pre(value.trim() !== String(opened[key]).trim());
        expect(formChanged(opened, { ...opened, [key]: value })).toBe(true);
      }),
      { seed: 19_002, numRuns: runs(2000) },
    );
  });
});
