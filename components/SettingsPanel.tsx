import { useState } from 'react';
import { t } from '../lib/i18n';
import { browserTimeZone } from '../lib/plain-date';
import { saveSettings } from '../lib/storage';
import type { SettingsState } from './hooks';
import { TimeZoneSelect } from './TimeZoneSelect';

/** The user's own settings: the zone their calendar is in. */
export function SettingsPanel({ state }: { state: SettingsState }) {
  const stored = state.stored?.settings ?? {};
  const [saved, setSaved] = useState(false);
  const follow = stored.timeZone === undefined || stored.timeZone === null;
  const update = async (timeZone: string | null) => {
    await saveSettings({ ...stored, timeZone });
    setSaved(true);
  };
  return (
    <section className="settings" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('settings_title')}</h2>
      {state.stored?.problems && (
        <p className="banner banner-error" role="alert">
          {t('settings_invalid', state.stored.problems.join('; '))}
        </p>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={follow} onChange={(e) => void update(e.target.checked ? null : browserTimeZone())} />
        {t('settings_followBrowserZone', browserTimeZone())}
      </label>
      {!follow && (
        <div className="field">
          <label htmlFor="settings-zone">{t('settings_zone')}</label>
          <TimeZoneSelect id="settings-zone" value={state.settings.timeZone} onChange={(zone) => void update(zone)} />
        </div>
      )}
      {saved && <p className="muted" role="status">{t('settings_saved')}</p>}
    </section>
  );
}
