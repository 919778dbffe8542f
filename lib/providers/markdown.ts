import type { Period } from '../cards/schema';
import type { Provider, RuleTemplate } from './schema';

/*
 * `docs/providers.md`, rendered from the catalog so the two cannot drift; the
 * unit test `tests/unit/providers-docs.test.ts` fails when the file is stale
 * and rewrites it when run with UPDATE_DOCS=1. English only: it is for
 * contributors checking the data, not for the extension's UI.
 */

const ACTIVITY_WORDS = { call: 'call', sms: 'SMS', data: 'data', 'top-up': 'top-up' } as const;

function describePeriod(period: Period): string {
  const unit = period.unit === 'days' ? 'day' : 'month';
  return `${period.count} ${unit}${period.count === 1 ? '' : 's'}`;
}

function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The periods as one phrase that shares its unit where it can: "1, 3, 6 or 12 months". */
function describeChoices(periods: readonly Period[]): string {
  const units = new Set(periods.map((p) => p.unit));
  if (units.size === 1) {
    return `${listInWords(periods.map((p) => String(p.count)))} ${periods[0]?.unit === 'days' ? 'days' : 'months'}`;
  }
  return listInWords(periods.map(describePeriod));
}

/**
 * The rule of a catalog entry in plain English, saying what is unknown.
 *
 * @example
 * describeRuleTemplate({ type: 'keepAlive', window: { count: 6, unit: 'months' }, activities: ['call', 'sms'], graceDays: null })
 * //=> 'Use it once every 6 months (counts: call or SMS)'
 */
export function describeRuleTemplate(template: RuleTemplate | null): string {
  if (template === null) return 'Unknown: enter the rule your card shows';
  switch (template.type) {
    case 'cycle': {
      if (template.period) return `Plan renewed every ${describePeriod(template.period)}`;
      if (template.periodOptions) return `Plan renewed every ${describeChoices(template.periodOptions)}, as bought`;
      return 'Plan renewed each period (length unknown: ask)';
    }
    case 'keepAlive': {
      const window = template.window ? `once every ${describePeriod(template.window)}` : 'regularly (window unknown: ask)';
      const counts = template.activities
        ? `counts: ${listInWords(template.activities.map((a) => ACTIVITY_WORDS[a]))}`
        : 'which activities count: unknown';
      return `Use it ${window} (${counts})`;
    }
    case 'topUp': {
      const tiers = template.amountTiers?.map((tier) => `${tier.currency} ${tier.minAmount}+: ${describePeriod(tier.validity)}`);
      const validity = template.validity
        ? describePeriod(template.validity)
        : template.validityOptions
          ? `${describeChoices(template.validityOptions)} (by card type)`
          : tiers
            ? 'validity by amount'
            : 'validity (length unknown: ask)';
      const action =
        template.mode === 'reset'
          ? `resets validity to ${validity} from the top-up`
          : template.mode === 'add'
            ? `adds ${validity}`
            : template.mode === 'max'
              ? `extends validity to ${validity} from the top-up, if that is later`
              : `gives ${validity} (whether it adds or resets: unknown)`;
      const cap = template.capDays ? `, at most ${template.capDays} days` : '';
      return `Each top-up ${action}${cap}${tiers ? `; ${tiers.join(', ')}` : ''}`;
    }
    case 'fixed':
      return 'Ends on a date of its own';
    case 'pass': {
      const length = template.days ? `${template.days}-day pass` : 'Pass of the days bought';
      const start = template.startTrigger ? `starts at ${template.startTrigger.replace('-', ' ')}` : 'start unknown';
      const boundary =
        template.dayBoundary === 'destination-midnight'
          ? "; days end at 23:59 in the destination's zone"
          : template.dayBoundary === 'rolling-24h'
            ? '; days are rolling 24 hours'
            : '';
      return `${length}, ${start}${boundary}`;
    }
  }
}

/** The grace in words: "30 days", "none", or "unknown". */
export function describeGrace(provider: Pick<Provider, 'ruleTemplate' | 'graceConfidence'>): string {
  const grace = provider.ruleTemplate?.graceDays ?? null;
  if (grace === null) return 'unknown';
  const words = grace === 0 ? 'none' : `${grace} day${grace === 1 ? '' : 's'}`;
  return provider.graceConfidence ? `${words} (${provider.graceConfidence})` : words;
}

function describeZone(provider: Provider): string {
  if (provider.timeZone) return provider.timeZone;
  const template = provider.ruleTemplate;
  return template?.type === 'pass' && template.dayBoundary === 'destination-midnight' ? "destination's" : "user's";
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function linkCell(url: string): string {
  const { host, pathname } = new URL(url);
  return `[${host}${pathname === '/' ? '' : pathname}](${url})`;
}

/** The whole of `docs/providers.md` for `providers`. */
export function renderProvidersMarkdown(providers: readonly Provider[]): string {
  const header = [
    '# Provider catalog',
    '',
    '<!-- Generated from lib/providers by `npm run docs:providers`; do not edit by hand. -->',
    '',
    'What keeps each prepaid number or data plan alive, as SIM Keeper prefills it when you pick a provider.',
    'Rules change and differ between card types: the date your carrier shows you always wins, and every',
    'prefilled field can be changed on the card. Links go to official domains only.',
    '',
    "Confidence: **H** the provider's own page; **M** an official but old page, or a reliable second-hand",
    'quote; **L** a blog, forum or inference; **BK** background knowledge, no source found; **unknown** nothing',
    'found. A letter after the grace is that figure\'s own confidence. "User\'s" zone: the zone of the person',
    'using SIM Keeper; "destination\'s": the country the travel pass is used in.',
    '',
    `${providers.length} providers.`,
    '',
    '| Provider | 中文 | Country | Rule | Grace | Days counted in | Official renewal page | Confidence | Source (checked) | Notes |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const rows = providers.map((p) =>
    [
      `**${p.names.en}**`,
      p.names.zhHans === p.names.zhHant ? p.names.zhHans : `${p.names.zhHans} / ${p.names.zhHant}`,
      p.country,
      describeRuleTemplate(p.ruleTemplate),
      describeGrace(p),
      describeZone(p),
      linkCell(p.renewalUrl),
      p.confidence,
      `${p.source} (${p.checked})`,
      p.notes,
    ]
      .map(cell)
      .join(' | '),
  );
  return [...header, ...rows.map((row) => `| ${row} |`), ''].join('\n');
}
