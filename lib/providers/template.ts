import type { Activity, Card, Channels, Period, Rule } from '../cards/schema';
import type { PlainDate } from '../dates/plain-date';
import type { Provider, RuleTemplate } from './schema';

/*
 * From a catalog entry to a card, and back again when the catalog changes.
 *
 * A new card starts from `templateForCard`. When the user saves it, the form
 * stores `overriddenFields(card, provider)` in `card.overrides`. When a later
 * version ships a corrected catalog, `applyProviderDefaults` brings every card
 * up to date except the fields the user made their own.
 */

/**
 * The card fields that come from the catalog and that a user can override.
 * `rule` is the model and its numbers (not its dates, which are always the
 * card's own, and not the grace, which is `rule.graceDays`).
 */
export type ProviderField = 'rule' | 'rule.graceDays' | 'timeZone' | 'channels.website' | 'channels.app' | 'channels.hotline';

export const PROVIDER_FIELDS: readonly ProviderField[] = [
  'rule',
  'rule.graceDays',
  'timeZone',
  'channels.website',
  'channels.app',
  'channels.hotline',
];

/**
 * What the catalog leaves open and the form should ask for. `rule`: the whole
 * rule is unknown. `graceDays` and `activities` may stay open (no lost date;
 * every activity counts); any other gap leaves the rule incomplete.
 */
export type RuleGap =
  | 'rule'
  | 'anchorDate'
  | 'period'
  | 'window'
  | 'activities'
  | 'validity'
  | 'mode'
  | 'days'
  | 'startTrigger'
  | 'endDate'
  | 'graceDays';

/** Gaps the card can live with: it just has no lost date, or counts every activity. */
const OPTIONAL_GAPS: ReadonlySet<RuleGap> = new Set(['graceDays', 'activities']);

/** The user's answers for what the catalog leaves open (see `RuleGap`). */
export interface RuleAnswers {
  period?: Period;
  window?: Period;
  activities?: Activity[];
  validity?: Period;
  mode?: 'reset' | 'add' | 'max';
  days?: number;
  startTrigger?: 'purchase' | 'first-connection' | 'manual';
  endDate?: PlainDate;
  graceDays?: number;
}

/** The per-card dates a rule needs; which ones are read depends on the rule type. */
export interface RuleDates {
  /** Activation, or the last renewal, top-up or use: `cycle`, `keepAlive` and `topUp` rules count from it. */
  anchorDate?: PlainDate;
  /** A pass's first day, or `null` (the default) while it has not started. */
  startDate?: PlainDate | null;
  /** A `fixed` rule's last day. */
  endDate?: PlainDate;
}

export interface FilledRule {
  /** The complete rule, or `null` while a gap other than grace or activities is open. */
  rule: Rule | null;
  /** Every gap still open, so the form can ask for it. */
  missing: RuleGap[];
}

/**
 * A card rule from a catalog template, the card's dates and the user's answers
 * for what the catalog does not know. Known catalog values win over answers.
 *
 * @example
 * fillRule({ type: 'cycle', period: null, graceDays: 60 }, { anchorDate: '2026-03-01' }, { period: { count: 1, unit: 'months' } })
 * //=> { rule: { type: 'cycle', anchorDate: '2026-03-01', period: { count: 1, unit: 'months' }, graceDays: 60 }, missing: [] }
 */
