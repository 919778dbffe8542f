import { describe, expect, it } from 'vitest';
import { cardSchema, type Card } from '../../lib/cards/schema';
import { cardCountdown } from '../../lib/cards/countdown';
import { currentTerm } from '../../lib/cards/deadlines';
import { applyProviderDefaults, fillRule, overriddenFields, providerById, templateForCard, type Provider } from '../../lib/providers';

function provider(id: string): Provider {
  const found = providerById(id);
  if (!found) throw new Error(`no provider ${id}`);
  return found;
}

const NOW = new Date(2026, 10 /* Nov */, 22, 12);

/** A whole stored card from a template, as the options form would save it. */
function cardFrom(p: Provider, anchorDate: string, userTimeZone = 'Asia/Shanghai'): Card {
  const template = templateForCard(p, { anchorDate, userTimeZone });
  if (!template.rule) throw new Error(`${p.id} needs answers: ${template.missing.join(', ')}`);
  return cardSchema.parse({
    id: 'card-1',
    label: p.names.en,
    providerId: template.providerId,
    phoneNumber: '',
    notes: '',
    timeZone: template.timeZone,
    channels: template.channels,
    rule: template.rule,
    history: [],
    overrides: template.overrides,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  });
}

describe('templateForCard', () => {
  it('prefills giffgaff: a 6-month keep-alive on London days, and the official page', () => {
    const template = templateForCard(provider('giffgaff'), { anchorDate: '2026-03-01', userTimeZone: 'Asia/Shanghai' });
    expect(template).toEqual({
      providerId: 'giffgaff',
      timeZone: 'Europe/London',
      rule: {
        type: 'keepAlive',
        anchorDate: '2026-03-01',
        window: { count: 6, unit: 'months' },
        activities: ['call', 'sms', 'data', 'top-up'],
      },
      missing: ['graceDays'],
      channels: { website: 'https://www.giffgaff.com/', app: '', hotline: '' },
      overrides: [],
    });
  });

  it('prefills Ultra PayGo with 30 + 30 days in the user zone, which the notes leave open', () => {
    const template = templateForCard(provider('ultra-paygo'), { anchorDate: '2026-03-01', userTimeZone: 'America/Los_Angeles' });
    expect(template.rule).toEqual({ type: 'cycle', anchorDate: '2026-03-01', period: { count: 30, unit: 'days' }, graceDays: 30 });
    expect(template.timeZone).toBe('America/Los_Angeles');
    expect(template.missing).toEqual([]);
  });

  it('asks for the plan length where the provider sells several, and takes the answer', () => {
    const mint = provider('mint');
    const asked = templateForCard(mint, { anchorDate: '2026-03-01', userTimeZone: 'UTC' });
    expect(asked.rule).toBeNull();
    expect(asked.missing).toEqual(['period']);
    const answered = templateForCard(mint, {
      anchorDate: '2026-03-01',
      userTimeZone: 'UTC',
      answers: { period: { count: 3, unit: 'months' } },
    });
    expect(answered.rule).toEqual({ type: 'cycle', anchorDate: '2026-03-01', period: { count: 3, unit: 'months' }, graceDays: 30 });
  });

  it('asks for the whole rule when the catalog has none', () => {
    expect(templateForCard(provider('h2o'), { anchorDate: '2026-03-01', userTimeZone: 'UTC' })).toMatchObject({
      rule: null,
      missing: ['rule'],
      channels: { website: 'https://www.h2owirelessnow.com/' },
    });
  });

  it('asks how a top-up combines when the notes do not say, and never guesses it', () => {
    const ctm = templateForCard(provider('ctm'), { anchorDate: '2026-03-01', userTimeZone: 'UTC' });
    expect(ctm.rule).toBeNull();
    expect(ctm.missing).toEqual(['mode', 'graceDays']);
  });

  it('keeps a known catalog value over an answer', () => {
    const filled = fillRule(
      { type: 'cycle', period: { count: 30, unit: 'days' }, graceDays: 30 },
      { anchorDate: '2026-03-01' },
      {
        period: { count: 7, unit: 'days' },
        graceDays: 1,
      },
    );
    expect(filled.rule).toMatchObject({ period: { count: 30, unit: 'days' }, graceDays: 30 });
  });

  it('starts a FarEasTone 遠遊卡 pass in the destination zone, once the days and trigger are given', () => {
    const template = templateForCard(provider('fareastone-travel'), {
      userTimeZone: 'Asia/Taipei',
      destinationTimeZone: 'America/New_York',
      startDate: null,
      answers: { days: 8, startTrigger: 'first-connection' },
    });
    expect(template.timeZone).toBe('America/New_York');
    expect(template.rule).toEqual({ type: 'pass', days: 8, startTrigger: 'first-connection', startDate: null });
  });

  it('keeps an eSIM pass in the user zone when the provider does not say how days end', () => {
    const template = templateForCard(provider('airalo'), {
      userTimeZone: 'Asia/Shanghai',
      destinationTimeZone: 'Asia/Tokyo',
      startDate: '2026-12-01',
      answers: { days: 7 },
    });
    expect(template.timeZone).toBe('Asia/Shanghai');
    expect(template.rule).toEqual({ type: 'pass', days: 7, startTrigger: 'first-connection', startDate: '2026-12-01' });
  });

  it('gives cards the card schema accepts for every provider with a complete rule', () => {
    for (const id of ['ultra-paygo', 'giffgaff', 'vodafone-uk', 'smartone', 'softbank', 'fareastone-if', 'cricket', 'tello-payg']) {
      expect(() => cardFrom(provider(id), '2026-03-01'), id).not.toThrow();
    }
  });
});

