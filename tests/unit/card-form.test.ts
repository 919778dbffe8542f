import { describe, expect, it } from 'vitest';
import type { Card } from '../../lib/cards/schema';
import { BAD_DATE_INPUT, cardToForm, emptyCardForm, formToCard, formToEvent, mergeEdit, type CardForm } from '../../lib/cards/form';

const now = new Date('2026-11-22T04:00:00Z');
const base = { id: 'c1', createdAt: now.toISOString(), now };

function form(overrides: Partial<CardForm>): CardForm {
  return { ...emptyCardForm('Asia/Shanghai', '2026-11-22'), label: '紫卡', ...overrides };
}

describe('formToCard', () => {
  it('builds a plan-cycle card from a valid form', () => {
    const result = formToCard(
      form({ periodCount: '30', graceDays: '30', website: ' https://my.ultra.me/ ', timeZone: 'America/Los_Angeles' }),
      base,
    );
    expect(result).toMatchObject({
      ok: true,
      card: {
        id: 'c1',
        label: '紫卡',
        timeZone: 'America/Los_Angeles',
        channels: { website: 'https://my.ultra.me/', app: '', hotline: '' },
        rule: { type: 'cycle', anchorDate: '2026-11-22', period: { count: 30, unit: 'days' }, graceDays: 30 },
        reminders: { enabled: true },
      },
    });
  });

  it.each([
    ['label', { label: '   ' }, 'form_errorLabelEmpty'],
    ['label', { label: 'x'.repeat(61) }, 'form_errorLabelLong'],
    ['anchorDate', { anchorDate: '2026-02-30' }, 'form_errorDate'],
    ['anchorDate', { anchorDate: '' }, 'form_errorRequired'],
    ['periodCount', { periodCount: '0' }, 'form_errorWholeNumber'],
    ['periodCount', { periodCount: '1.5' }, 'form_errorWholeNumber'],
    ['periodCount', { periodCount: '-3' }, 'form_errorWholeNumber'],
    ['periodCount', { periodCount: 'abc' }, 'form_errorWholeNumber'],
    ['periodCount', { periodCount: '4000' }, 'form_errorTooLarge'],
    ['graceDays', { graceDays: '2.5' }, 'form_errorWholeNumberZero'],
    // Grace may be 0, so its message says "0 or more", not "1 or more".
    ['graceDays', { graceDays: '-1' }, 'form_errorWholeNumberZero'],
    ['website', { website: 'javascript:alert(1)' }, 'form_errorNotHttps'],
    ['website', { website: 'data:text/html,hi' }, 'form_errorNotHttps'],
    ['website', { website: 'http://my.ultra.me' }, 'form_errorNotHttps'],
    ['website', { website: 'https://user:pw@my.ultra.me' }, 'form_errorLinkCredentials'],
    ['website', { website: 'not a link' }, 'form_errorLink'],
    ['app', { app: 'ftp://x.example' }, 'form_errorNotHttps'],
    ['phoneNumber', { phoneNumber: 'call me' }, 'form_errorPhone'],
    ['timeZone', { timeZone: 'Mars/Olympus' }, 'form_errorTimeZone'],
    ['endDate', { ruleType: 'fixed', endDate: '2026-13-01' }, 'form_errorDate'],
    // The schema takes 1900–9999: a five-digit year is a real date out of range, not a typo.
    ['endDate', { ruleType: 'fixed', endDate: '99999-12-31' }, 'form_errorDateRange'],
    ['endDate', { ruleType: 'fixed', endDate: '1899-12-31' }, 'form_errorDateRange'],
    ['endDate', { ruleType: 'fixed', endDate: '02/30/2026' }, 'form_errorDate'],
    // What the date input holds when the browser cannot read its text: "not a real date", not "required".
    ['endDate', { ruleType: 'fixed', endDate: BAD_DATE_INPUT }, 'form_errorDate'],
    ['passDays', { ruleType: 'pass', passDays: '' }, 'form_errorRequired'],
    ['startDate', { ruleType: 'pass', passDays: '7', startTrigger: 'manual', startDate: '' }, 'form_errorRequired'],
    ['capDays', { ruleType: 'topUp', capDays: 'lots' }, 'form_errorWholeNumber'],
  ] as const)('refuses an invalid %s with a clear message (%o)', (field, overrides, message) => {
    const result = formToCard(form(overrides as Partial<CardForm>), base);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toBe(message);
  });

  it('reports every invalid field at once', () => {
    const result = formToCard(form({ label: '', periodCount: 'x', website: 'http://a.b' }), base);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['label', 'periodCount', 'website']);
  });

  it('builds a pass that has not started yet when it starts at first connection', () => {
    const result = formToCard(
      form({ ruleType: 'pass', passDays: '7', startTrigger: 'first-connection', startDate: '', timeZone: 'America/New_York' }),
      base,
    );
    expect(result).toMatchObject({
      ok: true,
      card: { rule: { type: 'pass', days: 7, startTrigger: 'first-connection', startDate: null } },
    });
  });

  it('builds a top-up card with a cap', () => {
    const result = formToCard(form({ ruleType: 'topUp', periodCount: '60', topUpMode: 'add', capDays: '360' }), base);
    expect(result).toMatchObject({
      ok: true,
      card: { rule: { type: 'topUp', validity: { count: 60, unit: 'days' }, mode: 'add', capDays: 360 } },
    });
  });

  it('round-trips every rule type through the form', () => {
    const rules: Card['rule'][] = [
      { type: 'cycle', anchorDate: '2026-01-31', period: { count: 1, unit: 'months' }, graceDays: 0 },
      { type: 'keepAlive', anchorDate: '2026-05-01', window: { count: 6, unit: 'months' } },
      { type: 'topUp', anchorDate: '2026-05-01', validity: { count: 180, unit: 'days' }, mode: 'max', capDays: 365, graceDays: 29 },
      { type: 'fixed', endDate: '2028-02-29' },
      { type: 'pass', days: 5, startTrigger: 'purchase', startDate: '2026-12-01' },
    ];
    for (const rule of rules) {
      const first = formToCard(form({}), base);
      if (!first.ok) throw new Error('base form invalid');
      const card = { ...first.card, rule };
      const again = formToCard(cardToForm(card, '2026-11-22'), base);
      expect(again.ok && again.card.rule).toEqual(rule);
    }
  });
});

