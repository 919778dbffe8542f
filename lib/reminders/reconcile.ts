import { addPlainDays, plainDateInZone, startOfPlainDateInZone } from '../dates/plain-date';
import { REMINDER_ALARM_PREFIX, type PlannedReminder } from './plan';

/*
 * Alarms are reconciled, not recreated: the wanted alarms
 * are compared with what the browser holds, and only the difference is
 * applied. An alarm that is already right is never touched, so running this on
 * every start and every change never pushes a reminder later.
 */

/** The daily alarm at the user's local midnight that refreshes the badge and the plan. */
export const MIDNIGHT_ALARM = `${REMINDER_ALARM_PREFIX}midnight`;

/**
 * Chrome refuses more than 500 alarms per extension (since Chrome 117), so
 * only the soonest reminders get one. That is enough: every alarm and the
 * daily midnight alarm re-plan, and a firing shows every reminder due by then,
 * alarmed or not.
 */
export const MAX_REMINDER_ALARMS = 400;

export interface WantedAlarm {
  name: string;
  /** ms since the epoch. */
  when: number;
}

/** The part of `browser.alarms` the reconciler uses, so tests and benchmarks can pass their own. */
export interface AlarmsApi {
  getAll(): Promise<readonly { name: string; scheduledTime: number }[]>;
  create(name: string, info: { when: number }): unknown;
  clear(name: string): Promise<unknown>;
}

/** The first instant of the user's next calendar day. */
export function nextLocalMidnight(now: Date, timeZone: string): Date {
  return startOfPlainDateInZone(addPlainDays(plainDateInZone(now, timeZone), 1), timeZone);
}

/** The alarms that should exist at `now`: the soonest future reminders, and the midnight refresh. */
export function wantedAlarms(plan: readonly PlannedReminder[], now: Date, timeZone: string): WantedAlarm[] {
  const future = plan.filter((reminder) => reminder.when > now.getTime());
  future.sort((a, b) => a.when - b.when);
  return [
    ...future.slice(0, MAX_REMINDER_ALARMS).map((reminder) => ({ name: reminder.alarmName, when: reminder.when })),
    { name: MIDNIGHT_ALARM, when: nextLocalMidnight(now, timeZone).getTime() },
  ];
}

export interface ReconcileResult {
  created: string[];
  cleared: string[];
}

/**
 * Makes the browser's reminder alarms (names starting `r|`) match `wanted`.
 *
 * - An alarm already at its wanted time is kept as it is.
 * - An alarm whose time has come is left to fire: the fired record decides
 *   whether it shows anything.
 * - Any other alarm of ours is cleared: its reminder is gone (the card was
 *   renewed, reminders turned off) or the plan moved it (a new reminder time).
 * - Wanted alarms that do not exist are created.
 *
 * Alarms of other modules are never touched.
 */
export async function reconcileAlarms(wanted: readonly WantedAlarm[], api: AlarmsApi, now: Date): Promise<ReconcileResult> {
  const wantedByName = new Map(wanted.map((alarm) => [alarm.name, alarm.when]));
  // A copy: some implementations hand out their live list.
  const existing = [...(await api.getAll())].filter((alarm) => alarm.name.startsWith(REMINDER_ALARM_PREFIX));
  const kept = new Set<string>();
  const cleared: string[] = [];
  for (const alarm of existing) {
    if (wantedByName.get(alarm.name) === alarm.scheduledTime || alarm.scheduledTime <= now.getTime()) {
      kept.add(alarm.name);
    } else {
      cleared.push(alarm.name);
    }
  }
  await Promise.all(cleared.map((name) => api.clear(name)));
  const created: string[] = [];
  for (const alarm of wanted) {
    if (kept.has(alarm.name) || alarm.when <= now.getTime()) continue;
    await api.create(alarm.name, { when: alarm.when });
    created.push(alarm.name);
  }
  return { created, cleared };
}