describe('overriddenFields', () => {
  it('is empty for a card exactly as the catalog prefilled it', () => {
    expect(overriddenFields(cardFrom(provider('giffgaff'), '2026-03-01'), provider('giffgaff'))).toEqual([]);
  });

  it('lists each field the user changed', () => {
    const card = cardFrom(provider('giffgaff'), '2026-03-01');
    const edited: Card = {
      ...card,
      timeZone: 'Asia/Shanghai',
      rule: { ...card.rule, graceDays: 14 },
      channels: { website: 'https://www.giffgaff.com/topup', app: '', hotline: '+44 43 4343' },
    };
    expect(overriddenFields(edited, provider('giffgaff'))).toEqual(['rule.graceDays', 'timeZone', 'channels.website', 'channels.hotline']);
  });

  it('counts a changed model or number as a rule override, but not the card dates', () => {
    const card = cardFrom(provider('giffgaff'), '2026-03-01');
    expect(overriddenFields({ ...card, rule: { ...card.rule, anchorDate: '2026-05-05' } as Card['rule'] }, provider('giffgaff'))).toEqual(
      [],
    );
    const window = { ...card.rule, window: { count: 180, unit: 'days' } } as Card['rule'];
    expect(overriddenFields({ ...card, rule: window }, provider('giffgaff'))).toEqual(['rule']);
    const cycle: Card['rule'] = { type: 'cycle', anchorDate: '2026-03-01', period: { count: 30, unit: 'days' } };
    expect(overriddenFields({ ...card, rule: cycle }, provider('giffgaff'))).toEqual(['rule']);
  });

  it('counts an answer to an open question as the user own, so no catalog replaces it', () => {
    const mint = provider('mint');
    const rule = templateForCard(mint, { anchorDate: '2026-03-01', userTimeZone: 'UTC', answers: { period: { count: 6, unit: 'months' } } })
      .rule!;
    const card = {
      ...cardFrom(provider('ultra-paygo'), '2026-03-01'),
      providerId: 'mint',
      rule,
      channels: { website: mint.renewalUrl, app: '', hotline: '' },
    };
    expect(overriddenFields(card, mint)).toEqual(['rule']);
  });

  it('ignores the order activities are listed in', () => {
    const card = cardFrom(provider('giffgaff'), '2026-03-01');
    const reordered = { ...card, rule: { ...card.rule, activities: ['top-up', 'data', 'sms', 'call'] } } as Card;
    expect(overriddenFields(reordered, provider('giffgaff'))).toEqual([]);
  });

  it('is empty for a card of another provider', () => {
    const card = cardFrom(provider('giffgaff'), '2026-03-01');
    expect(overriddenFields({ ...card, providerId: null }, provider('giffgaff'))).toEqual([]);
  });
});