export function fillRule(template: RuleTemplate | null, dates: RuleDates, answers: RuleAnswers = {}): FilledRule {
  if (template === null) return { rule: null, missing: ['rule'] };
  const missing: RuleGap[] = [];
  const pick = <T>(gap: RuleGap, known: T | null | undefined, answer: T | undefined): T | undefined => {
    const value = known ?? answer;
    if (value === undefined) missing.push(gap);
    return value;
  };
  const graceDays = () => pick('graceDays', template.graceDays, answers.graceDays);
  const anchorDate = () => pick('anchorDate', dates.anchorDate, undefined);
  let rule: Rule | null = null;
  switch (template.type) {
    case 'cycle': {
      const anchor = anchorDate();
      const period = pick('period', template.period, answers.period);
      const grace = graceDays();
      if (anchor && period) rule = { type: 'cycle', anchorDate: anchor, period, graceDays: grace };
      break;
    }
    case 'keepAlive': {
      const anchor = anchorDate();
      const window = pick('window', template.window, answers.window);
      const activities = pick('activities', template.activities, answers.activities);
      const grace = graceDays();
      if (anchor && window) rule = { type: 'keepAlive', anchorDate: anchor, window, graceDays: grace, activities };
      break;
    }
    case 'topUp': {
      const anchor = anchorDate();
      const validity = pick('validity', template.validity, answers.validity);
      const mode = pick('mode', template.mode, answers.mode);
      const grace = graceDays();
      if (anchor && validity && mode) {
        rule = { type: 'topUp', anchorDate: anchor, validity, mode, capDays: template.capDays, graceDays: grace };
      }
      break;
    }
    case 'fixed': {
      const endDate = pick('endDate', dates.endDate, answers.endDate);
      const grace = graceDays();
      if (endDate) rule = { type: 'fixed', endDate, graceDays: grace };
      break;
    }
    case 'pass': {
      const days = pick('days', template.days, answers.days);
      const startTrigger = pick('startTrigger', template.startTrigger, answers.startTrigger);
      const grace = graceDays();
      if (days !== undefined && startTrigger) {
        rule = { type: 'pass', days, startTrigger, startDate: dates.startDate ?? null, graceDays: grace };
      }
      break;
    }
  }
  const complete = missing.every((gap) => OPTIONAL_GAPS.has(gap));
  return { rule: complete ? withoutUndefined(rule) : null, missing };
}

/** Whether the provider counts a pass's days in the destination's zone, so the form should ask for it. */
export function countsInDestinationZone(provider: Pick<Provider, 'ruleTemplate'>): boolean {
  return provider.ruleTemplate?.type === 'pass' && provider.ruleTemplate.dayBoundary === 'destination-midnight';
}

export interface CardTemplateOptions extends RuleDates {
  /** The user's own zone: a card's zone when the provider does not name one. */
  userTimeZone: string;
  /** For a pass counted in the destination's zone: that zone. */
  destinationTimeZone?: string;
  answers?: RuleAnswers;
}

/** The fields of a new card that the catalog fills in. */
export interface CardTemplate extends FilledRule {
  providerId: string;
  timeZone: string;
  channels: Channels;
  /** Always empty for a new card; store `overriddenFields(card, provider)` when it is saved. */
  overrides: ProviderField[];
}

/**
 * The prefilled fields of a new card of `provider`: its rule with the card's
 * dates, its zone, and its official links. Where the catalog does not know a
 * number, `missing` says so and `rule` stays `null` until `answers` fill it.
 *
 * @example
 * templateForCard(providerById('giffgaff')!, { anchorDate: '2026-03-01', userTimeZone: 'Asia/Shanghai' })
 * //=> { providerId: 'giffgaff', timeZone: 'Europe/London',
 * //     rule: { type: 'keepAlive', anchorDate: '2026-03-01', window: { count: 6, unit: 'months' }, activities: [...] },
 * //     missing: ['graceDays'], channels: { website: 'https://www.giffgaff.com/', app: '', hotline: '' }, overrides: [] }
 */
export function templateForCard(provider: Provider, options: CardTemplateOptions): CardTemplate {
  const zone =
    provider.timeZone ?? (countsInDestinationZone(provider) ? (options.destinationTimeZone ?? options.userTimeZone) : options.userTimeZone);
  return {
    providerId: provider.id,
    timeZone: zone,
    ...fillRule(provider.ruleTemplate, options, options.answers),
    channels: { website: provider.renewalUrl, app: provider.app ?? '', hotline: provider.hotline ?? '' },
    overrides: [],
  };
}

type CardFields = Pick<Card, 'providerId' | 'rule' | 'timeZone' | 'channels' | 'overrides' | 'updatedAt'>;

/** The dates of a card's rule, as the dates of a rule of `type`; `null` when they do not carry over. */
function datesFor(type: RuleTemplate['type'], rule: Rule): RuleDates | null {
  const anchored = (r: Rule): r is Extract<Rule, { anchorDate: string }> => 'anchorDate' in r;
  if (type === 'pass') return rule.type === 'pass' ? { startDate: rule.startDate } : null;
  if (type === 'fixed') return rule.type === 'fixed' ? { endDate: rule.endDate } : null;
  return anchored(rule) ? { anchorDate: rule.anchorDate } : null;
}

/** The card's own values for what a template leaves open, so filling a gap never discards them. */
function answersFrom(rule: Rule): RuleAnswers {
  switch (rule.type) {
    case 'cycle':
      return { period: rule.period };
    case 'keepAlive':
      return { window: rule.window, activities: rule.activities };
    case 'topUp':
      return { validity: rule.validity, mode: rule.mode };
    case 'fixed':
      return { endDate: rule.endDate };
    case 'pass':
      return { days: rule.days, startTrigger: rule.startTrigger };
  }
}

