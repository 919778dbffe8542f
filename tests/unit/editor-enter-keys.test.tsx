// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CardEditor } from '../../components/CardEditor';
import { emptyCardForm } from '../../lib/cards/form';
import type { Card } from '../../lib/cards/schema';

/*
 * Issue 19: Enter in a field that belongs to a sub-form (the history's new event, the provider search)
 * acts on that sub-form or does nothing; it never saves the card around it. A browser saves the form on
 * Enter in a text field unless the keydown's default is prevented, so each test checks both what the
 * sub-form did and that the keydown was kept from the form (fireEvent returns false when it was).
 */

const TODAY = '2026-11-22';
const NOW = new Date('2026-11-22T02:00:00Z');

function renderEditor() {
  const onSave = vi.fn<(card: Card, original: Card | null) => Promise<void>>(async () => {});
  render(
    <CardEditor
      initial={{ ...emptyCardForm('Asia/Shanghai', TODAY), label: 'Spare' }}
      original={null}
      cardId="new-card"
      today={TODAY}
      now={NOW}
      userTimeZone="Asia/Shanghai"
      language="en"
      onSave={onSave}
      onCancel={() => {}}
    />,
  );
  return { onSave };
}

/** Presses Enter in `field`; whether the browser would go on to submit the form around it. */
function pressEnter(field: HTMLElement): { submitsForm: boolean } {
  return { submitsForm: fireEvent.keyDown(field, { key: 'Enter', code: 'Enter' }) };
}

const historyItems = () => {
  const list = document.querySelector('.history-list');
  return list ? within(list as HTMLElement).getAllByRole('listitem') : [];
};

describe('Enter in the history’s new event', () => {
  afterEach(cleanup);

  it.each(['Amount', 'Note'])('in %s adds the event, keeps the card unsaved, and returns focus to Add event', async (field) => {
    const { onSave } = renderEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Add event' }));
    const group = screen.getByRole('group', { name: 'Add event' });
    fireEvent.change(within(group).getByLabelText('Amount'), { target: { value: '12.50' } });
    fireEvent.change(within(group).getByLabelText('Currency'), { target: { value: 'USD' } });
    fireEvent.change(within(group).getByLabelText('Note'), { target: { value: 'paid at the shop' } });

    let pressed = { submitsForm: true };
    await act(async () => {
      pressed = pressEnter(within(group).getByLabelText(field));
    });
    expect(pressed.submitsForm).toBe(false);
    expect(onSave).not.toHaveBeenCalled();
    expect(historyItems()).toHaveLength(1);
    expect(historyItems()[0]?.textContent).toContain('paid at the shop');
    expect(screen.queryByRole('group', { name: 'Add event' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add event' }));
  });

  it('with an invalid amount shows the error and adds nothing, still without saving the card', async () => {
    const { onSave } = renderEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Add event' }));
    const group = screen.getByRole('group', { name: 'Add event' });
    const amount = within(group).getByLabelText('Amount');
    fireEvent.change(amount, { target: { value: 'twelve' } });
    let pressed = { submitsForm: true };
    await act(async () => {
      pressed = pressEnter(amount);
    });
    expect(pressed.submitsForm).toBe(false);
    expect(onSave).not.toHaveBeenCalled();
    expect(historyItems()).toHaveLength(0);
    expect(screen.getByRole('group', { name: 'Add event' })).toBeTruthy();
  });

  it('in the card’s own fields still saves the card (the sub-form takes only its own keys)', () => {
    renderEditor();
    const label = screen.getByLabelText('Name');
    expect(pressEnter(label).submitsForm).toBe(true);
  });
});

describe('Enter in the provider search', () => {
  afterEach(cleanup);
  const search = () => screen.getByRole('combobox', { name: 'Provider' });

  it('with no match does nothing: no card saved without a provider', async () => {
    const { onSave } = renderEditor();
    fireEvent.change(search(), { target: { value: 'zzzz-no-such-carrier' } });
    expect(screen.getAllByRole('status').some((node) => node.textContent?.includes('zzzz-no-such-carrier'))).toBe(true);
    let pressed = { submitsForm: true };
    await act(async () => {
      pressed = pressEnter(search());
    });
    expect(pressed.submitsForm).toBe(false);
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.queryByTestId('provider-chosen')).toBeNull();
  });

  it('when empty does nothing either', () => {
    renderEditor();
    expect(pressEnter(search()).submitsForm).toBe(false);
  });

  it('picks the highlighted provider, announced through aria-activedescendant', async () => {
    const { onSave } = renderEditor();
    fireEvent.change(search(), { target: { value: 'giff' } });
    const options = screen.getAllByRole('option');
    expect(options.length).toBeGreaterThan(0);
    expect(search().getAttribute('aria-activedescendant')).toBe(options[0]?.id);
    const name = options[0]?.querySelector('strong')?.textContent;
    let pressed = { submitsForm: true };
    await act(async () => {
      pressed = pressEnter(search());
    });
    expect(pressed.submitsForm).toBe(false);
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByTestId('provider-chosen').textContent).toContain(name);
  });
});