describe('applyProviderDefaults', () => {
  const LATER = new Date(2027, 0 /* Jan */, 5, 9);
  const giffgaff = provider('giffgaff');
  /** giffgaff as a later catalog might describe it. */
  const giffgaffV2: Provider = {
    ...giffgaff,
    renewalUrl: 'https://www.giffgaff.com/top-up',
    ruleTemplate: { type: 'keepAlive', window: { count: 180, unit: 'days' }, activities: ['call', 'sms'], graceDays: 30 },
  };

  it('returns the same card when the catalog has not changed', () => {
    const card = cardFrom(giffgaff, '2026-03-01');
    expect(applyProviderDefaults(card, giffgaff, LATER)).toBe(card);
  });

  it('brings a card without overrides up to date, keeping its dates and history', () => {
    const card = { ...cardFrom(giffgaff, '2026-03-01'), history: [{ id: 'e1', date: '2026-04-02', kind: 'used' as const }] };
    const updated = applyProviderDefaults(card, giffgaffV2, LATER);
    expect(updated.rule).toEqual({
      type: 'keepAlive',
      anchorDate: '2026-03-01',
      window: { count: 180, unit: 'days' },
      activities: ['call', 'sms'],
      graceDays: 30,
    });
    expect(updated.channels.website).toBe('https://www.giffgaff.com/top-up');
    expect(updated.history).toBe(card.history);
    expect(updated.updatedAt).toBe(LATER.toISOString());
  });

  it('keeps every field the user overrode', () => {
    const base = cardFrom(giffgaff, '2026-03-01');
    const card: Card = {
      ...base,
      rule: { ...base.rule, graceDays: 10 },
      channels: { ...base.channels, website: 'https://community.giffgaff.com/' },
      overrides: ['rule.graceDays', 'channels.website'],
    };
    const updated = applyProviderDefaults(card, giffgaffV2, LATER);
    expect(updated.rule).toMatchObject({ window: { count: 180, unit: 'days' }, graceDays: 10 });
    expect(updated.channels.website).toBe('https://community.giffgaff.com/');
  });

  it('keeps an overridden rule whole, but still takes a new grace the user did not set', () => {
    const base = cardFrom(giffgaff, '2026-03-01');
    const card: Card = { ...base, rule: { ...base.rule, window: { count: 3, unit: 'months' } } as Card['rule'], overrides: ['rule'] };
    const updated = applyProviderDefaults(card, giffgaffV2, LATER);
    expect(updated.rule).toMatchObject({
      window: { count: 3, unit: 'months' },
      activities: ['call', 'sms', 'data', 'top-up'],
      graceDays: 30,
    });
  });

  it('accepts the overrides as an argument, for a form that has not saved them yet', () => {
    const card = cardFrom(giffgaff, '2026-03-01');
    expect(applyProviderDefaults(card, giffgaffV2, LATER, ['rule', 'rule.graceDays', 'channels.website'])).toBe(card);
  });

  it('never erases an answer the catalog still does not know', () => {
    const mint = provider('mint');
    const rule = templateForCard(mint, { anchorDate: '2026-03-01', userTimeZone: 'UTC', answers: { period: { count: 6, unit: 'months' } } })
      .rule!;
    const card = {
      ...cardFrom(giffgaff, '2026-03-01'),
      providerId: 'mint',
      rule,
      channels: { website: mint.renewalUrl, app: '', hotline: '' },
    };
    // Even with the overrides lost (an old card), the period the user gave stays.
    expect(
      applyProviderDefaults({ ...card, overrides: undefined }, { ...mint, ruleTemplate: { ...mint.ruleTemplate!, graceDays: 45 } }, LATER)
        .rule,
    ).toEqual({
      ...rule,
      graceDays: 45,
    });
  });

  it('leaves a rule alone when the catalog now models it in a way the card dates cannot follow', () => {
    const card = cardFrom(giffgaff, '2026-03-01');
    const asPass: Provider = {
      ...giffgaff,
      ruleTemplate: { type: 'pass', days: 30, startTrigger: 'purchase', dayBoundary: 'unknown', graceDays: null },
    };
    expect(applyProviderDefaults(card, asPass, LATER)).toBe(card);
  });

  it('moves the rule to a new model that counts from the same anchor date', () => {
    const card = cardFrom(giffgaff, '2026-03-01');
    const asTopUp: Provider = {
      ...giffgaff,
      ruleTemplate: { type: 'topUp', validity: { count: 6, unit: 'months' }, mode: 'reset', graceDays: null },
    };
    expect(applyProviderDefaults(card, asTopUp, LATER).rule).toEqual({
      type: 'topUp',
      anchorDate: '2026-03-01',
      validity: { count: 6, unit: 'months' },
      mode: 'reset',
    });
  });

  it('does not touch a card of another provider, or a zone the provider leaves to the user', () => {
    const card = cardFrom(giffgaff, '2026-03-01');
    expect(applyProviderDefaults({ ...card, providerId: 'o2' }, giffgaffV2, LATER).providerId).toBe('o2');
    const ultra = cardFrom(provider('ultra-paygo'), '2026-03-01', 'Asia/Shanghai');
    expect(applyProviderDefaults(ultra, provider('ultra-paygo'), LATER).timeZone).toBe('Asia/Shanghai');
  });
});

