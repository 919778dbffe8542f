import type { CardForm } from './form';

/**
 * Whether the editor holds changes the user would lose by leaving it: any field
 * that differs from the form as it opened. Space typed around a value and the
 * order in which activities were ticked are not changes (a save drops them).
 *
 * @example
 * formChanged(opened, { ...opened, notes: `${opened.notes} ` })   //=> false
 * formChanged(opened, { ...opened, notes: 'Top up at the shop' }) //=> true
 */
export function formChanged(initial: CardForm, form: CardForm): boolean {
  return (Object.keys(form) as (keyof CardForm)[]).some((key) => comparable(key, form[key]) !== comparable(key, initial[key]));
}

function comparable(key: keyof CardForm, value: CardForm[keyof CardForm]): string {
  if (typeof value === 'string') return value.trim();
  if (key === 'activities' && Array.isArray(value)) return JSON.stringify([...value].sort());
  return JSON.stringify(value);
}
