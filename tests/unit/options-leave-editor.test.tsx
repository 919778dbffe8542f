// @vitest-environment happy-dom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Card } from '../../lib/cards/schema';
import { loadCards } from '../../lib/store/storage';
import { OptionsApp } from '../../entrypoints/options/App';
import { makeCard } from './card-fixture';
import { storeOptionsPageBeforeEach } from './options-page-fixture';

/*
 * Issue 19: leaving the editor with changes (Cancel, Escape, another card, closing the tab) asks first;
 * leaving it unchanged does not ask. Keep editing keeps every character typed.
 */

const cards: Card[] = [
  makeCard('gg', { label: 'giffgaff', rule: { type: 'keepAlive', anchorDate: '2026-08-01', window: { count: 6, unit: 'months' } } }),
  makeCard('mint', { label: 'Mint', rule: { type: 'cycle', anchorDate: '2026-07-01', period: { count: 3, unit: 'months' } } }),
];

const dialog = () => screen.queryByRole('dialog', { name: 'Discard your changes?' });
const editorHeading = () => screen.queryByRole('heading', { level: 2, name: /Edit “giffgaff”|Edit giffgaff/ });

async function openEditorAndType(text: string) {
  render(<OptionsApp />);
  const edit = await screen.findByRole('button', { name: 'Edit giffgaff' });
  await act(async () => fireEvent.click(edit));
  const notes = await screen.findByLabelText('Notes');
  fireEvent.change(notes, { target: { value: text } });
  return notes as HTMLTextAreaElement;
}

function beforeUnloadCancelled(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

describe('options page: leaving the editor with changes', { timeout: 30_000 }, () => {
  storeOptionsPageBeforeEach(cards);

  it('Cancel asks; Keep editing keeps the text and focus goes back to Cancel; Discard leaves and stores nothing', async () => {
    const notes = await openEditorAndType('top up at the shop');
    expect(beforeUnloadCancelled()).toBe(true);
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    cancel.focus();
    await act(async () => fireEvent.click(cancel));
    expect(dialog()).not.toBeNull();
    expect(document.activeElement).toBe(within(dialog() as HTMLElement).getByRole('button', { name: 'Keep editing' }));

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Keep editing' })));
    expect(dialog()).toBeNull();
    expect(notes.value).toBe('top up at the shop');
    expect(document.activeElement).toBe(cancel);

    await act(async () => fireEvent.click(cancel));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Discard changes' })));
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Edit giffgaff'));
    expect(screen.queryByLabelText('Notes')).toBeNull();
    expect(beforeUnloadCancelled()).toBe(false);
    expect((await loadCards()).cards.find((card) => card.id === 'gg')?.notes).toBe('');
  });

  it('Escape in a field asks too, and Escape in the question keeps editing', async () => {
    const notes = await openEditorAndType('x');
    await act(async () => fireEvent.keyDown(notes, { key: 'Escape' }));
    expect(dialog()).not.toBeNull();
    // The browser's Escape on a modal dialog is its cancel event.
    await act(async () => (dialog() as HTMLElement).dispatchEvent(new Event('cancel', { cancelable: true })));
    expect(dialog()).toBeNull();
    expect(notes.value).toBe('x');
  });

  it('without changes, Cancel and Escape leave at once, and closing the tab does not ask', async () => {
    render(<OptionsApp />);
    const edit = await screen.findByRole('button', { name: 'Edit giffgaff' });
    await act(async () => fireEvent.click(edit));
    const notes = await screen.findByLabelText('Notes');
    expect(beforeUnloadCancelled()).toBe(false);
    // Typed and typed back: nothing to lose.
    fireEvent.change(notes, { target: { value: 'x' } });
    fireEvent.change(notes, { target: { value: '' } });
    await act(async () => fireEvent.keyDown(notes, { key: 'Escape' }));
    expect(dialog()).toBeNull();
    await vi.waitFor(() => expect(screen.queryByLabelText('Notes')).toBeNull());
  });

  it('another card opened by address (the popup’s Edit, Back) waits for the answer', async () => {
    const notes = await openEditorAndType('keep me');
    await act(async () => {
      location.hash = 'card=mint';
      window.dispatchEvent(new Event('hashchange'));
    });
    expect(dialog()).not.toBeNull();
    expect(location.hash).toBe('#card=gg');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Keep editing' })));
    expect(notes.value).toBe('keep me');

    await act(async () => {
      location.hash = 'card=mint';
      window.dispatchEvent(new Event('hashchange'));
    });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Discard changes' })));
    expect(location.hash).toBe('#card=mint');
    expect(await screen.findByDisplayValue('Mint')).toBeTruthy();
    expect(editorHeading()).toBeNull();
  });
});
