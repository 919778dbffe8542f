// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ImportPreview } from '../../components/ImportPreview';
import type { SettingsV1 } from '../../lib/store/settings-schema';
import { settingsItem } from '../../lib/store/storage';
import type { ImportCandidates } from '../../lib/transfer/candidates';
import { applyImport, type ImportChoices, previewImport, settingChanges } from '../../lib/transfer/preview';
import { confirmImport } from '../../lib/transfer/service';
import { makeCard } from './card-fixture';

const NOW = new Date('2026-11-27T00:00:00.000Z');
const mine: SettingsV1 = { reminderTime: '07:00', leadDays: [3], conversion: { homeCurrency: 'HKD', rates: { USD: 7.8 } } };
const file: SettingsV1 = {
  reminderTime: '10:00',
  leadDays: [3],
  escalateHours: 4,
  conversion: { rates: { USD: 7.8 }, homeCurrency: 'HKD' },
};
const candidates = (settings: SettingsV1 | null): ImportCandidates => ({
  source: 'backup',
  cards: [makeCard('a')],
  invalid: [],
  notes: [],
  settings,
});

afterEach(cleanup);

describe('settings in an import', () => {
  it('lists the settings that differ, as card changes are listed (key order does not count as a change)', () => {
    expect(settingChanges(mine, file)).toEqual([
      { field: 'reminderTime', mine: '07:00', theirs: '10:00' },
      { field: 'escalateHours', mine: null, theirs: 4 },
    ]);
    expect(settingChanges(mine, null)).toEqual([]);
    expect(previewImport({ cards: [], invalid: [] }, candidates(file), mine).settingsChanges.map((c) => c.field)).toEqual([
      'reminderTime',
      'escalateHours',
    ]);
  });

  it.each<[string, Pick<ImportChoices, 'mode' | 'settingsFromFile'>, SettingsV1 | undefined]>([
    ['merge, nothing chosen: settings untouched', { mode: 'merge' }, undefined],
    ['merge, one setting taken', { mode: 'merge', settingsFromFile: new Set(['reminderTime']) }, { reminderTime: '10:00' }],
    ['merge, a setting the file lacks taken: cleared', { mode: 'merge', settingsFromFile: new Set(['timeZone']) }, { timeZone: undefined }],
    ['replace, all kept mine', { mode: 'replace', settingsFromFile: new Set() }, undefined],
  ])('%s', (_, choices, expected) => {
    const state = applyImport({ cards: [], invalid: [] }, candidates(file), { keepInvalid: false, ...choices });
    expect(state.settings).toEqual(expected);
  });

  describe('written', () => {
    beforeEach(() => fakeBrowser.reset());

    it('a merge writes only the settings taken from the file, over what is stored (an unknown stored field stays)', async () => {
      await settingsItem.setValue({ ...mine, fromNewerVersion: true });
      await confirmImport(candidates(file), { mode: 'merge', keepInvalid: false, settingsFromFile: new Set(['escalateHours']) }, NOW);
      expect(await settingsItem.getValue()).toEqual({ ...mine, escalateHours: 4, fromNewerVersion: true });
    });

    it('replace all with no choice given takes the file settings as a whole, as before', async () => {
      await settingsItem.setValue(mine);
      await confirmImport(candidates(file), { mode: 'replace', keepInvalid: false }, NOW);
      expect(await settingsItem.getValue()).toEqual(file);
    });
  });

  describe('in the preview', () => {
    const renderPreview = (onConfirm: (choices: ImportChoices) => void) => {
      const c = candidates(file);
      render(
        <ImportPreview
          preview={previewImport({ cards: [], invalid: [] }, c, mine)}
          candidates={c}
          onConfirm={onConfirm}
          onCancel={() => {}}
        />,
      );
      return screen.getByText('Settings in the file that differ from yours: 2').closest('details')!;
    };
    const taken = (onConfirm: ReturnType<typeof vi.fn>) => [...(onConfirm.mock.calls[0]![0] as ImportChoices).settingsFromFile!].sort();

    it("shows each differing setting with both values, starting on the file's side", () => {
      const onConfirm = vi.fn();
      const group = renderPreview(onConfirm);
      expect(within(group).getAllByRole('row')).toHaveLength(3);
      // Values as a person reads them, not as JSON.
      expect(within(group).getByText('10:00')).toBeTruthy();
      expect(within(group).queryByText('"10:00"')).toBeNull();
      fireEvent.click(screen.getByRole('button', { name: 'Merge' }));
      expect(taken(onConfirm)).toEqual(['escalateHours', 'reminderTime']);
    });

    it('lets the user keep one setting, or all of them', () => {
      const onConfirm = vi.fn();
      const group = renderPreview(onConfirm);
      const row = group.querySelector('[data-setting="reminderTime"]') as HTMLElement;
      fireEvent.click(within(row).getByLabelText('Keep mine'));
      fireEvent.click(screen.getByRole('button', { name: 'Merge' }));
      expect(taken(onConfirm)).toEqual(['escalateHours']);
      fireEvent.click(within(group).getByText('Keep all my settings'));
      fireEvent.click(screen.getByRole('button', { name: 'Replace all' }));
      expect([...(onConfirm.mock.calls[1]![0] as ImportChoices).settingsFromFile!]).toEqual([]);
    });
  });
});
