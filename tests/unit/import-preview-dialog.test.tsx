// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fieldWords, problemWords, valueWords } from '../../components/import-field-words';
import { ImportPreview } from '../../components/ImportPreview';
import type { ImportRoom } from '../../lib/store/room';
import type { ImportCandidates } from '../../lib/transfer/candidates';
import { fieldChanges, previewImport } from '../../lib/transfer/preview';
import { makeCard } from './card-fixture';
import { getMessageFrom } from './setup';
import zhCN from '../../public/_locales/zh_CN/messages.json';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cardSchema } from '../../lib/cards/schema';
import { describeIssues } from '../../lib/store/parse-stored';

afterEach(cleanup);

const mine = makeCard('a', { phoneNumber: '+1 555 010 1234' });
const theirs = makeCard('a', {
  phoneNumber: '+1 555 010 9999',
  rule: { type: 'topUp', anchorDate: '2026-04-02', validity: { count: 6, unit: 'months' }, mode: 'add' },
  reminders: { enabled: false },
  updatedAt: '2026-05-01T08:30:00.000Z',
});

function renderPreview(onCancel = vi.fn(), room: ImportRoom | null = null, onConfirm = vi.fn()) {
  const candidates: ImportCandidates = { source: 'backup', cards: [theirs], invalid: [], notes: [], settings: null };
  render(
    <ImportPreview
      preview={previewImport({ cards: [mine], invalid: [] }, candidates)}
      candidates={candidates}
      room={room}
      onConfirm={onConfirm}
      onCancel={onCancel}
    />,
  );
  return screen.getByRole('dialog');
}

