import ical from 'ical-generator';
import { t } from '../browser/i18n';
import type { Card } from '../cards/schema';
import { lastDayBefore } from '../cards/countdown';
import { addPlainDays, comparePlainDates, readPlainDate, type PlainDate } from '../dates/plain-date';
import { formatPlainDate } from '../dates/format';
import { providerById } from '../providers/catalog';
import { linkOpenDecision } from '../providers/link-decision';
import { providerDisplayName } from '../providers/names';
import { memoCardDeadlines } from '../reminders/zone-memo';
import { planCardReminders, type DeadlineKind, type PlannedReminder } from '../reminders/plan';
import type { Settings } from '../store/settings-schema';
import { eventUid } from '../transfer/ics';
import type { DesiredEvent } from './types';

/*
 * The calendar planner: each card's deadlines as the events SIM Keeper wants in
 * the user's own calendar. Pure: the same cards and settings always give the same
 * text (save DTSTAMP), so a round with nothing changed writes nothing.
 *
 * An event is all day, on the day the popup shows (the day the deadline's last
 * millisecond falls on in the user's zone). Its alarms are the instants the
 * extension's own reminders ring (planCardReminders), written as absolute UTC
 * triggers, so a phone in any zone rings at the same moment the browser would.
 * Past alarms stay in: dropping them as time passes would change the text and
 * make every round rewrite every event.
 */

/** The last day an event can cover: its DTEND (the next day) must still have a four-digit year. */
const LAST_EVENT_DAY: PlainDate = '9999-12-30';

export interface CalendarPlanOptions {
  /** The language dates are formatted in (the messages come from `t`). */
  language: string;
  /** Only DTSTAMP: nothing else in the text depends on the time. */
  now: Date;
}

/** A card's label with the last four digits of its number, if it has one: `紫卡 (…0142)`. */
function cardName(card: Card): string {
  const digits = card.phoneNumber.replace(/\D/g, '');
  return digits.length >= 4 ? t('calendar_cardWithNumber', [card.label, digits.slice(-4)]) : card.label;
}

/** The renewal link the calendar may carry: only one the link gate opens without asking (the card's own, else the provider's). */
export function calendarLinkOf(card: Card): string | null {
  const provider = providerById(card.providerId);
  for (const url of [card.channels.website, provider?.renewalUrl ?? '']) {
    if (url === '') continue;
    const decision = linkOpenDecision(card, url);
    if (decision.action === 'open') return decision.url;
  }
  return null;
}

function descriptionOf(card: Card, kind: DeadlineKind, dayText: string, link: string | null, language: string): string {
  const provider = providerById(card.providerId);
  const hotline = card.channels.hotline || provider?.hotline || '';
  const lines = [
    kind === 'due' ? t('calendar_dueWhat', dayText) : t('calendar_lostWhat', dayText),
    provider ? t('ics_provider', providerDisplayName(provider, language)) : null,
    card.phoneNumber ? t('ics_phone', card.phoneNumber) : null,
    hotline ? t('ics_hotline', hotline) : null,
    link ? t('ics_renewAt', link) : null,
    t('ics_zone', card.timeZone),
    t('calendar_madeBy'),
  ];
  return lines.filter((line): line is string => line !== null).join('\n');
}

/** Midnight UTC starting `day`: ical-generator writes an all-day date from a Date's UTC fields. */
function utcMidnight(day: PlainDate): Date {
  const parts = readPlainDate(day);
  if (!parts) throw new RangeError(`not a calendar date: ${day}`);
  const date = new Date(0);
  date.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  return date;
}

/** The property that carries an event's hash: the version of SIM Keeper's text the copy on the server is. */
export const HASH_PROPERTY = 'X-SIM-KEEPER-HASH';

/**
 * The version of SIM Keeper's text a copy from the server holds: the hash it
 * carries, else (a copy some client stripped) the digest of its text, which then
 * matches no version SIM Keeper made.
 */
export function hashOfCopy(ics: string): string {
  const unfolded = ics.replace(/\r?\n[ \t]/g, '');
  const carried = new RegExp(`^${HASH_PROPERTY}(?:;[^:\r\n]*)?:([^\r\n]*)$`, 'm').exec(unfolded)?.[1]?.trim();
  return carried || digestOf(withoutStamp(unfolded.replace(/\r?\n/g, '\r\n')));
}

/** The text without its DTSTAMP line, the one part that changes every time it is made. */
export function withoutStamp(ics: string): string {
  return ics.replace(/^DTSTAMP[:;][^\r\n]*\r\n/gm, '');
}

/**
 * A short digest of `text` (cyrb53, two 32-bit lanes): not cryptographic; it only
 * tells whether SIM Keeper's own text changed since it was last written.
 */
