import * as z from 'zod/mini';
import { isPlainDate, isValidTimeZone } from '../dates/plain-date';
import { isSafeLink } from '../browser/links';

/*
 * The one schema of a stored card. Every type in the app that describes a card
 * is inferred from here, so the validator and the type can never drift apart.
 * `docs/storage.md` documents the same shape for people repairing data by hand.
 */

/** A calendar date `YYYY-MM-DD` from 1900-01-01 to 9999-12-31: the range the date code computes with. */
export const plainDateSchema = z.string().check(z.refine(isPlainDate, 'not a calendar date from 1900-01-01 to 9999-12-31 (YYYY-MM-DD)'));

export const timeZoneSchema = z.string().check(z.refine(isValidTimeZone, 'not an IANA time zone'));

/** A whole number of days or calendar months. */
export const periodSchema = z.object({
  count: z.number().check(z.int(), z.minimum(1), z.maximum(3650)),
  unit: z.enum(['days', 'months']),
});
export type Period = z.infer<typeof periodSchema>;

const graceDaysSchema = z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(3650)));

/** Activities a carrier may count as "use" for a keep-alive window. */
export const activitySchema = z.enum(['call', 'sms', 'data', 'top-up']);
export type Activity = z.infer<typeof activitySchema>;

/** 1. The card ends on a given date (a travel pass, or the date the carrier shows). */
export const fixedRuleSchema = z.object({
  type: z.literal('fixed'),
  endDate: plainDateSchema,
  graceDays: graceDaysSchema,
});

/** 2. A plan paid for one period at a time, from an anchor date. */
export const cycleRuleSchema = z.object({
  type: z.literal('cycle'),
  anchorDate: plainDateSchema,
  period: periodSchema,
  graceDays: graceDaysSchema,
});

/** 3. The number needs a qualifying activity once per window. */
export const keepAliveRuleSchema = z.object({
  type: z.literal('keepAlive'),
  anchorDate: plainDateSchema,
  window: periodSchema,
  graceDays: graceDaysSchema,
  activities: z.optional(z.array(activitySchema)),
});

/** 4. Each top-up sets or extends validity. */
export const topUpRuleSchema = z.object({
  type: z.literal('topUp'),
  anchorDate: plainDateSchema,
  validity: periodSchema,
  /** `reset`: N from the top-up; `add`: N added to the current end; `max`: the later of the two. */
  mode: z.enum(['reset', 'add', 'max']),
  /** At most this many days of validity from the day of a top-up (SoftBank: 360). */
  capDays: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(3650))),
  graceDays: graceDaysSchema,
});

/** 5. A travel pass of N days, which starts at purchase, at first connection, or on a given date. */
export const passRuleSchema = z.object({
  type: z.literal('pass'),
  days: z.number().check(z.int(), z.minimum(1), z.maximum(3650)),
  startTrigger: z.enum(['purchase', 'first-connection', 'manual']),
  /** The first day of the pass, or `null` while it has not started. */
  startDate: z.nullable(plainDateSchema),
  graceDays: graceDaysSchema,
});

export const ruleSchema = z.discriminatedUnion('type', [
  fixedRuleSchema,
  cycleRuleSchema,
  keepAliveRuleSchema,
  topUpRuleSchema,
  passRuleSchema,
]);
export type Rule = z.infer<typeof ruleSchema>;
export type RuleType = Rule['type'];
export const RULE_TYPES: readonly RuleType[] = ['cycle', 'keepAlive', 'topUp', 'fixed', 'pass'];

export const eventKindSchema = z.enum(['activated', 'renewed', 'topped-up', 'used', 'carrier-date']);
export type EventKind = z.infer<typeof eventKindSchema>;

/** Something that happened to the card, on the calendar day (in the card's zone) it really happened. */
export const cardEventSchema = z.object({
  id: z.string().check(z.minLength(1)),
  date: plainDateSchema,
  kind: eventKindSchema,
  /** For `carrier-date`: the end date the carrier shows, which wins over any computed date. */
  endDate: z.optional(plainDateSchema),
  amount: z.optional(z.number().check(z.minimum(0))),
  currency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/))),
  activity: z.optional(activitySchema),
  note: z.optional(z.string().check(z.maxLength(500))),
});
export type CardEvent = z.infer<typeof cardEventSchema>;

const linkSchema = z.string().check(z.refine((v) => v === '' || isSafeLink(v), 'not an https: link'));

export const channelsSchema = z.object({
  website: linkSchema,
  app: linkSchema,
  hotline: z.string().check(z.maxLength(40)),
});
export type Channels = z.infer<typeof channelsSchema>;

export const reminderPrefsSchema = z.object({
  /** Off: this card raises no notification at all. */
  enabled: z.boolean(),
  /** Days before each deadline to remind; absent: the user's default lead times. */
  leadDays: z.optional(z.array(z.number().check(z.int(), z.minimum(0), z.maximum(365)))),
  /** Remind every few hours in the last 48 hours; absent: on for keep-alive cards. */
  escalate: z.optional(z.boolean()),
  /** Reminders before this instant (ISO) are snoozed. */
  snoozedUntil: z.optional(z.string()),
});
export type ReminderPrefs = z.infer<typeof reminderPrefsSchema>;

export const cardSchema = z.object({
  id: z.string().check(z.minLength(1)),
  label: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
  providerId: z.nullable(z.string()),
  phoneNumber: z.string().check(z.maxLength(32)),
  notes: z.string().check(z.maxLength(2000)),
  /** The IANA zone the card's days are counted in. */
  timeZone: timeZoneSchema,
  channels: channelsSchema,
  rule: ruleSchema,
  history: z.array(cardEventSchema),
  reminders: z.optional(reminderPrefsSchema),
  /** Catalog fields the user changed by hand, kept when the catalog changes. */
  overrides: z.optional(z.array(z.string())),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A card as stored in version 1 of the `cards` item. */
export type CardV1 = z.infer<typeof cardSchema>;
export type Card = CardV1;
