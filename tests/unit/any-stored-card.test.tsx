// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { runs } from './property-runs';
import fc from 'fast-check';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupCard } from '../../components/PopupCard';
import { PopupApp } from '../../entrypoints/popup/App';
import { OptionsApp } from '../../entrypoints/options/App';
import { PageBoundary } from '../../components/ErrorBoundary';
import { cardCountdown, quickEventKind } from '../../lib/cards/countdown';
import { countdownText, dueText } from '../../lib/cards/countdown-text';
import { type Card, cardSchema } from '../../lib/cards/schema';
import { readPlainDate } from '../../lib/dates/plain-date';
import { badgeState } from '../../lib/reminders/badge';
import { reminderText } from '../../lib/reminders/notification';
import { planReminders } from '../../lib/reminders/plan';
import { cardsItem, settingsItem } from '../../lib/store/storage';
import { cardArbitrary, cardListArbitrary, timeZoneArbitrary } from './arbitraries';
import { makeCard, makeSettings } from './reminders-fixtures';

/*
 * "A stored card that the schema accepts never breaks anything", stated once
 * and tried on cards drawn from the schema itself (tests/unit/arbitraries.ts):
 * every rule type, dates from 1900-01-01 to 9999-12-31, histories of any length.
 * Seeded, so a failure is the same failure on every run.
 */

const SEED = 20261127;

/** `now` values: today's decades mostly, and the far ends the schema allows. */
const nowArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }) },
  { weight: 1, arbitrary: fc.constantFrom(Date.UTC(1900, 0, 1, 12), Date.UTC(9999, 11, 31, 12), Date.UTC(9999, 11, 30)) },
);

/**
 * A card the schema accepts whose dates cannot be computed: 300 early renewals
 * of a ten-year plan run the deadline past year 99999.
 */
function overflowingCard(id: string): Card {
  return makeCard(
    id,
    { type: 'cycle', anchorDate: '9999-01-01', period: { count: 3650, unit: 'months' } },
    { label: `Overflow ${id}`, history: Array.from({ length: 300 }, (_, i) => ({ id: `r${i}`, date: '9999-06-01', kind: 'renewed' })) },
  );
}

/**
 * Cards of the one shape that runs the arithmetic past year 99999: a ten-year
 * plan renewed early hundreds of times. Mixed into the draws so the
 * "cannot compute" path is tried on every run, not left to chance.
 */
const overflowingCardArbitrary = fc
  .tuple(cardArbitrary, fc.constantFrom('cycle' as const, 'topUp' as const), fc.integer({ min: 290, max: 320 }))
  .map(([card, type, renewals]): Card => {
    const period = { count: 3650, unit: 'months' as const };
    const rule =
      type === 'cycle'
        ? ({ type, anchorDate: '9000-01-01', period } as const)
        : ({ type, anchorDate: '9000-01-01', validity: period, mode: 'add' } as const);
    const history = Array.from({ length: renewals }, (_, i) => ({ id: `r${i}`, date: '9000-06-01', kind: 'renewed' as const }));
    return { ...card, rule, history };
  });

describe('any card the schema accepts', () => {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  it('is drawn from the schema (the arbitrary never strays from it)', () => {
    fc.assert(
      fc.property(cardArbitrary, (card) => {
        const parsed = cardSchema.safeParse(card);
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      }),
      { seed: SEED, numRuns: runs(1000) },
    );
  });

  it('has a countdown, words, a plan, a badge, reminder texts and a popup row, none of which throws', () => {
    let cannotCompute = 0;
    fc.assert(
      fc.property(
        fc.oneof({ weight: 30, arbitrary: cardArbitrary }, { weight: 1, arbitrary: overflowingCardArbitrary }),
        nowArbitrary,
        timeZoneArbitrary,
        (card, nowMs, userZone) => {
          const now = new Date(nowMs);
          const countdown = cardCountdown(card, now, userZone);
          const due = dueText(card, countdown, userZone, 'en', now);
          countdownText(countdown);
          expect(due.length).toBeGreaterThan(0);
          if (countdown.status === 'cannot-compute') {
            cannotCompute += 1;
            expect(countdown.problem?.kind).toBeDefined();
            expect(due).toMatch(/^Cannot compute: /);
          } else if (countdown.dueDay !== null) {
            // Whatever was computed can be read back: no date the date code cannot parse escapes.
            expect(readPlainDate(countdown.dueDay)).not.toBeNull();
          }

          const settings = makeSettings({ timeZone: userZone });
          const plan = planReminders([card], settings);
          if (countdown.status === 'cannot-compute') expect(plan).toEqual([]);
          for (const reminder of plan.slice(0, 3)) {
            const text = reminderText(card, reminder, settings, now, 'en');
            expect(text.title.length).toBeGreaterThan(0);
            expect(text.message.length).toBeGreaterThan(0);
          }
          expect(() => badgeState([card], settings, now)).not.toThrow();

          const html = renderToStaticMarkup(
            <PopupCard
              card={card}
              countdown={countdown}
              providerName={null}
              quickKind={quickEventKind(card)}
              userTimeZone={userZone}
              language="en"
              now={now}
              onRenew={() => undefined}
              onQuick={() => undefined}
              onEdit={() => undefined}
              onSnooze={() => undefined}
            />,
          );
          expect(html).toContain('data-card-id="card"');
        },
      ),
      { seed: SEED, numRuns: runs(1000) },
    );
    // The run met cards that cannot be computed, so their containment was tried, not assumed.
    expect(cannotCompute).toBeGreaterThan(0);
  }, 120_000);

  it('one card that cannot be computed leaves every other card its reminders and its place on the badge', () => {
    fc.assert(
      fc.property(cardListArbitrary(5), fc.nat(), nowArbitrary, timeZoneArbitrary, (cards, at, nowMs, userZone) => {
        const now = new Date(nowMs);
        const settings = makeSettings({ timeZone: userZone });
        const withBroken = [...cards];
        withBroken.splice(at % (cards.length + 1), 0, overflowingCard('broken'));
        expect(cardCountdown(withBroken[at % (cards.length + 1)]!, now, userZone).status).toBe('cannot-compute');
        expect(planReminders(withBroken, settings)).toEqual(planReminders(cards, settings));
        expect(badgeState(withBroken, settings, now)).toEqual(badgeState(cards, settings, now));
      }),
      { seed: SEED, numRuns: runs(200) },
    );
    expect(console.warn).toHaveBeenCalledWith('SIM Keeper: cannot plan reminders for card', 'broken', expect.any(Error));
  }, 120_000);
});

describe('the popup and the options page, with any stored cards', () => {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => cleanup());

  it('list every card (those that cannot be computed as such) and never fall back to the crash page', async () => {
    await fc.assert(
      fc.asyncProperty(cardListArbitrary(4), timeZoneArbitrary, async (cards, userZone) => {
        const stored = [...cards, overflowingCard('broken')];
        await cardsItem.setValue(stored);
        await settingsItem.setValue({ timeZone: userZone });
        for (const Page of [PopupApp, OptionsApp]) {
          const { container, unmount } = render(
            <PageBoundary where="test">
              <Page />
            </PageBoundary>,
          );
          await waitFor(() => expect(container.querySelectorAll('[data-card-id]').length).toBe(stored.length));
          expect(screen.queryByText('This page hit an error')).toBeNull();
          expect(container.querySelector('[data-card-id="broken"]')?.textContent).toContain(
            'Cannot compute: its dates run past the year 99999',
          );
          unmount();
        }
      }),
      { seed: SEED, numRuns: runs(12) },
    );
  }, 120_000);
});
