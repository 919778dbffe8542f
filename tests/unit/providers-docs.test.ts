import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROVIDERS, describeGrace, describeRuleTemplate, renderProvidersMarkdown } from '../../lib/providers';

const DOCS = fileURLToPath(new URL('../../docs/providers.md', import.meta.url));

describe('docs/providers.md', () => {
  it('is generated from the catalog (UPDATE_DOCS=1 rewrites it)', () => {
    const fresh = renderProvidersMarkdown(PROVIDERS);
    if (process.env.UPDATE_DOCS === '1') writeFileSync(DOCS, fresh);
    const current = existsSync(DOCS) ? readFileSync(DOCS, 'utf8') : '';
    expect(current, 'docs/providers.md is stale: run UPDATE_DOCS=1 npx vitest run tests/unit/providers-docs.test.ts').toBe(fresh);
  });

  it('has one table row per provider, with its official renewal page', () => {
    const rows = renderProvidersMarkdown(PROVIDERS)
      .split('\n')
      .filter((line) => line.startsWith('| **'));
    expect(rows).toHaveLength(PROVIDERS.length);
    PROVIDERS.forEach((provider, index) => {
      expect(rows[index]).toContain(`**${provider.names.en}**`);
      expect(rows[index]).toContain(`(${provider.renewalUrl})`);
      expect(rows[index]).toContain(` ${provider.confidence} |`);
    });
  });
});

describe('describeRuleTemplate', () => {
  it.each([
    [null, 'Unknown: enter the rule your card shows'],
    [{ type: 'cycle', period: { count: 30, unit: 'days' }, graceDays: 30 }, 'Plan renewed every 30 days'],
    [{ type: 'cycle', period: { count: 1, unit: 'months' }, graceDays: null }, 'Plan renewed every 1 month'],
    [
      {
        type: 'cycle',
        period: null,
        periodOptions: [
          { count: 3, unit: 'months' },
          { count: 6, unit: 'months' },
          { count: 12, unit: 'months' },
        ],
        graceDays: null,
      },
      'Plan renewed every 3, 6 or 12 months, as bought',
    ],
    [{ type: 'cycle', period: null, graceDays: null }, 'Plan renewed each period (length unknown: ask)'],
    [
      { type: 'keepAlive', window: { count: 6, unit: 'months' }, activities: ['call', 'sms', 'data', 'top-up'], graceDays: null },
      'Use it once every 6 months (counts: call, SMS, data or top-up)',
    ],
    [
      { type: 'keepAlive', window: { count: 179, unit: 'days' }, activities: null, graceDays: null },
      'Use it once every 179 days (which activities count: unknown)',
    ],
    [
      { type: 'topUp', validity: { count: 60, unit: 'days' }, mode: 'add', capDays: 360, graceDays: null },
      'Each top-up adds 60 days, at most 360 days',
    ],
    [
      { type: 'topUp', validity: { count: 180, unit: 'days' }, mode: null, graceDays: null },
      'Each top-up gives 180 days (whether it adds or resets: unknown)',
    ],
    [
      { type: 'pass', days: null, startTrigger: null, dayBoundary: 'destination-midnight', graceDays: null },
      "Pass of the days bought, start unknown; days end at 23:59 in the destination's zone",
    ],
    [
      { type: 'pass', days: 7, startTrigger: 'first-connection', dayBoundary: 'unknown', graceDays: null },
      '7-day pass, starts at first connection',
    ],
  ] as const)('%j → %s', (template, words) => {
    expect(describeRuleTemplate(template as Parameters<typeof describeRuleTemplate>[0])).toBe(words);
  });

  it('words the grace, and flags a less certain one', () => {
    expect(describeGrace({ ruleTemplate: { type: 'cycle', period: null, graceDays: 30 } })).toBe('30 days');
    expect(describeGrace({ ruleTemplate: { type: 'cycle', period: null, graceDays: 59 }, graceConfidence: 'L' })).toBe('59 days (L)');
    expect(describeGrace({ ruleTemplate: { type: 'cycle', period: null, graceDays: null } })).toBe('unknown');
    expect(describeGrace({ ruleTemplate: null })).toBe('unknown');
  });
});
