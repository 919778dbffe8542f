import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { cardSchema, type Card } from '../../lib/cards/schema';
import { maskPhoneNumber, newId, replaceCard, updateCard, withEvent, withoutEvent } from '../../lib/cards/ops';
import { currentTerm } from '../../lib/cards/deadlines';
import { isSafeLink, linkProblem } from '../../lib/browser/links';
import { makeCard as makeBaseCard } from './card-fixture';

// A Los Angeles card with a number and a renewal page: the card-ops tests read all three.
const makeCard = (id: string, overrides: Partial<Card> = {}): Card =>
  makeBaseCard(id, {
    phoneNumber: '+1 (213) 555-0142',
    timeZone: 'America/Los_Angeles',
    channels: { website: 'https://example.com/renew', app: '', hotline: '' },
    ...overrides,
  });

describe('withEvent', () => {
  it('appends the event dated today in the card zone and stamps updatedAt', () => {
    const card = makeCard('a');
    const now = new Date('2026-03-20T12:00:00Z');
    const next = withEvent(card, { kind: 'renewed', id: 'e1' }, now);
    expect(next.history).toEqual([{ id: 'e1', date: '2026-03-20', kind: 'renewed' }]);
    expect(next.updatedAt).toBe('2026-03-20T12:00:00.000Z');
    expect(cardSchema.safeParse(next).success).toBe(true);
  });

  it('leaves the original card alone', () => {
    const card = makeCard('a');
    const snapshot = structuredClone(card);
    withEvent(card, { kind: 'used' }, new Date('2026-03-20T12:00:00Z'));
    expect(card).toEqual(snapshot);
  });

  it('keeps a date, amount and note the user gave', () => {
    const next = withEvent(
      makeCard('a'),
      { kind: 'topped-up', date: '2026-03-15', amount: 10, currency: 'USD', note: 'at the shop' },
      new Date('2026-03-20T12:00:00Z'),
    );
    expect(next.history[0]).toMatchObject({ kind: 'topped-up', date: '2026-03-15', amount: 10, currency: 'USD', note: 'at the shop' });
  });

  it('gives each event its own id', () => {
    const now = new Date('2026-03-20T12:00:00Z');
    const next = withEvent(withEvent(makeCard('a'), { kind: 'used' }, now), { kind: 'used' }, now);
    const [first, second] = next.history;
    expect(first?.id).toBeTruthy();
    expect(first?.id).not.toBe(second?.id);
    expect(newId()).not.toBe(newId());
  });

  it('moves the deadline as the rule says', () => {
    const card = makeCard('a');
    expect(currentTerm(card.rule, card.history)?.dueDate).toBe('2026-03-31');
    const renewed = withEvent(card, { kind: 'renewed' }, new Date('2026-03-20T12:00:00Z'));
    expect(currentTerm(renewed.rule, renewed.history)?.dueDate).toBe('2026-04-30');
  });
});

describe('withoutEvent', () => {
  it('removes a mistaken renewal and the deadline follows', () => {
    const now = new Date('2026-03-20T12:00:00Z');
    const renewed = withEvent(makeCard('a'), { kind: 'renewed', id: 'oops' }, now);
    const fixed = withoutEvent(renewed, 'oops', new Date('2026-03-21T00:00:00Z'));
    expect(fixed.history).toEqual([]);
    expect(fixed.updatedAt).toBe('2026-03-21T00:00:00.000Z');
    expect(currentTerm(fixed.rule, fixed.history)?.dueDate).toBe('2026-03-31');
  });

  it('removes only the event named', () => {
    const card = makeCard('a', {
      history: [
        { id: 'x', date: '2026-03-05', kind: 'used' },
        { id: 'y', date: '2026-03-06', kind: 'used' },
      ],
    });
    expect(withoutEvent(card, 'x', new Date()).history.map((event) => event.id)).toEqual(['y']);
    expect(withoutEvent(card, 'none', new Date()).history).toHaveLength(2);
  });
});

describe('replaceCard / updateCard', () => {
  it('change one card and return every other card object as it was', () => {
    const cards = [makeCard('a'), makeCard('b'), makeCard('c')];
    const edited = { ...cards[1]!, label: 'B2' };
    const replaced = replaceCard(cards, edited);
    expect(replaced[0]).toBe(cards[0]);
    expect(replaced[1]).toBe(edited);
    expect(replaced[2]).toBe(cards[2]);

    const updated = updateCard(cards, 'c', (card) => ({ ...card, notes: 'n' }));
    expect(updated[0]).toBe(cards[0]);
    expect(updated[1]).toBe(cards[1]);
    expect(updated[2]).toEqual({ ...cards[2], notes: 'n' });
  });

  it('leave the list alone when no card has the id', () => {
    const cards = [makeCard('a')];
    expect(updateCard(cards, 'zzz', () => makeCard('zzz'))).toEqual(cards);
    expect(replaceCard(cards, makeCard('zzz'))).toEqual(cards);
  });
});

