// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Toast, type ToastEnd, type ToastMessage } from '../../components/Toast';

const TIMEOUT_MS = 8000;
const message: ToastMessage = { id: 1, text: 'Deleted “giffgaff”.', action: { label: 'Undo', run: () => {} } };

function renderToast(shown: ToastMessage | null = message) {
  const onDone = vi.fn<(end: ToastEnd) => void>();
  const view = render(<Toast message={shown} onDone={onDone} timeoutMs={TIMEOUT_MS} />);
  return { onDone, view };
}

describe('Toast', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('goes when its time is up', () => {
    const { onDone } = renderToast();
    act(() => vi.advanceTimersByTime(TIMEOUT_MS - 1));
    expect(onDone).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(onDone).toHaveBeenCalledWith('timeout');
  });

  it('stays while the pointer is over it, and its time starts again when the pointer leaves', () => {
    const { onDone } = renderToast();
    const region = screen.getByRole('status');
    fireEvent.mouseEnter(region);
    act(() => vi.advanceTimersByTime(TIMEOUT_MS * 3));
    expect(onDone).not.toHaveBeenCalled();
    fireEvent.mouseLeave(region);
    act(() => vi.advanceTimersByTime(TIMEOUT_MS - 1));
    expect(onDone).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(onDone).toHaveBeenCalledWith('timeout');
  });

  it('stays while focus is in it', () => {
    const { onDone } = renderToast();
    const undo = screen.getByRole('button', { name: 'Undo' });
    act(() => undo.focus());
    act(() => vi.advanceTimersByTime(TIMEOUT_MS * 3));
    expect(onDone).not.toHaveBeenCalled();
    act(() => undo.blur());
    act(() => vi.advanceTimersByTime(TIMEOUT_MS));
    expect(onDone).toHaveBeenCalledWith('timeout');
  });

  it('moves focus to its action when asked (the control that was used is gone)', () => {
    renderToast({ ...message, focusAction: true });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Undo' }));
  });

  it('keeps one live region on the page, empty before the first message and after the last', () => {
    const { view } = renderToast(null);
    const region = screen.getByRole('status');
    expect(region.textContent).toBe('');
    view.rerender(<Toast message={message} onDone={() => {}} />);
    expect(screen.getByRole('status')).toBe(region);
    expect(region.textContent).toContain('Deleted “giffgaff”.');
    view.rerender(<Toast message={null} onDone={() => {}} />);
    expect(screen.getByRole('status')).toBe(region);
    expect(region.textContent).toBe('');
  });

  it('ends itself before its action runs, so the action may show the next message', () => {
    const order: string[] = [];
    const onDone = vi.fn((end: ToastEnd) => order.push(`done:${end}`));
    render(<Toast message={{ ...message, action: { label: 'Undo', run: () => order.push('run') } }} onDone={onDone} />);
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(order).toEqual(['done:action', 'run']);
  });
});
