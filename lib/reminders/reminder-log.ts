import * as z from 'zod/mini';
import { newerReminderLogVersion, reminderLogItem } from '../store/storage';
import type { PlannedReminder } from './plan';
import { withNamedLock } from '../browser/named-lock';

/*
 * The fired record. Alarms say when to look; this record says what has been
 * shown. Every path that might show a reminder (its alarm, Chrome's late
 * firing of an overdue alarm at startup, the catch-up on install and startup)
 * goes through `collectDueReminders` inside one lock, so a reminder is shown
 * at most once, ever, and a missed batch comes out as one notification.
 */

export const reminderLogSchema = z.object({
  fired: z.record(z.string(), z.number()),
  seen: z.record(z.string(), z.number()),
});
/** The `reminderLog` item, version 1. */
export type ReminderLogV1 = z.infer<typeof reminderLogSchema>;
export type ReminderLog = ReminderLogV1;

/** How long a fired entry of a deadline that is no longer current is kept (for an undone renewal). */
export const FIRED_RETENTION_MS = 30 * 24 * 3_600_000;

export function emptyReminderLog(): ReminderLog {
  return { fired: {}, seen: {} };
}

/** The stored log, or an empty one when it cannot be read (see `reminderLogItem`). */
export function parseReminderLog(raw: unknown): ReminderLog {
  const result = reminderLogSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  if (raw !== null && typeof raw === 'object' && Object.keys(raw).length > 0) {
    console.warn('SIM Keeper: the reminder log is unreadable and starts again empty', raw);
  }
  return emptyReminderLog();
}

export interface DueReminders {
  /** At most one per card: the most recent of its due reminders. */
  show: PlannedReminder[];
  /** The log to store. */
  log: ReminderLog;
  changed: boolean;
}

/**
 * What to show now, and the log after showing it.
 *
 * A reminder is due when its time has come (`when <= now`), it has not fired,
 * and it was still ahead when its deadline was first planned (a reminder that
 * was already past when the user added or renewed the card was never missed).
 * `forced` names reminders whose alarm has just fired: they are due even if
 * the alarm came early. Per card only the most recent due reminder is shown,
 * and every due one is marked as fired, so a batch missed while the browser
 * was closed comes out as one notification, and never again.
 *
 * Deadlines in `plan` not seen before are recorded as seen at `now`; seen
 * marks of deadlines no longer planned are dropped, fired marks after
 * `FIRED_RETENTION_MS`.
 */
export function collectDueReminders(
  plan: readonly PlannedReminder[],
  log: ReminderLog,
  now: number,
  forced: ReadonlySet<string> = new Set(),
): DueReminders {
  const fired = { ...log.fired };
  const seen: Record<string, number> = {};
  let changed = false;

  const current = new Set(plan.map((reminder) => reminder.deadlineKey));
  for (const key of current) {
    const at = log.seen[key];
    if (at === undefined) changed = true;
    seen[key] = at ?? now;
  }
  if (Object.keys(log.seen).some((key) => !current.has(key))) changed = true;

  const latestByCard = new Map<string, PlannedReminder>();
  for (const reminder of plan) {
    if (fired[reminder.alarmName] !== undefined) continue;
    const missed = reminder.when <= now && reminder.when >= (seen[reminder.deadlineKey] ?? now);
    if (!missed && !forced.has(reminder.alarmName)) continue;
    fired[reminder.alarmName] = now;
    changed = true;
    const latest = latestByCard.get(reminder.cardId);
    if (!latest || reminder.when >= latest.when) latestByCard.set(reminder.cardId, reminder);
  }

  for (const [key, at] of Object.entries(fired)) {
    const deadlineKey = key.slice(0, key.lastIndexOf('|'));
    if (!current.has(deadlineKey) && now - at > FIRED_RETENTION_MS) {
      delete fired[key];
      changed = true;
    }
  }

  const show = [...latestByCard.values()].sort((a, b) => a.when - b.when);
  return { show, log: { fired, seen }, changed };
}

/** One change of the log at a time. */
const withLogLock = <T>(task: () => Promise<T>): Promise<T> => withNamedLock('sim-keeper:reminder-log', task);

/**
 * Takes the due reminders out of the stored log, atomically: two callers at
 * once (an alarm and the startup catch-up) never both get the same reminder.
 */
export function takeDueReminders(plan: readonly PlannedReminder[], now: number, forced?: ReadonlySet<string>): Promise<PlannedReminder[]> {
  return withLogLock(async () => {
    const raw = await reminderLogItem.getValue();
    const due = collectDueReminders(plan, parseReminderLog(raw), now, forced);
    if (due.changed) {
      const stored = storableLog(raw, due.log, await newerReminderLogVersion());
      if (stored) await reminderLogItem.setValue(stored);
    }
    return due.show;
  });
}

/**
 * What to store after `log` was taken from `raw`. A log written by a newer
 * release (`newerVersion`, after a downgrade or from another profile) keeps
 * every field this release does not know; when its `fired` and `seen` are not
 * in the shape this release reads, nothing is written at all: the newer
 * release's record is worth more than this one's (a reminder may then show
 * again here, never be lost there).
 */
export function storableLog(raw: unknown, log: ReminderLog, newerVersion: number | null): object | null {
  if (newerVersion === null) return log;
  if (!reminderLogSchema.safeParse(raw).success || typeof raw !== 'object' || raw === null) {
    console.warn(`SIM Keeper: the reminder log was written by a newer version (data version ${newerVersion}); it is left as it is`);
    return null;
  }
  return { ...raw, ...log };
}
