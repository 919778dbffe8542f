import * as z from 'zod/mini';
import { activitySchema, periodSchema, plainDateSchema, timeZoneSchema } from '../cards/schema';
import { isSafeLink } from '../browser/links';
import { isOfficialDomainName, linkOfficialStatus } from './official-host';

/*
 * One entry of the provider catalog: what a carrier's own pages say keeps a
 * number alive, where to renew, and how sure we are. The rule part mirrors the
 * card `Rule` of `lib/card-schema.ts` without its dates (those belong to each
 * card); a number the research did not find is `null`, never a guess, so the
 * form asks the user for it instead.
 */

const dayCountSchema = z.number().check(z.int(), z.minimum(0), z.maximum(3650));

/** Days of grace after the due day before the number is lost; `null`: not found. */
const graceTemplateSchema = z.nullable(dayCountSchema);

/** A plan paid one period at a time (Ultra PayGo: 30 days, not calendar months). */
export const cycleTemplateSchema = z.object({
  type: z.literal('cycle'),
  /** `null` when the length depends on the plan bought, or was not found. */
  period: z.nullable(periodSchema),
  /** Lengths the provider sells, for the form to offer (Mint: 3, 6 or 12 months). */
  periodOptions: z.optional(z.array(periodSchema)),
  graceDays: graceTemplateSchema,
});

/** A number that must be used once per window (giffgaff: once every 6 months). */
export const keepAliveTemplateSchema = z.object({
  type: z.literal('keepAlive'),
  window: z.nullable(periodSchema),
  /** The activities the provider counts as use; `null`: the provider does not say. */
  activities: z.nullable(z.array(activitySchema)),
  graceDays: graceTemplateSchema,
});

/** A top-up buys validity of a given length, by amount where the provider has tiers. */
export const amountTierSchema = z.object({
  /** The smallest top-up, in `currency`, that buys `validity`. */
  minAmount: z.number().check(z.minimum(0)),
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
  validity: periodSchema,
});
export type AmountTier = z.infer<typeof amountTierSchema>;

/** Each top-up sets or extends validity (SoftBank: +60 days, at most 360). */
export const topUpTemplateSchema = z.object({
  type: z.literal('topUp'),
  validity: z.nullable(periodSchema),
  validityOptions: z.optional(z.array(periodSchema)),
  amountTiers: z.optional(z.array(amountTierSchema)),
  /** How a top-up combines with the validity left (see the card rule); `null`: not found. */
  mode: z.nullable(z.enum(['reset', 'add', 'max'])),
  capDays: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(3650))),
  graceDays: graceTemplateSchema,
});

/** A card that ends on a date of its own; the date is per card. */
export const fixedTemplateSchema = z.object({
  type: z.literal('fixed'),
  graceDays: graceTemplateSchema,
});

/**
 * Where a pass's days end. `destination-midnight`: each day ends at 23:59 in the
 * country the pass is used in (FarEasTone 遠遊卡); `rolling-24h`: 24-hour blocks
 * from activation; `unknown`: the provider does not say.
 */
export const dayBoundarySchema = z.enum(['destination-midnight', 'rolling-24h', 'unknown']);
export type DayBoundary = z.infer<typeof dayBoundarySchema>;

/** A travel data pass; how many days is chosen at purchase, so usually `null` here. */
export const passTemplateSchema = z.object({
  type: z.literal('pass'),
  days: z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(3650))),
  startTrigger: z.nullable(z.enum(['purchase', 'first-connection', 'manual'])),
  dayBoundary: dayBoundarySchema,
  graceDays: graceTemplateSchema,
});

export const ruleTemplateSchema = z.discriminatedUnion('type', [
  cycleTemplateSchema,
  keepAliveTemplateSchema,
  topUpTemplateSchema,
  fixedTemplateSchema,
  passTemplateSchema,
]);
export type RuleTemplate = z.infer<typeof ruleTemplateSchema>;

/**
 * How sure the entry is. `H`: the provider's own page; `M`: an official but old
 * page, or a reliable second-hand quote; `L`: a blog, forum or inference;
 * `BK`: background knowledge, no source found; `unknown`: nothing found.
 */
export const confidenceSchema = z.enum(['H', 'M', 'L', 'BK', 'unknown']);
export type Confidence = z.infer<typeof confidenceSchema>;

const httpsLinkSchema = z.string().check(z.refine(isSafeLink, 'not an https: link'));

const domainSchema = z.string().check(z.refine(isOfficialDomainName, 'not a lower-case ASCII domain name'));

export const providerSchema = z
  .object({
    /** Stable id stored on cards (`card.providerId`); never rename one. */
    id: z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)),
    names: z.object({
      en: z.string().check(z.minLength(1)),
      zhHans: z.string().check(z.minLength(1)),
      zhHant: z.string().check(z.minLength(1)),
    }),
    /** Other names people search by, in either Chinese script (紫卡, 遠遊卡). */
    nicknames: z.array(z.string().check(z.minLength(1))),
    /** ISO 3166-1 alpha-2 code of the carrier's home, or `eSIM` for travel eSIM sellers. */
    country: z.string().check(z.regex(/^(?:[A-Z]{2}|eSIM)$/)),
    /** Hosts the provider controls; a link on one of them or on a subdomain of one is official. */
    officialDomains: z.array(domainSchema).check(z.minLength(1)),
    renewalUrl: httpsLinkSchema,
    loginUrl: z.optional(httpsLinkSchema),
    hotline: z.optional(z.string().check(z.maxLength(40))),
    /** A page for the provider's app (on an official domain). */
    app: z.optional(httpsLinkSchema),
    /** `null`: the rule is unknown and the user enters it. */
    ruleTemplate: z.nullable(ruleTemplateSchema),
    /**
     * The IANA zone the provider counts days in; `null`: the user's own zone
     * (or, for a pass whose days end at `destination-midnight`, the destination's).
     */
    timeZone: z.nullable(timeZoneSchema),
    /** Where the rule comes from, in words (page titles, not reseller links). */
    source: z.string().check(z.minLength(1)),
    /** The day the rule was last checked against its source. */
    checked: plainDateSchema,
    confidence: confidenceSchema,
    /** Set when the grace period is less certain than the rest of the rule. */
    graceConfidence: z.optional(confidenceSchema),
    /** A short English explanation of what happens and what to watch. */
    notes: z.string().check(z.minLength(1), z.maxLength(400)),
  })
  .check(
    z.refine(
      (entry) =>
        [entry.renewalUrl, entry.loginUrl, entry.app].every((url) => url === undefined || linkOfficialStatus(url, entry) === 'official'),
      { message: 'every link must be on one of the official domains', path: ['officialDomains'] },
    ),
  );

/** One provider of the catalog. */
export type Provider = z.infer<typeof providerSchema>;
export type ProviderRuleType = RuleTemplate['type'];