describe('formToEvent', () => {
  const blank = { date: '2026-11-22', kind: 'renewed' as const, endDate: '', amount: '', currency: '', note: '' };

  it('builds an event with amount and currency', () => {
    expect(formToEvent({ ...blank, amount: '3.5', currency: 'usd', note: ' app ' }, 'e1')).toEqual({
      ok: true,
      event: { id: 'e1', date: '2026-11-22', kind: 'renewed', amount: 3.5, currency: 'USD', note: 'app' },
    });
  });

  it.each([
    [{ date: '2026-02-29' }, 'date', 'form_errorDate'],
    [{ amount: '-1' }, 'amount', 'form_errorAmount'],
    [{ amount: 'three' }, 'amount', 'form_errorAmount'],
    [{ currency: 'DOLLARS' }, 'currency', 'form_errorCurrency'],
    [{ kind: 'carrier-date', endDate: '' }, 'endDate', 'form_errorRequired'],
  ] as const)('refuses %o', (overrides, field, message) => {
    const result = formToEvent({ ...blank, ...overrides }, 'e1');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field as keyof typeof result.errors]).toBe(message);
  });
});

describe('mergeEdit', () => {
  const original: Card = {
    id: 'c1',
    label: '紫卡',
    providerId: null,
    phoneNumber: '',
    notes: '',
    timeZone: 'America/Los_Angeles',
    channels: { website: '', app: '', hotline: '' },
    rule: { type: 'cycle', anchorDate: '2026-11-01', period: { count: 30, unit: 'days' } },
    history: [{ id: 'e1', date: '2026-11-02', kind: 'renewed' }],
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  };

  it('keeps an event recorded elsewhere while the editor was open', () => {
    const fresh = { ...original, history: [...original.history, { id: 'e2', date: '2026-11-20', kind: 'renewed' as const }] };
    const edited = { ...original, notes: 'top up with the app', updatedAt: '2026-11-22T00:00:00.000Z' };
    const merged = mergeEdit(fresh, original, edited);
    expect(merged.notes).toBe('top up with the app');
    expect(merged.history.map((e) => e.id)).toEqual(['e1', 'e2']);
  });

  it('applies removals and additions made in the editor, and keeps fields changed elsewhere', () => {
    const fresh = { ...original, label: 'Ultra purple' };
    const edited = { ...original, history: [{ id: 'e3', date: '2026-11-21', kind: 'used' as const }] };
    const merged = mergeEdit(fresh, original, edited);
    expect(merged.label).toBe('Ultra purple');
    expect(merged.history.map((e) => e.id)).toEqual(['e3']);
  });
});

describe('reminder preferences in the form', () => {
  it('keeps per-card lead days and escalation, and a snooze in force', () => {
    const result = formToCard(form({ leadDays: '7 3、1, 7', escalate: 'off' }), {
      ...base,
      reminders: { enabled: true, snoozedUntil: '2026-11-23T01:00:00.000Z' },
    });
    expect(result).toMatchObject({
      ok: true,
      card: { reminders: { enabled: true, leadDays: [7, 3, 1], escalate: false, snoozedUntil: '2026-11-23T01:00:00.000Z' } },
    });
  });

  it('leaves lead days and escalation to the defaults when not set', () => {
    const result = formToCard(form({}), base);
    expect(result.ok && result.card.reminders).toEqual({ enabled: true });
  });

  it.each(['zero', '1.5', '400', '-1', ', ,'])('refuses lead days %j', (leadDays) => {
    const result = formToCard(form({ leadDays }), base);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.leadDays).toBe('form_errorLeadDays');
  });
});
