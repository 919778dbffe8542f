import { TZDate } from '@date-fns/tz';
import ical, { ICalEventRepeatingFreq, type ICalRepeatingOptions } from 'ical-generator';
import { t } from '../browser/i18n';
import { addPeriod, currentTerm } from '../cards/deadlines';
import type { Card, CardEvent } from '../cards/schema';
import { addPlainDays, parsePlainDate, startOfPlainDateInZone, type PlainDate } from '../dates/plain-date';
import { providerById } from '../providers/catalog';
import { providerDisplayName } from '../providers/names';
import { vtimezone } from './vtimezone';

/*
 * The calendar export: each card's deadlines as events a calendar app keeps up
 * to date. An event covers the deadline day in the card's own zone (TZID with
 * a VTIMEZONE), so a calendar in another zone shows the right hours; its UID is
 * made from the card id, so importing a newer file updates the event instead of
 * adding a second one.
 */

/** What the export needs from the user's settings. */
export interface IcsOptions {
  /** Lead days of cards that set none (the user's default). */
  leadDays: readonly number[];
  /** `HH:mm`: alarms ring at this time on their day (in the card's zone). */
  reminderTime: string;
  language: string;
  now: Date;
}

/** How many periods ahead a repeat is checked against the card's own rule before it is written. */
const CHECKED_REPEATS = 36;

/**
 * The RRULE for a card's due date, or `null`. Only a plan cycle repeats (a
 * keep-alive or top-up date moves with each use), and only when its next
 * {@link CHECKED_REPEATS} deadlines, each paid on its due day, fall exactly where
 * the RRULE puts them: N days, or N months on a day every month has (1–28). A
 * cycle anchored on the 29th–31st would drift at month ends, so it gets none.
 */
export function repeatingRuleOf(card: Pick<Card, 'rule' | 'history'>): ICalRepeatingOptions | null {
  const { rule } = card;
  if (rule.type !== 'cycle') return null;
  const term = currentTerm(rule, card.history);
  if (!term) return null;
  const { period } = rule;
  const due = term.dueDate;
  if (period.unit === 'months' && (parsePlainDate(due)?.day ?? 31) > 28) return null;
  const history: CardEvent[] = [...card.history];
  let previous = due;
  for (let k = 1; k <= CHECKED_REPEATS; k++) {
    history.push({ id: `ics-check-${k}`, date: previous, kind: 'renewed' });
    const next = currentTerm(rule, history)?.dueDate;
    if (next !== addPeriod(due, period, k)) return null;
    previous = next;
  }
  return period.unit === 'days'
    ? { freq: ICalEventRepeatingFreq.DAILY, interval: period.count }
    : { freq: ICalEventRepeatingFreq.MONTHLY, interval: period.count };
}

/** Seconds before the event's start (midnight of the deadline day) that the alarm `days` before rings, at `time`. */
function triggerSeconds(days: number, time: string): number {
  const [hours = 9, minutes = 0] = time.split(':').map(Number);
  return days * 86_400 - (hours * 3600 + minutes * 60);
}

function leadDaysOf(card: Card, defaults: readonly number[]): readonly number[] {
  if (card.reminders?.enabled === false) return [];
  return card.reminders?.leadDays ?? defaults;
}

function descriptionOf(card: Card, language: string): string {
  const provider = providerById(card.providerId);
  const lines = [
    provider ? t('ics_provider', providerDisplayName(provider, language)) : null,
    card.phoneNumber ? t('ics_phone', card.phoneNumber) : null,
    card.channels.hotline || provider?.hotline ? t('ics_hotline', card.channels.hotline || provider?.hotline || '') : null,
    card.channels.website || provider?.renewalUrl ? t('ics_renewAt', card.channels.website || provider?.renewalUrl || '') : null,
    t('ics_zone', card.timeZone),
  ];
  return lines.filter((line): line is string => line !== null).join('\n');
}

// SEQUENCE must grow with each change; seconds since 2020 fit its 31 bits for decades.
function sequenceOf(card: Card): number {
  const ms = Date.parse(card.updatedAt);
  return Number.isNaN(ms) ? 0 : Math.max(0, Math.floor((ms - Date.UTC(2020, 0, 1)) / 1000));
}

/** Midnight starting `day` in `zone`, as a date whose fields read in that zone. */
function zoned(day: PlainDate, zone: string): TZDate {
  return new TZDate(startOfPlainDateInZone(day, zone).getTime(), zone);
}

/** A stable UID: the same card and kind of deadline always give the same one. */
export function eventUid(card: Pick<Card, 'id'>, kind: 'due' | 'lost'): string {
  return `${encodeURIComponent(card.id)}-${kind}@sim-keeper`;
}

/**
 * The cards' deadlines as an iCalendar file: for each card, its due day and,
 * where a grace is known, the last day before the number is lost, each a day
 * long in the card's zone, with one alarm per lead day and the renewal link as URL.
 */
export function cardsToIcs(cards: readonly Card[], options: IcsOptions): string {
  const years = new Map<string, Set<number>>();
  const calendar = ical({
    prodId: { company: 'SIM Keeper', product: 'SIM Keeper', language: options.language.toUpperCase().slice(0, 2) || 'EN' },
    name: t('extName'),
    timezone: { name: null, generator: (zone) => vtimezone(zone, years.get(zone) ?? []) },
  });
  const dayEvent = (card: Card, kind: 'due' | 'lost', day: PlainDate, summary: string, repeating: ICalRepeatingOptions | null) => {
    const zoneYears = years.get(card.timeZone) ?? new Set<number>();
    zoneYears.add(parsePlainDate(day)?.year ?? 1970);
    years.set(card.timeZone, zoneYears);
    const provider = providerById(card.providerId);
    const url = card.channels.website || provider?.renewalUrl || null;
    calendar.createEvent({
      id: eventUid(card, kind),
      sequence: sequenceOf(card),
      stamp: options.now,
      // A TZDate, because ical-generator writes a native Date's fields in the machine's zone.
      start: zoned(day, card.timeZone),
      end: zoned(addPlainDays(day, 1), card.timeZone),
      timezone: card.timeZone,
      summary,
      description: descriptionOf(card, options.language),
      url,
      repeating,
      alarms: leadDaysOf(card, options.leadDays).map((days) => ({
        type: 'display' as never,
        trigger: triggerSeconds(days, options.reminderTime),
        description: summary,
      })),
    });
  };
  for (const card of cards) {
    const term = currentTerm(card.rule, card.history);
    if (!term) continue;
    dayEvent(card, 'due', term.dueDate, t('ics_dueSummary', card.label), repeatingRuleOf(card));
    if (term.lostDate) dayEvent(card, 'lost', term.lostDate, t('ics_lostSummary', card.label), null);
  }
  return calendar.toString();
}
