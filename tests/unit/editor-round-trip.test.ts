import fc from 'fast-check';
import { runs } from './property-runs';
import { describe, expect, it } from 'vitest';
import { cardToForm, type CardForm } from '../../lib/cards/form';
import { cardSchema, type Card } from '../../lib/cards/schema';
import { keepStoredForm } from '../../lib/cards/stored-form';
import { cardDeadlines } from '../../lib/cards/deadlines';
import { cardFromEditor } from '../../lib/providers/editor-save';
import { saveEditedCard } from '../../lib/store/card-actions';
import { cardsItem, loadCards } from '../../lib/store/storage';
import { storedCard } from './stored-card-arbitrary';

/*
 * "The editor never drops what it does not show": a stored card opened in the
 * editor and saved gives back what was stored, field for field, including fields
 * this version does not know; an edit of one field changes that field only.
 */

const today = '2026-11-27';
const now = new Date('2026-11-27T03:00:00.000Z');
const SEED = 20261127;

/** Opens `raw` in the editor, applies `edit` to the form, saves: what would be stored. */
function saveThroughEditor(raw: Record<string, unknown>, edit: (form: CardForm) => CardForm): { stored: unknown; card: Card } {
  const parsed = cardSchema.parse(raw);
  const initial = cardToForm(parsed, today);
  const result = cardFromEditor(parsed, initial, edit(initial), { id: parsed.id, createdAt: parsed.createdAt, now });
  if (!result.ok) throw new Error(`the editor refused a stored card: ${JSON.stringify(result.errors)}`);
  return { stored: keepStoredForm(raw, parsed, result.card), card: result.card };
}

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe('stored card → editor → card', () => {
  it('with nothing edited gives back the same card, for 10,000 random stored cards', () => {
    fc.assert(
      fc.property(storedCard, (raw) => {
        const { stored } = saveThroughEditor(raw, (form) => form);
        expect(stored).toEqual(raw);
      }),
      { seed: SEED, numRuns: runs(10_000) },
    );
  }, 120_000);

  it('an edit of the notes changes the notes, updatedAt and (as designed) overrides, nothing else', () => {
    fc.assert(
      fc.property(storedCard, fc.string({ minLength: 1, maxLength: 40 }), (raw, text) => {
        const notes = `edited: ${text}`.trim();
        fc.pre(notes !== String(raw.notes).trim());
        const { stored, card } = saveThroughEditor(raw, (form) => ({ ...form, notes }));
        const after = json(stored);
        expect(after.notes).toBe(notes);
        expect(after.updatedAt).toBe(now.toISOString());
        expect(after.overrides).toEqual(card.overrides);
        const rest = (value: Record<string, unknown>) => {
          const { notes: _n, updatedAt: _u, overrides: _o, ...others } = value;
          return others;
        };
        expect(rest(after)).toEqual(rest(raw));
      }),
      { seed: SEED + 1, numRuns: runs(2_000) },
    );
  }, 60_000);

  it('an edit of one rule field changes that rule field only, keeping unknown rule fields', () => {
    fc.assert(
      fc.property(storedCard, fc.integer({ min: 0, max: 3650 }), (raw, graceDays) => {
        const { stored } = saveThroughEditor(raw, (form) => ({ ...form, graceDays: String(graceDays) }));
        const rule = raw.rule as Record<string, unknown>;
        fc.pre(rule.graceDays !== graceDays);
        expect((json(stored).rule as Record<string, unknown>).graceDays).toBe(graceDays);
        expect({ ...(json(stored).rule as object), graceDays: undefined }).toEqual({ ...rule, graceDays: undefined });
      }),
      { seed: SEED + 2, numRuns: runs(2_000) },
    );
  }, 60_000);

  it('stored through the real storage, with nothing edited, the stored array is unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(storedCard, { minLength: 1, maxLength: 3, selector: (c) => c.id }), async (raws) => {
        await cardsItem.setValue(raws);
        const { cards } = await loadCards();
        const target = cards[0]!;
        const initial = cardToForm(target, today);
        const result = cardFromEditor(target, initial, { ...initial }, { id: target.id, createdAt: target.createdAt, now });
        if (!result.ok) throw new Error('refused');
        await saveEditedCard(target, result.card);
        expect(await cardsItem.getValue()).toEqual(raws);
      }),
      { seed: SEED + 3, numRuns: runs(300) },
    );
  }, 60_000);

  describe('examples', () => {
    const giffgaff = {
      id: 'gg',
      label: 'giffgaff',
      providerId: 'giffgaff',
      phoneNumber: '',
      notes: '',
      timeZone: 'Europe/London',
      channels: { website: 'https://www.giffgaff.com/', app: '', hotline: '' },
      rule: { type: 'keepAlive', anchorDate: '2026-03-01', window: { count: 6, unit: 'months' }, activities: ['call', 'sms'] },
      history: [{ id: 'e1', date: '2026-06-01', kind: 'used', activity: 'data' }],
      createdAt: '2026-03-01T00:00:00.000Z',
      updatedAt: '2026-03-01T00:00:00.000Z',
    };

    it('a keep-alive card keeps its activities when only the notes change, so data use still does not count', async () => {
      await cardsItem.setValue([giffgaff]);
      const [card] = (await loadCards()).cards;
      const initial = cardToForm(card!, today);
      expect(initial.activities).toEqual(['call', 'sms']);
      const result = cardFromEditor(
        card!,
        initial,
        { ...initial, notes: 'SIM in the drawer' },
        { id: 'gg', createdAt: card!.createdAt, now },
      );
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      await saveEditedCard(card!, result.card);
      const [saved] = (await loadCards()).cards;
      expect(saved!.rule).toEqual(giffgaff.rule);
      expect(saved!.notes).toBe('SIM in the drawer');
      // A data session is not a qualifying activity: the deadline stays six months from the anchor.
      expect(cardDeadlines(saved!)?.dueDate).toBe(cardDeadlines(card!)?.dueDate);
    });

    it('ticking an activity in the editor stores it; clearing every box stores none (every activity counts)', () => {
      const parsed = cardSchema.parse(giffgaff);
      const initial = cardToForm(parsed, today);
      const base = { id: 'gg', createdAt: parsed.createdAt, now };
      const more = cardFromEditor(parsed, initial, { ...initial, activities: ['call', 'sms', 'top-up'] }, base);
      expect(more.ok && more.card.rule).toMatchObject({ activities: ['call', 'sms', 'top-up'] });
      const none = cardFromEditor(parsed, initial, { ...initial, activities: [] }, base);
      expect(none.ok && 'activities' in none.card.rule).toBe(false);
    });

    it('fields of a newer version survive an edit, at every level', async () => {
      const newer = {
        ...giffgaff,
        esim: { iccid: '8944' },
        channels: { ...giffgaff.channels, whatsapp: '+44 7000' },
        rule: { ...giffgaff.rule, rolloverDays: 30 },
        reminders: { enabled: true, quietHours: [22, 7] },
        history: [{ ...giffgaff.history[0], source: 'sms' }],
      };
      await cardsItem.setValue([newer]);
      const [card] = (await loadCards()).cards;
      const initial = cardToForm(card!, today);
      const result = cardFromEditor(card!, initial, { ...initial, label: 'giffgaff UK' }, { id: 'gg', createdAt: card!.createdAt, now });
      if (!result.ok) throw new Error('refused');
      await saveEditedCard(card!, result.card);
      const [stored] = (await cardsItem.getValue()) as Record<string, unknown>[];
      expect(stored).toEqual({ ...newer, label: 'giffgaff UK', updatedAt: now.toISOString(), overrides: result.card.overrides });
    });

    it('a rule of another kind replaces the old one whole', () => {
      const parsed = cardSchema.parse({ ...giffgaff, rule: { ...giffgaff.rule, rolloverDays: 30 } });
      const raw = { ...giffgaff, rule: { ...giffgaff.rule, rolloverDays: 30 } };
      const initial = cardToForm(parsed, today);
      const result = cardFromEditor(
        parsed,
        initial,
        { ...initial, ruleType: 'fixed', endDate: '2026-12-31' },
        { id: 'gg', createdAt: '', now },
      );
      if (!result.ok) throw new Error('refused');
      expect((keepStoredForm(raw, parsed, result.card) as Card).rule).toEqual({ type: 'fixed', endDate: '2026-12-31' });
    });
  });
});