/** The catalog's rule for this card with its dates (the card's grace kept), or `null` when the catalog cannot give one. */
function catalogRule(provider: Provider, rule: Rule, answers: RuleAnswers): Rule | null {
  if (provider.ruleTemplate === null) return null;
  const dates = datesFor(provider.ruleTemplate.type, rule);
  if (dates === null) return null;
  const filled = fillRule(provider.ruleTemplate, dates, answers).rule;
  return filled && withoutUndefined({ ...filled, graceDays: rule.graceDays });
}

/**
 * The catalog fields in which `card` differs from what `provider` says, which
 * are the ones the user made their own. A rule value the catalog does not know
 * and the user entered counts as an override too, so a later catalog never
 * replaces what the user typed. Store the result in `card.overrides` on save.
 */
export function overriddenFields(card: Omit<CardFields, 'overrides' | 'updatedAt'>, provider: Provider): ProviderField[] {
  if (card.providerId !== provider.id) return [];
  const fields: ProviderField[] = [];
  const fromCatalog = catalogRule(provider, card.rule, {});
  if (fromCatalog === null || !sameValue(fromCatalog, withoutUndefined({ ...card.rule, graceDays: card.rule.graceDays }))) {
    fields.push('rule');
  }
  if ((provider.ruleTemplate?.graceDays ?? undefined) !== card.rule.graceDays) fields.push('rule.graceDays');
  if (provider.timeZone !== null && provider.timeZone !== card.timeZone) fields.push('timeZone');
  if (card.channels.website !== provider.renewalUrl) fields.push('channels.website');
  if (card.channels.app !== (provider.app ?? '')) fields.push('channels.app');
  if (card.channels.hotline !== (provider.hotline ?? '')) fields.push('channels.hotline');
  return fields;
}

/**
 * The card brought up to date with `provider`'s current catalog entry, except
 * for the fields in `overrides` (by default the card's own `card.overrides`).
 *
 * The card's dates and history are never touched; a catalog value that is
 * unknown never erases the card's; a rule whose model changed in a way the
 * card's dates cannot follow is left as it is. Returns the same object when
 * nothing changes, so callers can skip the write; otherwise `updatedAt` is `now`.
 *
 * @example
 * // giffgaff's window changes from 6 months to 180 days in a later catalog:
 * applyProviderDefaults(card, giffgaff, now).rule.window //=> { count: 180, unit: 'days' }
 * // ...unless the user had set their own:
 * applyProviderDefaults({ ...card, overrides: ['rule'] }, giffgaff, now) === card //=> true
 */
export function applyProviderDefaults<C extends CardFields>(
  card: C,
  provider: Provider,
  now: Date,
  overrides: readonly string[] = card.overrides ?? [],
): C {
  if (card.providerId !== provider.id) return card;
  const kept = new Set(overrides);
  let rule = card.rule;
  if (!kept.has('rule')) {
    const fromCatalog = catalogRule(provider, rule, answersFrom(rule));
    if (fromCatalog && !sameValue(fromCatalog, withoutUndefined(rule))) rule = fromCatalog;
  }
  const catalogGrace = provider.ruleTemplate?.graceDays ?? null;
  if (!kept.has('rule.graceDays') && catalogGrace !== null && rule.graceDays !== catalogGrace) {
    rule = { ...rule, graceDays: catalogGrace };
  }
  const timeZone = !kept.has('timeZone') && provider.timeZone !== null ? provider.timeZone : card.timeZone;
  const channels: Channels = {
    website: kept.has('channels.website') ? card.channels.website : provider.renewalUrl,
    app: kept.has('channels.app') || provider.app === undefined ? card.channels.app : provider.app,
    hotline: kept.has('channels.hotline') || provider.hotline === undefined ? card.channels.hotline : provider.hotline,
  };
  const unchanged =
    rule === card.rule &&
    timeZone === card.timeZone &&
    channels.website === card.channels.website &&
    channels.app === card.channels.app &&
    channels.hotline === card.channels.hotline;
  if (unchanged) return card;
  return { ...card, rule, timeZone, channels, updatedAt: now.toISOString() };
}

/** The object without keys whose value is `undefined`, so optional fields compare and store alike. */
function withoutUndefined<T extends object | null>(value: T): T {
  if (value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Structural equality of plain data, ignoring key order and the order of activity lists. */
function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    // Activity lists are sets; no other array appears in a rule.
    return `[${items.sort().join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