export function digestOf(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h2 >>> 0).toString(16).padStart(8, '0')}${(h1 >>> 0).toString(16).padStart(8, '0')}:${text.length}`;
}

/** The date stamp ical-generator writes, to the second. */
function stampOf(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 1000) * 1000);
}

function eventOf(
  card: Card,
  kind: DeadlineKind,
  day: PlainDate,
  alarms: readonly PlannedReminder[],
  options: CalendarPlanOptions,
): DesiredEvent {
  const uid = eventUid(card, kind);
  const dayText = formatPlainDate(day, options.language);
  const name = cardName(card);
  const summary = kind === 'due' ? t('calendar_dueSummary', [name, dayText]) : t('calendar_lostSummary', [name, dayText]);
  const link = calendarLinkOf(card);
  const calendar = ical({ prodId: { company: 'SIM Keeper', product: 'SIM Keeper calendar', language: 'EN' } });
  calendar.createEvent({
    id: uid,
    stamp: stampOf(options.now),
    start: utcMidnight(day),
    end: utcMidnight(addPlainDays(day, 1)),
    allDay: true,
    summary,
    description: descriptionOf(card, kind, dayText, link, options.language),
    url: link,
    alarms: alarms.map((reminder) => ({ type: 'display' as never, trigger: new Date(reminder.when), description: summary })),
  });
  // ical-generator ends the last line without CRLF; RFC 5545 ends every content line with one.
  const text = `${calendar.toString()}\r\n`;
  const hash = digestOf(withoutStamp(text));
  // The hash travels with the event, so a copy the server re-serialised is still known as this version.
  const ics = text.replace('END:VEVENT\r\n', `${HASH_PROPERTY}:${hash}\r\nEND:VEVENT\r\n`);
  return { uid, cardId: card.id, kind, date: day, ics, hash };
}

/** A deadline as the calendar shows it: its day on the user's calendar and the reminders that ring for it. */
export interface CalendarDeadline {
  kind: DeadlineKind;
  /** The day the popup shows: the one the deadline's last millisecond falls on in the user's zone. */
  date: PlainDate;
  /** The instants the extension's own reminders ring for this deadline, by time. */
  alarms: readonly PlannedReminder[];
}

/**
 * A card's deadlines as the calendar shows them: its due day and, where a grace
 * is known and ends on another day, the day the number is lost. Empty for a card
 * that has not started; throws for one whose dates cannot be computed.
 */
export function calendarDeadlinesOf(card: Card, settings: Settings): CalendarDeadline[] {
  const deadlines = memoCardDeadlines(card);
  if (!deadlines) return [];
  const reminders = planCardReminders(card, settings);
  const alarmsOf = (kind: DeadlineKind) => reminders.filter((reminder) => reminder.deadlineKind === kind);
  const result: CalendarDeadline[] = [{ kind: 'due', date: lastDayBefore(deadlines.endsAt, settings.timeZone), alarms: alarmsOf('due') }];
  if (deadlines.lostAt !== null && deadlines.lostDate !== null && deadlines.lostDate !== deadlines.dueDate) {
    result.push({ kind: 'lost', date: lastDayBefore(deadlines.lostAt, settings.timeZone), alarms: alarmsOf('lost') });
  }
  return result;
}

/** One card's events, one per deadline of {@link calendarDeadlinesOf}. Throws for a card whose dates cannot be computed. */
export function planCardEvents(card: Card, settings: Settings, options: CalendarPlanOptions): DesiredEvent[] {
  return (
    calendarDeadlinesOf(card, settings)
      // iCalendar years have four digits, and DTEND is the next day: a deadline on the last day of 9999 or later has no event.
      .filter(({ date }) => comparePlainDates(date, LAST_EVENT_DAY) <= 0)
      .map(({ kind, date, alarms }) => eventOf(card, kind, date, alarms, options))
  );
}

/**
 * Every event SIM Keeper wants in the user's calendar, card by card. A card
 * whose dates cannot be computed gets none (with a console warning) and never
 * takes another card's events with it; a deleted card is simply absent.
 *
 * @example
 * planCalendarEvents([ultraCard], settings, { language: 'en', now })
 * //=> [{ uid: 'ultra-due@sim-keeper', date: '2026-11-27', ics: 'BEGIN:VCALENDAR…', … }, { uid: 'ultra-lost@sim-keeper', … }]
 */
export function planCalendarEvents(cards: readonly Card[], settings: Settings, options: CalendarPlanOptions): DesiredEvent[] {
  return cards.flatMap((card) => {
    try {
      return planCardEvents(card, settings, options);
    } catch (error) {
      console.warn('SIM Keeper: cannot plan calendar events for card', card.id, error);
      return [];
    }
  });
}
