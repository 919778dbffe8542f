// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PageBoundary } from '../../components/ErrorBoundary';
import { messagesLanguage, tPlural } from '../../lib/browser/i18n';
import { cardCountdown, compareCountdowns } from '../../lib/cards/countdown';
import { countdownText, dueText } from '../../lib/cards/countdown-text';
import type { Rule } from '../../lib/cards/schema';
import { getMessageFrom } from './setup';
import zh from '../../public/_locales/zh_CN/messages.json';
import zhTW from '../../public/_locales/zh_TW/messages.json';

/** What a user reads under a card, for `rule` counted in `cardZone`, seen from Shanghai at `now`. */
function due(rule: Rule, cardZone: string, now: Date, userZone = 'Asia/Shanghai') {
  const card = { rule, history: [], timeZone: cardZone };
  return dueText(card, cardCountdown(card, now, userZone), userZone, 'en', now);
}

// 10:00 on 22 November 2026 in Shanghai.
const NOW = new Date('2026-11-22T02:00:00Z');

describe('the last usable moment of passes and fixed end dates', () => {
  it("a Los Angeles card seen from Shanghai: the carrier's last day, then when it ends on the user's clock", () => {
    expect(due({ type: 'fixed', endDate: '2026-11-27' }, 'America/Los_Angeles', NOW)).toBe(
      'Last day Fri, Nov 27 · ends Sat, Nov 28, 16:00 your\u00a0time',
    );
    expect(due({ type: 'pass', days: 7, startTrigger: 'manual', startDate: '2026-11-21' }, 'America/Los_Angeles', NOW)).toBe(
      'Last day Fri, Nov 27 · ends Sat, Nov 28, 16:00 your\u00a0time',
    );
  });

  it("a card in the user's own zone ends at midnight: the last day says it all", () => {
    expect(due({ type: 'fixed', endDate: '2026-11-27' }, 'Asia/Shanghai', NOW)).toBe('Last day Fri, Nov 27');
  });

  it("a zone ahead of the user ends the card before the user's midnight, on the same day", () => {
    expect(due({ type: 'fixed', endDate: '2026-11-27' }, 'Asia/Tokyo', NOW)).toBe(
      'Last day Fri, Nov 27 · ends Fri, Nov 27, 23:00 your\u00a0time',
    );
  });

  it('another year is named; 9999-12-31 ("never") is a day like any other', () => {
    expect(due({ type: 'fixed', endDate: '2027-01-05' }, 'Asia/Shanghai', NOW)).toBe('Last day Tue, Jan 5, 2027');
    expect(due({ type: 'fixed', endDate: '9999-12-31', graceDays: 30 }, 'America/Los_Angeles', NOW)).toBe(
      'Last day Fri, Dec 31, 9999 · ends Sat, Jan 1, 10000, 16:00 your\u00a0time',
    );
  });

  it('the time keeps its words on its line: no line starts with "time", 结束 or 前 alone', () => {
    const ends = { type: 'fixed', endDate: '2026-11-27' } as const;
    const cycle = { type: 'cycle', anchorDate: '2026-10-28', period: { count: 30, unit: 'days' } } as const;
    fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => getMessageFrom(zh, key, subs)) as never;
    fakeBrowser.i18n.getUILanguage = () => 'zh-CN';
    expect(due(ends, 'America/Los_Angeles', NOW)).toMatch(/ 16:00\u00a0结束$/);
    expect(due(cycle, 'America/Los_Angeles', NOW)).toMatch(/（你的时间 16:00\u00a0前）$/);
    fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => getMessageFrom(zhTW, key, subs)) as never;
    fakeBrowser.i18n.getUILanguage = () => 'zh-TW';
    expect(due(ends, 'America/Los_Angeles', NOW)).toMatch(/ 16:00\u00a0結束$/);
    expect(due(cycle, 'America/Los_Angeles', NOW)).toMatch(/（你的時間 16:00\u00a0前）$/);
    // The number keeps its 天 (the options table's narrow status column broke "还剩 14" / "天").
    const countdown = (rule: Rule) => countdownText(cardCountdown({ rule, history: [], timeZone: 'Asia/Shanghai' }, NOW, 'Asia/Shanghai'));
    expect(countdown({ type: 'fixed', endDate: '2026-12-06' })).toBe('還剩 14\u00a0天');
    expect(countdown({ type: 'fixed', endDate: '2026-11-20', graceDays: 30 })).toBe('已逾期 2\u00a0天');
    expect(countdown({ type: 'fixed', endDate: '2026-11-21', graceDays: 30 })).toBe('已逾期 1\u00a0天');
  });

  it('a plan cycle still says what to do and by when', () => {
    expect(due({ type: 'cycle', anchorDate: '2026-10-28', period: { count: 30, unit: 'days' } }, 'America/Los_Angeles', NOW)).toBe(
      'Renew by Sat, Nov 28, before 16:00 your\u00a0time',
    );
  });
});

