// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ProviderPicker } from '../../components/ProviderPicker';
import { PROVIDERS, providerById } from '../../lib/providers/catalog';
import { providerNotes } from '../../lib/providers/notes';
import { PROVIDER_NOTES_ZH } from '../../lib/providers/notes-zh';

const giffgaff = providerById('giffgaff')!;

describe('providerNotes', () => {
  it.each([
    ['en', giffgaff.notes],
    ['en-GB', giffgaff.notes],
    ['zh-CN', PROVIDER_NOTES_ZH.giffgaff!.zhHans],
    ['zh-SG', PROVIDER_NOTES_ZH.giffgaff!.zhHans],
    ['zh-TW', PROVIDER_NOTES_ZH.giffgaff!.zhHant],
    ['zh-HK', PROVIDER_NOTES_ZH.giffgaff!.zhHant],
    ['zh-MO', PROVIDER_NOTES_ZH.giffgaff!.zhHant],
  ])('%s reads its own language', (language, text) => {
    expect(providerNotes(giffgaff, language)).toEqual({ text, inUiLanguage: true });
  });

  it('falls back to English, flagged, where the catalog has no translation', () => {
    const unknown = { id: 'not-translated', notes: 'Some English note.' };
    expect(providerNotes(unknown, 'zh-TW')).toEqual({ text: 'Some English note.', inUiLanguage: false });
    expect(providerNotes(unknown, 'zh-CN')).toEqual({ text: 'Some English note.', inUiLanguage: false });
    expect(providerNotes(unknown, 'en')).toEqual({ text: 'Some English note.', inUiLanguage: true });
    // A language with no catalog of its own reads English notes, as it reads English messages.
    expect(providerNotes(giffgaff, 'ja')).toEqual({ text: giffgaff.notes, inUiLanguage: false });
  });

  it('an inherited property name is not a translation', () => {
    expect(providerNotes({ id: 'constructor', notes: 'x' }, 'zh-CN')).toEqual({ text: 'x', inUiLanguage: false });
  });
});

describe('the Chinese notes', () => {
  const ids = new Set(PROVIDERS.map((p) => p.id));
  it('name only providers the catalog has', () => {
    expect(Object.keys(PROVIDER_NOTES_ZH).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('cover every provider today', () => {
    expect(PROVIDERS.map((p) => p.id).filter((id) => !(id in PROVIDER_NOTES_ZH))).toEqual([]);
  });

  it.each(Object.entries(PROVIDER_NOTES_ZH))('%s keeps every number of the English note', (id, note) => {
    // A translation must not add, drop or change a number: the notes are facts about carriers.
    const numbers = (text: string) => (text.match(/\d+(?:[.,]\d+)*/g) ?? []).sort();
    const english = numbers(providerById(id)!.notes);
    expect(numbers(note.zhHans)).toEqual(english);
    expect(numbers(note.zhHant)).toEqual(english);
  });

  it('are in their script: no Simplified-only character in the Traditional text', () => {
    const simplifiedOnly = /[们这个说话时为项设计续费请运营删编辑录选择网页额动态条关开过还没务数据联认证键显转换让张号码钱]/;
    for (const [id, note] of Object.entries(PROVIDER_NOTES_ZH)) expect(note.zhHant, id).not.toMatch(simplifiedOnly);
  });
});

describe('the provider picker shows the notes', () => {
  afterEach(cleanup);
  const picker = (language: string) =>
    render(<ProviderPicker providerId="giffgaff" language={language} onPick={() => undefined} onClear={() => undefined} />);

  it('in the UI language, unmarked', () => {
    picker('zh-TW');
    const notes = screen.getByTestId('provider-notes');
    expect(notes.textContent).toBe(PROVIDER_NOTES_ZH.giffgaff!.zhHant);
    expect(notes.querySelector('[lang="en"]')).toBeNull();
  });

  it('in English, marked "(English)" and tagged for screen readers, where there is no translation', () => {
    picker('ja');
    const notes = screen.getByTestId('provider-notes');
    expect(notes.textContent).toBe(`${giffgaff.notes} (English)`);
    expect(notes.querySelector('[lang="en"]')?.textContent).toBe(giffgaff.notes);
  });
});
