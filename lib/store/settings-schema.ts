import * as z from 'zod/mini';
import { timeZoneSchema } from '../cards/schema';

export const DEFAULT_LEAD_DAYS: readonly number[] = [30, 7, 3, 1, 0];
export const DEFAULT_REMINDER_TIME = '09:00';
export const DEFAULT_ESCALATE_HOURS = 8;

const currencySchema = z.string().check(z.regex(/^[A-Z]{3}$/));

/**
 * Conversion rates typed in by the user (no rate service is asked): one unit of
 * each currency in `rates` is worth that many of `homeCurrency`.
 */
export const conversionSchema = z.object({
  homeCurrency: currencySchema,
  rates: z.record(currencySchema, z.number().check(z.positive(), z.maximum(1e9))),
});
export type ConversionSettings = z.infer<typeof conversionSchema>;

export const reminderTimeSchema = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));

/** The user's settings, version 1. Every field is optional in storage; `resolveSettings` fills defaults. */
export const settingsSchema = z.object({
  /** The user's own zone; absent or `null`: the browser's. */
  timeZone: z.optional(z.nullable(timeZoneSchema)),
  /** Local time of day reminders are raised at, `HH:mm`. */
  reminderTime: z.optional(reminderTimeSchema),
  /** Default days before a deadline to remind; 0 is the day itself. */
  leadDays: z.optional(z.array(z.number().check(z.int(), z.minimum(0), z.maximum(365)))),
  /** Hours between escalating reminders in the last 48 hours. */
  escalateHours: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(24))),
  /** Rates to show one total of what the cards cost in the user's currency; absent: totals per currency only. */
  conversion: z.optional(conversionSchema),
});
export type SettingsV1 = z.infer<typeof settingsSchema>;

export interface Settings {
  timeZone: string;
  reminderTime: string;
  leadDays: number[];
  escalateHours: number;
  /** Absent or `null`: no rates entered. */
  conversion?: ConversionSettings | null;
}

/** Fills in defaults; `browserZone` is passed in so this stays pure. */
export function resolveSettings(stored: SettingsV1, browserZone: string): Settings {
  return {
    timeZone: stored.timeZone ?? browserZone,
    reminderTime: stored.reminderTime ?? DEFAULT_REMINDER_TIME,
    leadDays: [...(stored.leadDays ?? DEFAULT_LEAD_DAYS)],
    escalateHours: stored.escalateHours ?? DEFAULT_ESCALATE_HOURS,
    conversion: stored.conversion ?? null,
  };
}