describe('maskPhoneNumber', () => {
  it.each([
    ['+1 (213) 555-0142', '•••• 0142'],
    ['+44 7700 900123', '•••• 0123'],
    ['13800138000', '•••• 8000'],
    ['', ''],
    ['no digits', ''],
  ])('%j → %j', (phone, expected) => {
    expect(maskPhoneNumber(phone)).toBe(expected);
  });
});

describe('links', () => {
  it.each([
    ['https://www.ultramobile.com/refill', null],
    ['https://giffgaff.com', null],
    ['  https://example.com/renew  ', null],
    ['HTTPS://EXAMPLE.COM', null],
    ['', 'empty'],
    ['   ', 'empty'],
    ['not a link', 'malformed'],
    ['https://', 'malformed'],
    ['http://example.com', 'not-https'],
    ['javascript:alert(1)', 'not-https'],
    ['JavaScript:alert(1)', 'not-https'],
    [' java\tscript:alert(1)', 'not-https'],
    ['data:text/html,<script>alert(1)</script>', 'not-https'],
    ['file:///etc/passwd', 'not-https'],
    ['ftp://example.com', 'not-https'],
    ['chrome://settings', 'not-https'],
    ['blob:https://example.com/1234', 'not-https'],
    ['https://user@evil.example', 'credentials'],
    ['https://user:pass@example.com', 'credentials'],
    ['https://:pass@example.com', 'credentials'],
    ['https://www.bank.example@evil.example/login', 'credentials'],
  ])('linkProblem(%j) is %s', (value, expected) => {
    expect(linkProblem(value)).toBe(expected);
    expect(isSafeLink(value)).toBe(expected === null);
  });

  it('a card with an unsafe link does not pass the schema', () => {
    for (const website of ['http://example.com', 'javascript:alert(1)', 'https://user@evil.example']) {
      expect(cardSchema.safeParse(makeCard('a', { channels: { website, app: '', hotline: '' } })).success).toBe(false);
    }
    expect(cardSchema.safeParse(makeCard('a', { channels: { website: '', app: '', hotline: '' } })).success).toBe(true);
  });
});

describe('edge cases', () => {
  describe('user zone differs from card zone', () => {
    it.each([
      // 00:30 on 11 March in Shanghai is still 10 March in Los Angeles, where the card is counted.
      [new TZDate(2026, 2, 11, 0, 30, 'Asia/Shanghai'), 'America/Los_Angeles', '2026-03-10'],
      [new TZDate(2026, 2, 11, 0, 30, 'Asia/Shanghai'), 'Asia/Shanghai', '2026-03-11'],
      // Both sides of midnight in Los Angeles.
      [new Date('2026-03-11T06:59:59.999Z'), 'America/Los_Angeles', '2026-03-10'],
      [new Date('2026-03-11T07:00:00.000Z'), 'America/Los_Angeles', '2026-03-11'],
    ])('an event recorded at %s on a card counted in %s is dated %s', (now, timeZone, expected) => {
      expect(withEvent(makeCard('a', { timeZone }), { kind: 'used' }, now).history[0]?.date).toBe(expected);
    });
  });

  describe('DST changes', () => {
    it.each([
      // 23:30 PST on 1 November, after falling back, is 07:30 UTC on 2 November.
      [new Date('2026-11-02T07:30:00Z'), '2026-11-01'],
      // 00:30 PDT on 8 March; 03:30 PDT right after the skipped hour.
      [new Date('2026-03-08T08:30:00Z'), '2026-03-08'],
      [new Date('2026-03-08T10:30:00Z'), '2026-03-08'],
      [new Date('2026-03-09T06:59:59.999Z'), '2026-03-08'],
    ])('recorded at %s in Los Angeles: %s', (now, expected) => {
      expect(withEvent(makeCard('a'), { kind: 'used' }, now).history[0]?.date).toBe(expected);
    });
  });

  describe('month ends and Feb 29', () => {
    it.each([
      [new Date('2028-02-29T20:00:00Z'), 'America/Los_Angeles', '2028-02-29'],
      [new Date('2028-02-29T20:00:00Z'), 'Asia/Shanghai', '2028-03-01'],
      [new Date('2026-03-01T07:59:59.999Z'), 'America/Los_Angeles', '2026-02-28'],
      [new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai', '2027-01-01'],
    ])('recorded at %s on a card in %s: %s', (now, timeZone, expected) => {
      expect(withEvent(makeCard('a', { timeZone }), { kind: 'renewed' }, now).history[0]?.date).toBe(expected);
    });

    it('a renewal recorded on the due day of a month-end chain keeps the 31st', () => {
      const card = makeCard('a', {
        timeZone: 'Asia/Shanghai',
        rule: { type: 'cycle', anchorDate: '2028-01-31', period: { count: 1, unit: 'months' } },
      });
      const renewed = withEvent(card, { kind: 'renewed' }, new TZDate(2028, 1, 29, 21, 0, 'Asia/Shanghai'));
      expect(renewed.history[0]?.date).toBe('2028-02-29');
      expect(currentTerm(renewed.rule, renewed.history)?.dueDate).toBe('2028-03-31');
    });
  });
});