describe('a card that cannot be computed', () => {
  const rule: Rule = { type: 'cycle', anchorDate: '9000-01-01', period: { count: 3650, unit: 'months' } };
  const history = Array.from({ length: 300 }, (_, i) => ({ id: `r${i}`, date: '9000-06-01', kind: 'renewed' as const }));
  const card = { rule, history, timeZone: 'Asia/Shanghai' };

  it('says so, with the reason, and sorts first so it is seen', () => {
    const countdown = cardCountdown(card, NOW, 'Asia/Shanghai');
    expect(countdown.status).toBe('cannot-compute');
    expect(countdown.problem?.kind).toBe('date-range');
    expect(countdownText(countdown)).toBe('');
    expect(dueText(card, countdown, 'Asia/Shanghai', 'en', NOW)).toBe(
      'Cannot compute: its dates run past the year 99999. Check its periods and history.',
    );
    const fine = cardCountdown(
      { rule: { type: 'fixed', endDate: '2026-11-23' }, history: [], timeZone: 'Asia/Shanghai' },
      NOW,
      'Asia/Shanghai',
    );
    expect(compareCountdowns(countdown, fine)).toBe(-1);
  });

  it('an error that is not about dates is reported too, with its message', () => {
    // A zone the runtime does not know (the schema refuses it; a runtime may drop a zone it had).
    const countdown = cardCountdown(
      { rule: { type: 'fixed', endDate: '2026-12-01' }, history: [], timeZone: 'Not/AZone' },
      NOW,
      'Asia/Shanghai',
    );
    expect(countdown.status).toBe('cannot-compute');
    expect(countdown.problem?.kind).toBe('unexpected');
    expect(dueText(card, countdown, 'Asia/Shanghai', 'en', NOW)).toMatch(/^Cannot compute: something unexpected went wrong \(.+\)\.$/);
  });
});

describe('plural messages', () => {
  it.each([
    [0, '0 fields need attention; nothing was saved.'],
    [1, '1 field needs attention; nothing was saved.'],
    [2, '2 fields need attention; nothing was saved.'],
  ])('English: %i', (count, text) => {
    expect(tPlural('editor_fixErrors', count)).toBe(text);
  });

  it('Chinese has one form, chosen by its own plural rules', () => {
    fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => getMessageFrom(zh, key, subs)) as never;
    fakeBrowser.i18n.getUILanguage = () => 'zh-CN';
    expect(tPlural('editor_fixErrors', 1)).toBe('有 1 处需要修改，尚未保存。');
    expect(tPlural('popup_invalidStored', 1)).toBe('有 1 条保存的数据无法读取，请在设置页查看。');
    expect(messagesLanguage()).toBe('zh-CN');
  });

  it('<html lang> names the language of the messages', () => {
    expect(messagesLanguage()).toBe('en');
  });
});

function Broken(): never {
  throw new RangeError('Not a calendar date: "100000-01-01"');
}

describe('the page error boundary', () => {
  afterEach(() => cleanup());

  it('shows what happened and offers a reload instead of a blank page', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <PageBoundary where="test page">
        <Broken />
      </PageBoundary>,
    );
    expect(screen.getByRole('heading', { name: 'This page hit an error' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
    expect(screen.getByText('RangeError: Not a calendar date: "100000-01-01"')).toBeTruthy();
    expect(console.error).toHaveBeenCalledWith('SIM Keeper: test page could not be shown', expect.any(RangeError), expect.anything());
  });
});
