// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';

const NOW = new Date('2026-11-22T02:00:00Z');

function Picker({ initial = 'Asia/Shanghai', onSubmit = () => undefined }: { initial?: string; onSubmit?: () => void }) {
  const [zone, setZone] = useState(initial);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <label htmlFor="tz">Days are counted in</label>
      <TimeZoneSelect id="tz" value={zone} onChange={setZone} language="en" browserZone="Asia/Shanghai" now={NOW} />
    </form>
  );
}

afterEach(() => cleanup());

describe('TimeZoneSelect', () => {
  it('is a labelled select grouped by region, the browser’s zone first, each zone with its offset', () => {
    render(<Picker />);
    const select = screen.getByLabelText('Days are counted in') as HTMLSelectElement;
    expect(select.tagName).toBe('SELECT');
    expect(select.value).toBe('Asia/Shanghai');
    const groups = [...select.querySelectorAll('optgroup')].map((g) => g.label);
    expect(groups.slice(0, 5)).toEqual(["Your browser's zone", 'UTC', 'Asia', 'Europe', 'Americas']);
    expect(within(select).getByRole('option', { name: 'Taipei (UTC+8)' })).toBeTruthy();
    expect(select.querySelector('optgroup')!.querySelector('option')!.textContent).toBe('Shanghai (UTC+8)');
  });

  it('narrows the list as the user types, keeps the chosen zone, and says when nothing matches', () => {
    render(<Picker />);
    const filter = screen.getByRole('searchbox', { name: 'Find a time zone' });
    const select = screen.getByLabelText('Days are counted in') as HTMLSelectElement;
    fireEvent.change(filter, { target: { value: 'los ang' } });
    expect([...select.options].map((o) => o.value)).toEqual(['Asia/Shanghai', 'America/Los_Angeles']);
    fireEvent.change(filter, { target: { value: 'atlantis' } });
    expect([...select.options].map((o) => o.value)).toEqual(['Asia/Shanghai']);
    expect(screen.getByRole('status').textContent).toBe('No time zone matches “atlantis”.');
  });

  it('Enter in the filter picks the first zone found and never submits the form', () => {
    const onSubmit = vi.fn();
    render(<Picker onSubmit={onSubmit} />);
    const filter = screen.getByRole('searchbox', { name: 'Find a time zone' });
    fireEvent.change(filter, { target: { value: 'UTC+5:45' } });
    fireEvent.keyDown(filter, { key: 'Enter' });
    expect((screen.getByLabelText('Days are counted in') as HTMLSelectElement).value).toMatch(/^Asia\/Kath?mandu$/);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('choosing a zone in the select changes the value', () => {
    render(<Picker />);
    const select = screen.getByLabelText('Days are counted in') as HTMLSelectElement;
    fireEvent.change(select, { target: { value: 'Europe/London' } });
    expect(select.value).toBe('Europe/London');
  });
});
