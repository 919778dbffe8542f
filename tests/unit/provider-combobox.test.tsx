// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProviderPicker } from '../../components/ProviderPicker';

/*
 * Issue 19: the provider combobox announces the highlighted option. Focus stays in the search box; the
 * box's aria-activedescendant names the option the arrows reach, an option of a listbox, marked selected.
 */

function highlighted(): HTMLElement | null {
  const box = screen.getByRole('combobox', { name: 'Provider' });
  const id = box.getAttribute('aria-activedescendant');
  return id ? document.getElementById(id) : null;
}

describe('provider combobox', () => {
  afterEach(cleanup);

  it('points aria-activedescendant at the option the arrows highlight', () => {
    render(<ProviderPicker providerId="" language="en" onPick={vi.fn()} onClear={vi.fn()} />);
    const box = screen.getByRole('combobox', { name: 'Provider' });
    fireEvent.change(box, { target: { value: 'mobile' } });
    expect(box.getAttribute('aria-expanded')).toBe('true');
    const options = screen.getAllByRole('option');
    expect(options.length).toBeGreaterThan(1);
    expect(box.getAttribute('aria-controls')).toBe(screen.getByRole('listbox').id);
    expect(highlighted()).toBe(options[0]);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');

    // The arrow moves the highlight, not the caret (its default is prevented).
    expect(fireEvent.keyDown(box, { key: 'ArrowDown' })).toBe(false);
    expect(highlighted()).toBe(screen.getAllByRole('option')[1]);
    expect(screen.getAllByRole('option')[0]!.getAttribute('aria-selected')).toBe('false');
    fireEvent.keyDown(box, { key: 'ArrowUp' });
    expect(highlighted()).toBe(screen.getAllByRole('option')[0]);
    expect(new Set(screen.getAllByRole('option').map((option) => option.id)).size).toBe(options.length);
  });

  it('with no match shows a message, not an empty listbox, and names no option', () => {
    render(<ProviderPicker providerId="" language="en" onPick={vi.fn()} onClear={vi.fn()} />);
    const box = screen.getByRole('combobox', { name: 'Provider' });
    fireEvent.change(box, { target: { value: 'zzzz-no-such-carrier' } });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('zzzz-no-such-carrier');
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect(box.hasAttribute('aria-activedescendant')).toBe(false);
  });

  it('Escape closes the list and keeps the keystroke from the editor; with the list closed, Escape is the editor’s', () => {
    render(<ProviderPicker providerId="" language="en" onPick={vi.fn()} onClear={vi.fn()} />);
    const box = screen.getByRole('combobox', { name: 'Provider' });
    fireEvent.change(box, { target: { value: 'giff' } });
    expect(fireEvent.keyDown(box, { key: 'Escape' })).toBe(false);
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(fireEvent.keyDown(box, { key: 'Escape' })).toBe(true);
    // ArrowDown opens it again.
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.getByRole('listbox')).toBeTruthy();
  });
});
