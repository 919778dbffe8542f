import type { MessageKey } from '../browser/i18n';

/**
 * Parses the lead days a user types, such as "30, 7, 3, 1, 0": whole numbers of
 * days from 0 (the day itself) to 365, separated by commas, spaces or 、.
 * Returns them largest first without repeats, or a message for the user.
 */
export function parseLeadDays(text: string): { value: number[] } | { error: MessageKey } {
  const parts = text.split(/[\s,，、;]+/).filter(Boolean);
  if (parts.length === 0) return { error: 'form_errorLeadDays' };
  const days: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part)) return { error: 'form_errorLeadDays' };
    const value = Number(part);
    if (value > 365) return { error: 'form_errorLeadDays' };
    days.push(value);
  }
  return { value: [...new Set(days)].sort((a, b) => b - a) };
}

/** Lead days as the user reads and types them. */
export function formatLeadDays(days: readonly number[]): string {
  return days.join(', ');
}
