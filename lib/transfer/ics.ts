import ical, { ICalAlarmRelatesTo, ICalAlarmType, ICalEventRepeatingFreq, type ICalRepeatingOptions } from 'ical-generator';
import { t } from '../browser/i18n';
import { lastDayBefore } from '../cards/countdown';
import { addPeriod, cardDeadlines, currentTerm } from '../cards/deadlines';
import type { Card, CardEvent } from '../cards/schema';
import {
  addPlainDays,
  addPlainMonths,
  browserTimeZone,
  comparePlainDates,
  instantAtLocalTime,
  parsePlainDate,
  possibleInstantsAtLocalTime,
  readPlainDate,
  startOfPlainDateInZone,
  type PlainDate,
} from '../dates/plain-date';
import { zoneOffsetMs } from '../dates/zone-offset';
import { providerById } from '../providers/catalog';
import { providerDisplayName } from '../providers/names';
import { vtimezone } from './vtimezone';

/*
 * The calendar export: each card's deadlines as events a calendar app keeps up
 * to date, with alarms that ring exactly when the extension's own reminders do
 * (lib/reminders/plan.ts). So an event sits on the deadline's last day on the
 * USER's calendar, as the popup shows it (the day the deadline's last
 * millisecond falls on in the user's zone), and lead day N rings at the
 * reminder time in the user's zone, N days before that day. Its UID is made
 * from the card id, so importing a newer file updates the event instead of
 * adding a second one.
 *
 * Two forms, and the export proves which one is exact before writing it:
 * - zoned: `DTSTART;TZID=<user zone>` at midnight, a VTIMEZONE covering every
 *   occurrence, alarms as durations from the start. Needed for an RRULE (the
 *   wall clock repeats across DST). Used when every midnight and alarm time
 *   exists exactly once (no DST gap or repeat), has a whole-minute offset, and
 *   a duration gives the same instant whether the calendar counts its hours on
 *   the wall clock (ical.js) or as elapsed time (RFC 5545 §3.3.6);
 * - UTC: start, end and absolute alarm times in UTC, exact in every app.
 */

