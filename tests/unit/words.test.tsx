// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CostCell } from '../../components/CostCell';
import { cardCost } from '../../lib/money/cost';
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