describe('the import preview', () => {
  it('is a modal dialog named by its title; Escape cancels it', () => {
    const onCancel = vi.fn();
    const dialog = renderPreview(onCancel) as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(dialog.getAttribute('aria-labelledby')).toBe('import-preview-title');
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    expect(onCancel).toHaveBeenCalledOnce();
  });

  it('says, before anything is written, which choice would not fit in the browser and refuses it', () => {
    const onConfirm = vi.fn();
    const MB = 1_048_576;
    const dialog = renderPreview(vi.fn(), { limit: 10 * MB, used: 3 * MB, merge: 11.25 * MB, replace: 9 * MB }, onConfirm);
    const merge = within(dialog).getByRole('button', { name: 'Merge' }) as HTMLButtonElement;
    const replace = within(dialog).getByRole('button', { name: 'Replace all' }) as HTMLButtonElement;
    expect(merge.disabled).toBe(true);
    expect(replace.disabled).toBe(false);
    const why = document.getElementById(merge.getAttribute('aria-describedby')!)!;
    expect(why.textContent).toBe(
      'Merge would need about 11.3 MB, with the copy kept for undo and room for everyday changes, and this browser gives SIM Keeper 10.0 MB: it cannot be saved. Import fewer cards at a time.',
    );
    fireEvent.click(merge);
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.click(replace);
    expect(onConfirm).toHaveBeenCalledWith(expect.objectContaining({ mode: 'replace' }));
  });

  it('refuses neither choice where both fit or the browser sets no limit', () => {
    renderPreview(vi.fn(), { limit: 10_000_000, used: 1_000, merge: 9_000_000, replace: 10_000_000 });
    expect(screen.getAllByRole('button').filter((button) => (button as HTMLButtonElement).disabled)).toHaveLength(0);
    expect(screen.queryByText(/it cannot be saved/)).toBeNull();
  });

  it('names every changed field in words and shows values as a person reads them: no keys, no JSON, no ISO times', () => {
    const dialog = renderPreview();
    const table = within(dialog).getByRole('table');
    const text = table.textContent ?? '';
    for (const raw of fieldChanges(mine, theirs).map((change) => change.field)) expect(text).not.toContain(raw);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T|[{}"]/);
    const rowOf = (name: string) => within(table).getByRole('rowheader', { name }).closest('tr')!;
    expect(within(rowOf('Phone number')).getByText('+1 555 010 9999')).toBeTruthy();
    expect(within(rowOf('Rule')).getByText('Top-up validity')).toBeTruthy();
    expect(within(rowOf('Each top-up is valid for')).getByText('6 months')).toBeTruthy();
    expect(within(rowOf('A top-up')).getByText('adds to what is left')).toBeTruthy();
    expect(within(rowOf('Last changed')).getAllByText(/2026/)).toHaveLength(2);
  });
});

describe('fieldWords and valueWords', () => {
  it.each([
    ['phoneNumber', 'Phone number'],
    ['updatedAt', 'Last changed'],
    ['channels.website', 'Renewal page'],
    ['rule.anchorDate', 'Start of the current period'],
    ['somethingNew', 'somethingNew'],
  ])('%s is named "%s"', (field, words) => expect(fieldWords(field)).toBe(words));

  it.each([
    ['rule.endDate', '"2026-12-01"', 'Tue, Dec 1, 2026'],
    [
      'updatedAt',
      '"2026-05-01T08:30:00.000Z"',
      new Date('2026-05-01T08:30:00.000Z').toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' }),
    ],
    ['rule.period', '{"count":30,"unit":"days"}', '30 days'],
    ['reminders.enabled', 'true', 'On'],
    ['reminders.leadDays', '[7,3,1]', '7, 3, 1'],
    ['notes', '""', '(empty)'],
    ['providerId', 'null', 'none'],
    ['providerId', '"giffgaff"', 'giffgaff'],
    ['rule.capDays', '—', 'none'],
  ])('%s %s reads "%s"', (field, json, words) => expect(valueWords(field, json, 'en')).toBe(words));
});

describe('problemWords', () => {
  it.each([
    ['phoneNumber: Invalid input', 'Phone number: missing or not valid'],
    ['rule.endDate: not a calendar date (YYYY-MM-DD)', 'End date: not a calendar date (YYYY-MM-DD)'],
    ['history.0.date: Invalid input', 'History › 1 › date: missing or not valid'],
    ['the stored value is not a list of cards', 'the stored value is not a list of cards'],
    ['weird.path: kept', 'weird.path: kept'],
  ])('%s reads "%s"', (problem, words) => expect(problemWords(problem)).toBe(words));

  it('says every reason the card schema gives in the UI language (zh-CN), not in English', () => {
    fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) => getMessageFrom(zhCN as never, key, subs)) as never;
    const bad = {
      ...makeCard('bad'),
      label: 'x'.repeat(61),
      timeZone: 'Mars/Olympus',
      rule: { type: 'fixed', endDate: '2026-02-30' },
      channels: { website: 'http://example.com/', app: '', hotline: '' },
    };
    const check = cardSchema.safeParse(bad);
    expect(check.success).toBe(false);
    const words = describeIssues(check.error!.issues).map(problemWords);
    expect(words.sort()).toEqual(
      [
        '名称: 缺失或无效',
        '时区: 不是时区名称（例如 Asia/Shanghai）',
        '到期日: 不是 1900-01-01 到 9999-12-31 之间的日历日期（YYYY-MM-DD）',
        '续费网址: 不是 https: 链接',
      ].sort(),
    );
  });
});

describe('what Replace all would remove', () => {
  const stored = (raw: unknown) => ({ raw, problems: ['rule: missing or not valid'] });
  function warningFor(mineCards: ReturnType<typeof makeCard>[], keptAside: number) {
    const candidates: ImportCandidates = { source: 'backup', cards: [theirs], invalid: [], notes: [], settings: null };
    const current = { cards: mineCards, invalid: Array.from({ length: keptAside }, (_, i) => stored({ id: `x${i}` })) };
    render(
      <ImportPreview
        preview={previewImport(current, candidates)}
        candidates={candidates}
        room={null}
        onConfirm={vi.fn()}
        onCancel={vi.fn()}
      />,
    );
    return screen.queryByText(/^Replace all would remove/)?.textContent ?? null;
  }

  it.each([
    [3, 0, 'Replace all would remove 3 cards that are not in the file (you can undo this).'],
    [1, 0, 'Replace all would remove 1 card that is not in the file (you can undo this).'],
    [0, 2, 'Replace all would remove 2 entries kept aside (you can undo this).'],
    [0, 1, 'Replace all would remove 1 entry kept aside (you can undo this).'],
    [2, 1, 'Replace all would remove 2 cards that are not in the file and 1 entry kept aside (you can undo this).'],
    [0, 0, null],
  ])('names only what there is: %i cards only mine, %i entries kept aside', (onlyMine, keptAside, expected) => {
    const extra = Array.from({ length: onlyMine }, (_, i) => makeCard(`only-${i}`));
    expect(warningFor([mine, ...extra], keptAside)).toBe(expected);
  });
});