/** What the export needs from the user's settings. */
export interface IcsOptions {
  /** Lead days of cards that set none (the user's default). */
  leadDays: readonly number[];
  /** `HH:mm`: alarms ring at this time in the user's zone, as the extension's own reminders do. */
  reminderTime: string;
  /**
   * The user's zone (`settings.timeZone`): the events sit on the user's calendar and the alarms
   * ring in it. Absent: the browser's zone, which is what settings fall back to as well.
   */
  timeZone?: string;
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

/** A stable UID: the same card and kind of deadline always give the same one. */
export function eventUid(card: Pick<Card, 'id'>, kind: 'due' | 'lost'): string {
  return `${encodeURIComponent(card.id)}-${kind}@sim-keeper`;
}

const DAY_SECONDS = 86_400;
/** The last year an iCalendar date can be written in (four digits). */
const LAST_WRITABLE_YEAR = 9999;

/** The `HH:mm` reminder time as numbers (09:00 when unreadable), read as the reminder planner reads it. */
function reminderClock(value: string): { hour: number; minute: number } {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : { hour: 9, minute: 0 };
}

/** One alarm: lead day `days`, due at `when` (ms). */
interface Alarm {
  days: number;
  when: number;
}

/** Where the user stands: zone, reminder time, lead days, snooze. */
interface Viewer {
  zone: string;
  hour: number;
  minute: number;
  leadDays: readonly number[];
  snoozedUntil: number | null;
}

/**
 * The daily reminders of a deadline, as lib/reminders/plan.ts plans them (it
 * sits beside this layer, so the rule is restated here, and the tests hold the
 * two together): lead day N is N days before `userDay` at the reminder time in
 * the user's zone, kept only before the deadline ends (`at`), only after
 * `afterDay` when given (grace reminders start after the due day), and only
 * from the snooze on.
 */
function dailyAlarms(userDay: PlainDate, at: number, viewer: Viewer, afterDay: PlainDate | null): Alarm[] {
  const alarms: Alarm[] = [];
  for (const days of viewer.leadDays) {
    const day = addPlainDays(userDay, -days);
    if (afterDay !== null && comparePlainDates(day, afterDay) <= 0) continue;
    const when = instantAtLocalTime(day, viewer.hour, viewer.minute, viewer.zone).getTime();
    if (when >= at) continue;
    if (viewer.snoozedUntil !== null && when < viewer.snoozedUntil) continue;
    alarms.push({ days, when });
  }
  return alarms;
}

/** Seconds from the event's start (midnight of the user's day) to lead day `days` at `hour:minute`, on the wall clock. */
function triggerSeconds(days: number, hour: number, minute: number): number {
  return -days * DAY_SECONDS + hour * 3600 + minute * 60;
}

/** The one instant of `hour:minute` on `day` in `zone`, or `null` when a DST change skips or repeats it or its offset has seconds. */
function uniqueInstant(day: PlainDate, hour: number, minute: number, zone: string): number | null {
  const parts = readPlainDate(day);
  if (!parts || parts.year > LAST_WRITABLE_YEAR) return null;
  const instants = possibleInstantsAtLocalTime(day, hour, minute, zone);
  if (instants.length !== 1) return null;
  const instant = (instants[0] as Date).getTime();
  // ical.js reads TZOFFSETFROM/TO to the minute only (Monrovia's −0:44:30 would be 30 s off).
  return zoneOffsetMs(zone, instant) % 60_000 === 0 ? instant : null;
}

/**
 * Whether the zoned form is exact for one occurrence on `userDay`: its midnight
 * and the next one exist once, and each alarm's trigger, a duration from that
 * midnight, gives the alarm's instant whether the calendar adds it on the wall
 * clock or adds nominal days then elapsed hours.
 */
function zonedFormIsExact(userDay: PlainDate, alarms: readonly Alarm[], viewer: Viewer): boolean {
  const start = uniqueInstant(userDay, 0, 0, viewer.zone);
  if (start === null || uniqueInstant(addPlainDays(userDay, 1), 0, 0, viewer.zone) === null) return false;
  return alarms.every(({ days, when }) => {
    // The wall-clock reading: the reminder time on the lead day, which must exist once.
    if (uniqueInstant(addPlainDays(userDay, -days), viewer.hour, viewer.minute, viewer.zone) !== when) return false;
    // The elapsed reading: whole days back on the calendar, then the hours as elapsed time.
    const seconds = triggerSeconds(days, viewer.hour, viewer.minute);
    if (seconds >= 0) return start + seconds * 1000 === when;
    const wholeDays = Math.floor(-seconds / DAY_SECONDS);
    const base = uniqueInstant(addPlainDays(userDay, -wholeDays), 0, 0, viewer.zone);
    return base !== null && base - (-seconds - wholeDays * DAY_SECONDS) * 1000 === when;
  });
}

/** One event to write: its day on the user's calendar, the alarms, and the RRULE with its COUNT if it repeats. */
interface PlannedEvent {
  userDay: PlainDate;
  alarms: Alarm[];
  zoned: boolean;
  repeating: ICalRepeatingOptions | null;
  /** Every day an occurrence or an alarm of the event falls on (for the VTIMEZONE). */
  days: PlainDate[];
}

/**
 * The due event of a card. With a repeating plan, the k-th repeat is the
 * deadline of paying on each due day (`repeatingRuleOf` checks the card's own
 * rule); it is written as an RRULE only as long as every repeat lands where the
 * RRULE puts it on the USER's calendar, carries the same alarms at the same
 * wall times, and the zoned form is exact for it. COUNT stops at the first
 * repeat that would not, so every occurrence a calendar shows is right.
 */
function dueEvent(card: Card, due: PlainDate, endsAt: number, viewer: Viewer): PlannedEvent | null {
  const userDay = lastDayBefore(endsAt, viewer.zone);
  if ((readPlainDate(addPlainDays(userDay, 1))?.year ?? Number.POSITIVE_INFINITY) > LAST_WRITABLE_YEAR) return null;
  const alarms = dailyAlarms(userDay, endsAt, viewer, null);
  const single = singleEvent(userDay, alarms, viewer);
  const rule = repeatingRuleOf(card);
  if (!rule || !single.zoned || card.rule.type !== 'cycle') return single;
  const { period } = card.rule;
  const firstDay = readPlainDate(userDay);
  // A monthly RRULE skips months without its day: only days every month has.
  if (period.unit === 'months' && (firstDay?.day ?? 31) > 28) return single;
  const leadDaysKept = alarms.map((alarm) => alarm.days).join(',');
  // Repeats are standing rules: a snooze applies only to the current deadline.
  const repeatViewer: Viewer = { ...viewer, snoozedUntil: null };
  const days = [...single.days];
  let count = 1;
  for (let k = 1; k <= CHECKED_REPEATS; k++) {
    const repeatEndsAt = startOfPlainDateInZone(addPlainDays(addPeriod(due, period, k), 1), card.timeZone).getTime();
    const repeatDay = lastDayBefore(repeatEndsAt, viewer.zone);
    const ruleDay = period.unit === 'days' ? addPlainDays(userDay, period.count * k) : addPlainMonths(userDay, period.count * k);
    if (repeatDay !== ruleDay) break;
    const repeatAlarms = dailyAlarms(repeatDay, repeatEndsAt, repeatViewer, null);
    if (repeatAlarms.map((alarm) => alarm.days).join(',') !== leadDaysKept) break;
    if (!zonedFormIsExact(repeatDay, repeatAlarms, viewer)) break;
    days.push(repeatDay, addPlainDays(repeatDay, 1), ...repeatAlarms.map((alarm) => addPlainDays(repeatDay, -alarm.days)));
    count = k + 1;
  }
  if (count === 1) return single;
  return { ...single, repeating: { ...rule, count }, days };
}

/** A one-off event on `userDay`: zoned when that is exact, otherwise in UTC. */
function singleEvent(userDay: PlainDate, alarms: Alarm[], viewer: Viewer): PlannedEvent {
  const zoned = zonedFormIsExact(userDay, alarms, viewer);
  const days = zoned ? [userDay, addPlainDays(userDay, 1), ...alarms.map((alarm) => addPlainDays(userDay, -alarm.days))] : [];
  return { userDay, alarms, zoned, repeating: null, days };
}

/**
 * A wall time as ical-generator writes a zoned value (through its Luxon
 * interface): the fields of `day` at midnight after `TZID=`, never read
 * through the machine's zone (a native Date or a TZDate would be).
 */
function midnightWallTime(day: PlainDate, instant: number) {
  const compact = day.replaceAll('-', '');
  const value = {
    isValid: true,
    zone: { type: 'iana' },
    setZone: () => value,
    toFormat: (format: string) => (format === 'HHmmss' ? '000000' : compact),
    toJSDate: () => new Date(instant),
    toJSON: () => new Date(instant).toISOString(),
  };
  return value;
}

/**
 * The cards' deadlines as an iCalendar file: for each card, its due day and,
 * where a grace is known, the last day before the number is lost, each a whole
 * day on the user's calendar, with one alarm per lead day at the reminder time
 * in the user's zone (the instants the extension's own reminders ring), and
 * the renewal link as URL. A day past 9999 cannot be written and is left out.
 */
export function cardsToIcs(cards: readonly Card[], options: IcsOptions): string {
  const zoneDays = new Set<number>();
  const zone = options.timeZone ?? browserTimeZone();
  const calendar = ical({
    prodId: { company: 'SIM Keeper', product: 'SIM Keeper', language: options.language.toUpperCase().slice(0, 2) || 'EN' },
    name: t('extName'),
    timezone: { name: null, generator: (tzid) => vtimezone(tzid, zoneDays) },
  });
  const { hour, minute } = reminderClock(options.reminderTime);
  const write = (card: Card, kind: 'due' | 'lost', summary: string, event: PlannedEvent) => {
    const provider = providerById(card.providerId);
    const next = addPlainDays(event.userDay, 1);
    const start = startOfPlainDateInZone(event.userDay, zone).getTime();
    const end = startOfPlainDateInZone(next, zone).getTime();
    for (const day of event.days) zoneDays.add(readPlainDate(day)?.year ?? 0);
    const calendarEvent = calendar.createEvent({
      id: eventUid(card, kind),
      sequence: sequenceOf(card),
      stamp: options.now,
      ...(event.zoned
        ? // No DTEND: DURATION:P1D is added below.
          { start: midnightWallTime(event.userDay, start), timezone: zone }
        : { start: new Date(start), end: new Date(end) }),
      summary,
      description: descriptionOf(card, options.language),
      url: card.channels.website || provider?.renewalUrl || null,
      repeating: event.repeating,
    });
    for (const { days, when } of event.alarms) {
      // Zoned: a duration from midnight, so each repeat rings on its own day. UTC: the instant itself.
      // ical-generator takes a number as seconds BEFORE the start, and relates a later one to the END unless told.
      const alarm = calendarEvent.createAlarm({
        type: ICalAlarmType.display,
        trigger: event.zoned ? -triggerSeconds(days, hour, minute) : new Date(when),
        description: summary,
      });
      if (event.zoned) alarm.relatesTo(ICalAlarmRelatesTo.start);
    }
  };
  const writeCard = (card: Card) => {
    const deadlines = cardDeadlines(card);
    if (!deadlines) return;
    const viewer: Viewer = {
      zone,
      hour,
      minute,
      leadDays: [...new Set(leadDaysOf(card, options.leadDays))].sort((a, b) => b - a),
      snoozedUntil: snoozedUntilOf(card),
    };
    const endsAt = deadlines.endsAt.getTime();
    const due = dueEvent(card, deadlines.dueDate, endsAt, viewer);
    if (due) write(card, 'due', t('ics_dueSummary', card.label), due);
    if (deadlines.lostDate === null || deadlines.lostAt === null) return;
    const lostAt = deadlines.lostAt.getTime();
    const lostDay = lastDayBefore(lostAt, zone);
    if ((readPlainDate(addPlainDays(lostDay, 1))?.year ?? Number.POSITIVE_INFINITY) > LAST_WRITABLE_YEAR) return;
    // As the planner: no grace reminders when the grace ends the same day, and none on or before the due day.
    const lostAlarms = deadlines.lostDate === deadlines.dueDate ? [] : dailyAlarms(lostDay, lostAt, viewer, lastDayBefore(endsAt, zone));
    write(card, 'lost', t('ics_lostSummary', card.label), singleEvent(lostDay, lostAlarms, viewer));
  };
  for (const card of cards) {
    // One card whose dates cannot be computed loses its own events, never the others' (as the planner does).
    try {
      writeCard(card);
    } catch (error) {
      console.warn('SIM Keeper: cannot export card to the calendar', card.id, error);
    }
  }
  // A zoned event lasts one calendar day, written DURATION:P1D (a nominal day, RFC 5545 §3.3.6), not
  // DTEND: ical.js turns DTEND into elapsed hours (25 on a fall-back day) and adds those on the wall
  // clock to every occurrence, ending it at 01:00. ical-generator writes no DURATION, so it is put
  // after each event's DTSTART that has no DTEND (ical-generator writes DTSTAMP, then DTSTART, then
  // DTEND if any; a zoned DTSTART is never folded: the longest zone name leaves it under 75 octets).
  const text = calendar.toString().replace(/^(DTSTAMP:[^\r\n]+\r\nDTSTART[^\r\n]+)\r\n(?!DTEND)/gm, '$1\r\nDURATION:P1D\r\n');
  // RFC 5545 §3.1: every content line, the last one too, ends with CRLF.
  return `${text}\r\n`;
}

/** The snooze instant in ms, or `null` (as lib/reminders/plan.ts reads it). */
function snoozedUntilOf(card: Pick<Card, 'reminders'>): number | null {
  const value = card.reminders?.snoozedUntil;
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
