import { useEffect, useState, type FormEvent } from 'react';
import { t, type MessageKey } from '../lib/browser/i18n';
import { formatLeadDays, parseLeadDays } from '../lib/cards/lead-days';
import { browserTimeZone } from '../lib/dates/plain-date';
import { reminderTimeSchema, type SettingsV1 } from '../lib/store/settings-schema';
import { updateSettings } from '../lib/store/storage';
import { Field } from './Field';
import type { SettingsState } from './hooks';
import { TimeZoneSelect } from './TimeZoneSelect';

interface Draft {
  followBrowser: boolean;
  timeZone: string;
  reminderTime: string;
  leadDays: string;
  escalateHours: string;
}

type DraftErrors = Partial<Record<'reminderTime' | 'leadDays' | 'escalateHours', MessageKey>>;

function draftOf(state: SettingsState): Draft {
  const stored = state.stored?.settings ?? {};
  return {
    followBrowser: stored.timeZone === undefined || stored.timeZone === null,
    timeZone: state.settings.timeZone,
    reminderTime: state.settings.reminderTime,
    leadDays: formatLeadDays(state.settings.leadDays),
    escalateHours: String(state.settings.escalateHours),
  };
}

/** Checks the draft and gives the settings to store, or one message per invalid field. */
function settingsOf(draft: Draft): { ok: true; settings: SettingsV1 } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  if (!reminderTimeSchema.safeParse(draft.reminderTime).success) errors.reminderTime = 'settings_errorTime';
  const lead = parseLeadDays(draft.leadDays);
  if ('error' in lead) errors.leadDays = lead.error;
  const hours = draft.escalateHours.trim();
  if (!/^\d+$/.test(hours) || Number(hours) < 1 || Number(hours) > 24) errors.escalateHours = 'settings_errorHours';
  if (Object.keys(errors).length > 0 || 'error' in lead) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      timeZone: draft.followBrowser ? null : draft.timeZone,
      reminderTime: draft.reminderTime,
      leadDays: lead.value,
      escalateHours: Number(hours),
    },
  };
}

/** The user's own settings: the zone their calendar is in, and when reminders come. */
export function SettingsPanel({ state }: { state: SettingsState }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(state));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [saved, setSaved] = useState(false);
  const loaded = state.stored !== null;
  // Start from what is stored once it has loaded (the first render may come before).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the first load fills the draft; later changes are the user's
  useEffect(() => {
    if (loaded) setDraft(draftOf(state));
  }, [loaded]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = settingsOf(draft);
    setSaved(false);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    await updateSettings((stored) => ({ ...stored, ...result.settings }));
    setSaved(true);
  };
  const edit = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };

  return (
    <form className="settings editor" aria-labelledby="settings-title" onSubmit={submit} noValidate>
      <h2 id="settings-title">{t('settings_title')}</h2>
      {state.stored?.problems && (
        <p className="banner banner-error" role="alert">
          {t('settings_invalid', state.stored.problems.join('; '))}
        </p>
      )}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.followBrowser}
          onChange={(e) => edit({ followBrowser: e.target.checked, timeZone: browserTimeZone() })}
        />
        {t('settings_followBrowserZone', browserTimeZone())}
      </label>
      {!draft.followBrowser && (
        <Field id="settings-zone" label={t('settings_zone')}>
          {(p) => <TimeZoneSelect {...p} value={draft.timeZone} onChange={(zone) => edit({ timeZone: zone })} />}
        </Field>
      )}
      <div className="row">
        <Field id="settings-reminderTime" label={t('settings_reminderTime')} error={errors.reminderTime}>
          {(p) => <input {...p} type="time" value={draft.reminderTime} onChange={(e) => edit({ reminderTime: e.target.value })} />}
        </Field>
        <Field id="settings-leadDays" label={t('settings_leadDays')} error={errors.leadDays} hint={t('form_leadDaysHintDefaults')}>
          {(p) => <input {...p} value={draft.leadDays} onChange={(e) => edit({ leadDays: e.target.value })} />}
        </Field>
        <Field id="settings-escalateHours" label={t('settings_escalateHours')} error={errors.escalateHours}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              size={3}
              value={draft.escalateHours}
              onChange={(e) => edit({ escalateHours: e.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="row">
        <button type="submit" className="button primary">
          {t('settings_save')}
        </button>
        {saved && (
          <span className="muted" role="status">
            {t('settings_saved')}
          </span>
        )}
      </div>
    </form>
  );
}
