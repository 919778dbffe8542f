import * as z from 'zod/mini';
import { checkServerAddress, withinAccount } from '../remote/address';
import type { CalendarAccount, CalendarRequest, CalendarState } from './types';

/*
 * The two storage items and the messages, read through schemas (STYLE.md habit
 * 4): an account that does not parse is treated as no account (and left in
 * storage as it is, never replaced); a state that does not parse is dropped,
 * since it is only a record the next round rebuilds from the server.
 */

const errorCodeSchema = z.enum([
  'auth',
  'forbidden',
  'calendarGone',
  'notCalDav',
  'noEvents',
  'conflict',
  'locked',
  'server',
  'quota',
  'unreachable',
  'timeout',
  'certificate',
  'redirect',
  'tooLarge',
  'malformed',
  'permission',
]);

export const calendarAccountSchema = z.object({
  serverUrl: z.string(),
  username: z.string(),
  password: z.string(),
  calendarUrl: z.string(),
  calendarName: z.string(),
  connectedAt: z.string(),
});

export const calendarStateSchema = z.object({
  calendarUrl: z.nullable(z.string()),
  written: z.record(z.string(), z.object({ href: z.string(), etag: z.nullable(z.string()), hash: z.string() })),
  last: z.nullable(
    z.union([
      z.object({ at: z.string(), ok: z.literal(true), put: z.number(), deleted: z.number() }),
      z.object({ at: z.string(), ok: z.literal(false), code: errorCodeSchema, detail: z.string() }),
    ]),
  ),
  lastSuccessAt: z.nullable(z.string()),
  failures: z.number(),
});

/** The stored account, or `null` when there is none or it cannot be read. */
export function parseCalendarAccount(raw: unknown): CalendarAccount | null {
  const parsed = calendarAccountSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The stored state, or `null` when there is none or it cannot be read (a record: safe to rebuild). */
export function parseCalendarState(raw: unknown): CalendarState | null {
  const parsed = calendarStateSchema.safeParse(raw);
  return parsed.success ? (parsed.data as CalendarState) : null;
}

/** Whether `message` is one of the options page's calendar requests. */
export function isCalendarRequest(message: unknown): message is CalendarRequest {
  if (typeof message !== 'object' || message === null) return false;
  const { type, removeEvents } = message as { type?: unknown; removeEvents?: unknown };
  return type === 'calendar:updateNow' || (type === 'calendar:disconnect' && typeof removeEvents === 'boolean');
}

/**
 * Where the account's requests may go, or why they may not: the server address
 * must pass {@link checkServerAddress} and the calendar must be within the account
 * (its origin, or its service family's hosts: {@link withinAccount}).
 */
export function accountOrigin(
  account: CalendarAccount,
): { ok: true; origin: string; permissionPattern: string } | { ok: false; detail: string } {
  const address = checkServerAddress(account.serverUrl);
  if (!address.ok) return { ok: false, detail: `the server address is refused (${address.reason})` };
  let calendar: URL;
  try {
    calendar = new URL(account.calendarUrl);
  } catch {
    return { ok: false, detail: 'the calendar address is not a URL' };
  }
  if (!withinAccount(address.url, calendar))
    return { ok: false, detail: `the calendar is on ${calendar.origin}, not on ${address.origin}` };
  return { ok: true, origin: address.origin, permissionPattern: address.permissionPattern };
}
