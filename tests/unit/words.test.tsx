// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CostCell } from '../../components/CostCell';
import { cardCost } from '../../lib/money/cost';
import { emptyCardForm, formToCard, type CardForm } from '../../lib/cards/form';
import { previewBlockedText } from '../../lib/cards/form-labels';
import { formatWhenInZone } from '../../lib/dates/format';
import type { Card } from '../../lib/cards/schema';
import { getMessageFrom } from './setup';
import zhCN from '../../public/_locales/zh_CN/messages.json';
import zhTW from '../../public/_locales/zh_TW/messages.json';

/*
 * What the user reads, word for word, where a word used to say something untrue
 * (issue 19, "Words").
 */

afterEach(() => cleanup());

const useCatalog = (catalog: typeof zhCN, language: string) => {
  fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => getMessageFrom(catalog, key, subs)) as never;
  fakeBrowser.i18n.getUILanguage = () => language;
};

describe('the cost of a card paid once (a fixed end date, a pass)', () => {
  const pass: Card['rule'] = { type: 'pass', days: 8, startTrigger: 'manual', startDate: '2026-11-01' };
  const costText = (history: Card['history'], language = 'en') => {
    const { container } = render(<CostCell cost={cardCost({ rule: pass, history }, undefined)} language={language} />);
    const text = container.textContent;
    cleanup();
    return text;
  };
  const paid: Card['history'] = [{ id: 'p', date: '2026-11-01', kind: 'renewed', amount: 12, currency: 'USD' }];

  it('says no payment is recorded when none is, never "Paid once"', () => {
    expect(costText([])).toBe('No payment recorded');
    expect(costText(paid)).toBe('Paid once: $12.00');
  });

  it.each([
    [zhCN, 'zh-CN', '没有付款记录', '一次性付款：US$12.00'],
    [zhTW, 'zh-TW', '沒有付款紀錄', '一次性付款：US$12.00'],
  ])('in Chinese too (%#): a whole sentence, not the fragment 一次性', (catalog, language, none, some) => {
    useCatalog(catalog, language);
    expect(costText([], language)).toBe(none);
    expect(costText(paid, language)).toBe(some);
  });
});

describe('the editor says what holds the deadline back', () => {
  const base = { id: 'n', createdAt: '2026-11-22T02:00:00.000Z', now: new Date('2026-11-22T02:00:00Z') };
  const blocked = (form: CardForm, language = 'en') => {
    const result = formToCard(form, base);
    return result.ok ? null : previewBlockedText(result.errors, form.ruleType, language);
  };
  const ready: CardForm = { ...emptyCardForm('Asia/Shanghai', '2026-11-22'), label: '紫卡', ruleType: 'cycle', periodCount: '30' };

  it('a complete form shows a deadline, not a message', () => {
    expect(blocked(ready)).toBeNull();
  });

  it('names the name when only the name is missing, never "the rule"', () => {
    expect(blocked({ ...ready, label: '' })).toBe('To see the deadline, fill in or fix: Name.');
  });

  it('names each field in the order the editor shows them, with the label of the rule chosen', () => {
    expect(blocked({ ...ready, label: '', periodCount: '', hotline: 'x'.repeat(41) })).toBe(
      'To see the deadline, fill in or fix: Name, Plan length, and Hotline.',
    );
    expect(blocked({ ...ready, ruleType: 'keepAlive', periodCount: '0' })).toBe(
      'To see the deadline, fill in or fix: Use at least once every.',
    );
  });

  it('in Chinese, with the Chinese list words', () => {
    useCatalog(zhCN, 'zh-CN');
    expect(blocked({ ...ready, label: '', periodCount: '' }, 'zh-CN')).toBe('填写或修改以下内容后显示期限：名称和周期长度。');
  });
});

describe('one date style: the snoozed date as every other date in the popup', () => {
  // 10:00 on 22 November 2026 in Shanghai.
  const now = new Date('2026-11-22T02:00:00Z');

  it('leaves out this year, as the deadlines do', () => {
    expect(formatWhenInZone(new Date('2026-11-23T01:00:00Z'), 'Asia/Shanghai', 'en', now)).toBe('Mon, Nov 23 09:00');
    expect(formatWhenInZone(new Date('2026-11-23T01:00:00Z'), 'Asia/Shanghai', 'zh-CN', now)).toBe('11月23日周一 09:00');
  });

  it('shows the year of another year', () => {
    expect(formatWhenInZone(new Date('2027-01-02T01:00:00Z'), 'Asia/Shanghai', 'en', now)).toBe('Sat, Jan 2, 2027 09:00');
  });

  it('counts "this year" on the user’s calendar: 31 December in New York is already next year in Shanghai', () => {
    const newYearsEve = new Date('2026-12-31T20:00:00Z'); // 04:00 on 1 January 2027 in Shanghai
    expect(formatWhenInZone(new Date('2027-01-01T01:00:00Z'), 'Asia/Shanghai', 'en', newYearsEve)).toBe('Fri, Jan 1 09:00');
  });
});