describe('edge cases', () => {
  it('counts a giffgaff window from Feb 29 to the 29th six months on', () => {
    const card = cardFrom(provider('giffgaff'), '2028-02-29');
    expect(currentTerm(card.rule, card.history)?.dueDate).toBe('2028-08-29');
  });

  it('keeps a Cricket month-end anchor on the month end', () => {
    const card = cardFrom(provider('cricket'), '2026-01-31');
    expect(currentTerm(card.rule, card.history)).toMatchObject({ dueDate: '2026-02-28', lostDate: '2026-04-28' });
  });

  it('counts a Cricket card in US Central across the March DST change', () => {
    const card = cardFrom(provider('cricket'), '2026-02-08');
    expect(card.timeZone).toBe('America/Chicago');
    // Due 8 March (the day DST starts); service ends at midnight after it, Central daylight time (UTC-5).
    const countdown = cardCountdown(card, new Date('2026-03-08T12:00:00Z'), 'America/Chicago');
    expect(countdown.deadlines?.endsAt.toISOString()).toBe('2026-03-09T05:00:00.000Z');
    expect(countdown.daysLeft).toBe(0);
  });

  it('shows a London giffgaff card on a Shanghai user calendar', () => {
    const card = cardFrom(provider('giffgaff'), '2026-03-01', 'Asia/Shanghai');
    // Due 1 September in London; it ends at midnight London (BST) = 07:00 on 2 September in Shanghai.
    const countdown = cardCountdown(card, new Date('2026-08-31T12:00:00Z'), 'Asia/Shanghai');
    expect(countdown.deadlines?.endsAt.toISOString()).toBe('2026-09-01T23:00:00.000Z');
    expect(countdown.dueDay).toBe('2026-09-02');
    expect(countdown.daysLeft).toBe(2);
  });

  it('caps SoftBank validity at 360 days from a top-up', () => {
    const card = cardFrom(provider('softbank'), '2026-01-01');
    const history = Array.from({ length: 8 }, (_, i) => ({ id: `t${i}`, date: '2026-01-02', kind: 'topped-up' as const }));
    expect(currentTerm(card.rule, history)?.dueDate).toBe('2026-12-28');
  });
});
