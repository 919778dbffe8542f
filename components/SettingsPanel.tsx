import { useEffect, useState, type FormEvent } from 'react';
import { t, type MessageKey } from '../lib/browser/i18n';
import { formatLeadDays, parseLeadDays } from '../lib/cards/lead-days';
import { browserTimeZone } from '../lib/dates/plain-date';
import { reminderTimeSchema, type SettingsV1 } from '../lib/store/settings-schema';
import { NewerDataError, saveSettings } from '../lib/store/storage';
import { requestTestNotification, type TestNotificationReply } from '../lib/reminders/test-notification';
import { BellIcon, WarningIcon } from './icons';
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

/**
 * Checks the draft and gives the settings to store, or one message per invalid field.
 * Only fields that differ from `initial` (the draft as loaded) are given, so a setting
 * the user did not touch stays exactly as stored, an invalid one included.
 */
function settingsOf(draft: Draft, initial: Draft): { ok: true; settings: SettingsV1 } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  if (!reminderTimeSchema.safeParse(draft.reminderTime).success) errors.reminderTime = 'settings_errorTime';
  const lead = parseLeadDays(draft.leadDays);
  if ('error' in lead) errors.leadDays = lead.error;
  const hours = draft.escalateHours.trim();
  if (!/^\d+$/.test(hours) || Number(hours) < 1 || Number(hours) > 24) errors.escalateHours = 'settings_errorHours';
  if (Object.keys(errors).length > 0 || 'error' in lead) return { ok: false, errors };
  const settings: SettingsV1 = {};
  if (draft.followBrowser !== initial.followBrowser || draft.timeZone !== initial.timeZone) {
    settings.timeZone = draft.followBrowser ? null : draft.timeZone;
  }
  if (draft.reminderTime !== initial.reminderTime) settings.reminderTime = draft.reminderTime;
  if (draft.leadDays !== initial.leadDays) settings.leadDays = lead.value;
  if (draft.escalateHours !== initial.escalateHours) settings.escalateHours = Number(hours);
  return { ok: true, settings };
}

/** "Send a test notification": the background shows one the way it shows reminders, and says whether it could. */
function TestNotificationButton() {
  const [reply, setReply] = useState<TestNotificationReply | null>(null);
  const [sending, setSending] = useState(false);
  const send = async () => {
    setSending(true);
    setReply(null);
    setReply(await requestTestNotification());
    setSending(false);
  };
  return (
    <div className="row settings-test">
      <button type="button" className="button" onClick={() => void send()} disabled={sending}>
        <BellIcon /> {t('settings_testNotification')}
      </button>
      {reply && (
        <span className={reply.ok ? 'muted' : 'field-error'} role="status">
          {reply.ok ? t('settings_testSent') : t('settings_testFailed', reply.error)}
        </span>
      )}
    </div>
  );
}

const STORED_FIELD: Record<keyof DraftErrors, keyof SettingsV1> = {
  reminderTime: 'reminderTime',
  leadDays: 'leadDays',
  escalateHours: 'escalateHours',
};

/** The user's own settings: the zone their calendar is in, and when reminders come. */
export function SettingsPanel({ state }: { state: SettingsState }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(state));
  // What the draft started from; a save writes only what differs from it.
  const [initial, setInitial] = useState<Draft>(() => draftOf(state));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const readOnly = state.stored?.newerVersion !== undefined;
  const invalid = state.stored?.invalidFields ?? {};
  // The stored value that could not be read, shown beside its field until the user saves a new one.
  const storedProblem = (field: keyof SettingsV1) => {
    const entry = invalid[field];
    return entry ? t('settings_invalidField', JSON.stringify(entry.stored)) : undefined;
  };
  const storedHint = (field: keyof DraftErrors, hint?: string) => {
    const problem = storedProblem(STORED_FIELD[field]);
    if (!problem) return hint;
    return (
      <span className="link-warning" data-testid={`settings-invalid-${field}`}>
        <WarningIcon /> {problem}
      </span>
    );
  };
  const [saved, setSaved] = useState(false);
  const loaded = state.stored !== null;
  // Start from what is stored once it has loaded (the first render may come before).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the first load fills the draft; later changes are the user's
  useEffect(() => {
    if (!loaded) return;
    setDraft(draftOf(state));
    setInitial(draftOf(state));
  }, [loaded]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = settingsOf(draft, initial);
    setSaved(false);
    setSaveError(null);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    try {
      await saveSettings(result.settings);
    } catch (error) {
      setSaveError(error instanceof NewerDataError ? t('newer_refused') : t('editor_saveFailed', String(error)));
      return;
    }
    setInitial(draft);
    setSaved(true);
  };
  const edit = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };

  return (
    <form className="settings editor" aria-labelledby="settings-title" onSubmit={submit} noValidate>
      <h2 id="settings-title">{t('settings_title')}</h2>
      {readOnly && (
        <p className="banner banner-error" role="alert">
          {t('newer_settingsReadOnly', state.stored?.newerVersion ?? '')}
        </p>
      )}
      {state.stored?.problems && (
        <p className="banner banner-error" role="alert">
          {t('settings_invalid', state.stored.problems.join('; '))}
        </p>
      )}
      {storedProblem('timeZone') && (
        <p className="link-warning" data-testid="settings-invalid-timeZone">
          <WarningIcon /> {storedProblem('timeZone')}
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
        <Field id="settings-reminderTime" label={t('settings_reminderTime')} error={errors.reminderTime} hint={storedHint('reminderTime')}>
          {(p) => <input {...p} type="time" value={draft.reminderTime} onChange={(e) => edit({ reminderTime: e.target.value })} />}
        </Field>
        <Field
          id="settings-leadDays"
          label={t('settings_leadDays')}
          error={errors.leadDays}
          hint={storedHint('leadDays', t('form_leadDaysHintDefaults'))}
        >
          {(p) => <input {...p} value={draft.leadDays} onChange={(e) => edit({ leadDays: e.target.value })} />}
        </Field>
        <Field
          id="settings-escalateHours"
          label={t('settings_escalateHours')}
          error={errors.escalateHours}
          hint={storedHint('escalateHours')}
        >
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
        <button type="submit" className="button primary" disabled={readOnly}>
          {t('settings_save')}
        </button>
        {saveError && (
          <span className="field-error" role="alert">
            {saveError}
          </span>
        )}
        {saved && (
          <span className="muted" role="status">
            {t('settings_saved')}
          </span>
        )}
      </div>
      <TestNotificationButton />
    </form>
  );
}
