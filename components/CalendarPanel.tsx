import { parseCalendarAccount, parseCalendarState } from '../lib/calendar/stored';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { t, tPlural, uiLanguage, type MessageKey } from '../lib/browser/i18n';
import { createCalendar, discoverCalendars, type CalendarCredentials, type FoundCalendar } from '../lib/calendar/client';
import type { CalendarAccount, CalendarErrorCode, CalendarRequest, CalendarState } from '../lib/calendar/types';
import { formatDayTimeInZone } from '../lib/dates/format';
import { calendarAccountItem, calendarStateItem } from '../lib/store/storage';
import { useNow } from './hooks';
import { useStoredItem } from './use-stored-item';
import {
  askAgain,
  checkAccountFields,
  problemOf,
  problemText,
  ServerAccountFields,
  useAskThenConnect,
  type AccountErrors,
  type AddressField,
  type AccountField,
  type AccountProblem,
  type AccountValues,
} from './ServerAccountFields';

/** Each CalendarErrorCode as a sentence that says what happened and what to do. */
/** The calendar's sentence for each code; the WebDAV-only codes ('passphrase', 'newerFormat') never come from a calendar. */
export const CALENDAR_ERROR: Record<Exclude<CalendarErrorCode, 'passphrase' | 'newerFormat'>, MessageKey> = {
  auth: 'calendar_error_auth',
  forbidden: 'calendar_error_forbidden',
  calendarGone: 'calendar_error_calendarGone',
  notCalDav: 'calendar_error_notCalDav',
  noEvents: 'calendar_error_noEvents',
  conflict: 'calendar_error_conflict',
  locked: 'calendar_error_locked',
  server: 'calendar_error_server',
  quota: 'calendar_error_quota',
  unreachable: 'calendar_error_unreachable',
  timeout: 'calendar_error_timeout',
  certificate: 'calendar_error_certificate',
  redirect: 'calendar_error_redirect',
  tooLarge: 'calendar_error_tooLarge',
  malformed: 'calendar_error_malformed',
  permission: 'calendar_error_permission',
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An error sentence for a code, whatever a caller passed (a code from another version is named, not dropped). */
export function calendarErrorText(code: string, detail = ''): string {
  const key = CALENDAR_ERROR[code as keyof typeof CALENDAR_ERROR];
  return key ? t(key) : t('calendar_error_unknown', [code, detail].filter(Boolean).join(': '));
}

/**
 * "just now", "2 minutes ago", "yesterday": how long ago `then` was, in the UI language.
 *
 * @example
 * timeAgo(new Date('2026-11-22T01:58:00Z'), new Date('2026-11-22T02:00:00Z'), 'en') //=> '2 minutes ago'
 */
export function timeAgo(then: Date, now: Date, language: string): string {
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 45) return t('calendar_justNow');
  if (abs < 90) return format.format(Math.sign(seconds), 'minute');
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86_400), 'day');
}

/** The status line of a connected calendar, in words. */
export function calendarStatusText(account: CalendarAccount, state: CalendarState | null, now: Date, language: string): string {
  if (!state || state.calendarUrl !== account.calendarUrl || !state.last) return t('calendar_waiting');
  const { last } = state;
  if (last.ok) {
    return t('calendar_updated', [
      timeAgo(new Date(last.at), now, language),
      tPlural('calendar_events', Object.keys(state.written).length),
    ]);
  }
  return t('calendar_notUpdated', calendarErrorText(last.code, last.detail));
}

/** Which value of the radio list means "create a new calendar". */
const NEW_CALENDAR = '';

type Phase =
  | { step: 'idle' }
  | { step: 'asking'; host: string }
  | { step: 'found'; credentials: CalendarCredentials; calendars: FoundCalendar[] }
  | { step: 'connecting'; credentials: CalendarCredentials; calendars: FoundCalendar[] }
  | { step: 'failed'; problem: AccountProblem };

/**
 * Options, Calendar: connect one CalDAV calendar, which the background keeps filled
 * with every card's deadline (lib/calendar). The host permission is asked for on the
 * click, for the typed server only; nothing is stored until Connect.
 */
export function CalendarPanel({ userTimeZone }: { userTimeZone: string }) {
  const account = useStoredItem(calendarAccountItem, parseCalendarAccount);
  const state = useStoredItem(calendarStateItem, parseCalendarState);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <section className="calendar editor" aria-labelledby="calendar-title">
      <h2 id="calendar-title" tabIndex={-1}>
        {t('calendar_title')}
      </h2>
      <p className="calendar-intro">
        <strong>{t('calendar_intro')}</strong>
      </p>
      <p className="muted">{t('calendar_explain')}</p>
      {account === undefined ? null : account ? (
        <ConnectedCalendar account={account} state={state ?? null} userTimeZone={userTimeZone} onDisconnected={setNotice} />
      ) : (
        <ConnectForm onConnected={() => setNotice(null)} notice={notice} />
      )}
      <KeepRunning />
    </section>
  );
}

/** The calendar's address field. */
const SERVER_FIELD: AddressField = {
  name: 'server',
  label: 'calendar_server',
  hint: 'calendar_serverHint',
  placeholder: 'https://caldav.example.com',
  autoComplete: 'url',
};

function ConnectForm({ onConnected, notice }: { onConnected: () => void; notice: string | null }) {
  const [values, setValues] = useState<AccountValues>({ address: '', username: '', password: '' });
  const [errors, setErrors] = useState<AccountErrors>({});
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [choice, setChoice] = useState<string>(NEW_CALENDAR);
  const choiceName = useId();
  const access = useAskThenConnect(setPhase, 'calendar_permissionRefused', 'calendar');
  const busy = phase.step === 'asking' || phase.step === 'connecting';

  // Changing what was typed forgets the calendars found with the old values.
  const edit = (name: AccountField, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors({});
    if (phase.step === 'asking' || phase.step === 'found' || phase.step === 'failed') {
      access.forget();
      setPhase({ step: 'idle' });
    }
  };

  const find = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const { errors: found, check } = checkAccountFields(values, 'calendar_errorEmpty');
    setErrors(found);
    if (!check.ok || Object.keys(found).length > 0) return;
    const credentials = { serverUrl: check.url, username: values.username.trim(), password: values.password };
    access.start(check, async (current) => {
      const calendars = (await discoverCalendars(credentials)).filter((calendar) => calendar.supportsEvents);
      if (!current()) return;
      // Connecting again: the calendar made last time is chosen, so a second one is not made beside it.
      setChoice(calendars.find((calendar) => calendar.displayName === t('calendar_newName'))?.url ?? NEW_CALENDAR);
      setPhase({ step: 'found', credentials, calendars });
    });
  };

  const connect = async () => {
    if (phase.step !== 'found') return;
    const { credentials, calendars } = phase;
    setPhase({ step: 'connecting', credentials, calendars });
    try {
      const calendar = calendars.find((c) => c.url === choice) ?? (await createCalendar(credentials, t('calendar_newName')));
      const stored: CalendarAccount = {
        ...credentials,
        calendarUrl: calendar.url,
        calendarName: calendar.displayName,
        connectedAt: new Date().toISOString(),
      };
      await calendarAccountItem.setValue(stored);
      onConnected();
    } catch (error) {
      setPhase({ step: 'failed', problem: problemOf(error, 'calendar') });
    }
  };

  const calendars = phase.step === 'found' || phase.step === 'connecting' ? phase.calendars : null;
  return (
    <>
      {notice && (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      <form className="calendar-form" onSubmit={find} noValidate>
        <ServerAccountFields idPrefix="calendar" address={SERVER_FIELD} values={values} errors={errors} onChange={edit} />
        <div className="row">
          <button type="submit" className="button" aria-disabled={busy}>
            {t('calendar_find')}
          </button>
          <span className="muted calendar-progress" aria-live="polite">
            {phase.step === 'asking' ? t('calendar_finding', phase.host) : ''}
          </span>
        </div>
      </form>

      {phase.step === 'failed' && (
        <p className="banner banner-error" role="alert" data-testid="calendar-error">
          {problemText(phase.problem, calendarErrorText)}
        </p>
      )}
      {calendars && (
        <fieldset className="calendar-choice">
          <legend>{t('calendar_choose')}</legend>
          {calendars.length === 0 && <p className="muted">{t('calendar_noCalendars')}</p>}
          {calendars.map((calendar) => (
            <label key={calendar.url} className="checkbox">
              <input type="radio" name={choiceName} checked={choice === calendar.url} onChange={() => setChoice(calendar.url)} />
              {calendar.displayName}
            </label>
          ))}
          <label className="checkbox">
            <input type="radio" name={choiceName} checked={choice === NEW_CALENDAR} onChange={() => setChoice(NEW_CALENDAR)} />
            {t('calendar_createNew', t('calendar_newName'))}
          </label>
          <div className="row">
            <button type="button" className="button primary" aria-disabled={phase.step === 'connecting'} onClick={() => void connect()}>
              {t('calendar_connect')}
            </button>
            <span className="muted calendar-progress" aria-live="polite">
              {phase.step === 'connecting' ? t('calendar_connecting') : ''}
            </span>
          </div>
        </fieldset>
      )}
      <ServerHelp />
    </>
  );
}

function ServerHelp() {
  const lines: MessageKey[] = [
    'calendar_helpNextcloud',
    'calendar_helpRadicale',
    'calendar_helpFastmail',
    'calendar_helpICloud',
    'calendar_helpMailbox',
    'calendar_helpSynology',
    'calendar_helpBaikal',
  ];
  return (
    <details className="calendar-help">
      <summary>{t('calendar_helpTitle')}</summary>
      <p>{t('calendar_helpAppPassword')}</p>
      <ul>
        {lines.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
    </details>
  );
}

type Reply = { kind: 'none' } | { kind: 'busy'; what: 'update' | 'disconnect' } | { kind: 'problem'; text: string };

function ConnectedCalendar({
  account,
  state,
  userTimeZone,
  onDisconnected,
}: {
  account: CalendarAccount;
  state: CalendarState | null;
  userTimeZone: string;
  onDisconnected: (notice: string) => void;
}) {
  const language = uiLanguage();
  const now = useNow(15_000);
  const [reply, setReply] = useState<Reply>({ kind: 'none' });
  const dialog = useRef<HTMLDialogElement>(null);
  const disconnectButton = useRef<HTMLButtonElement>(null);
  const busy = reply.kind === 'busy';
  const host = new URL(account.calendarUrl).host;
  const ours = state && state.calendarUrl === account.calendarUrl ? state : null;
  const failedCode = ours?.last && !ours.last.ok ? ours.last.code : null;
  // Screen readers hear a round when it ends, not the line's "2 minutes ago" ticking on.
  const [announced, setAnnounced] = useState('');
  const lastAt = ours?.last?.at ?? null;
  const seenAt = useRef(lastAt);
  useEffect(() => {
    if (lastAt === seenAt.current) return;
    seenAt.current = lastAt;
    setAnnounced(calendarStatusText(account, state, new Date(), language));
  }, [lastAt, account, state, language]);

  const updateNow = async () => {
    if (busy) return;
    setReply({ kind: 'busy', what: 'update' });
    try {
      const answer: unknown = await browser.runtime.sendMessage({ type: 'calendar:updateNow' } satisfies CalendarRequest);
      // The status line follows the stored state; the reply only tells whether the background answered.
      if (!parseCalendarState(answer)) setReply({ kind: 'problem', text: t('calendar_noAnswer') });
      else setReply({ kind: 'none' });
    } catch (error) {
      console.error('SIM Keeper: calendar update', error);
      setReply({ kind: 'problem', text: t('calendar_noAnswer') });
    }
  };

  const allowAgain = () =>
    askAgain(
      account.serverUrl,
      () => void updateNow(),
      (refused) => setReply({ kind: 'problem', text: t('calendar_permissionRefused', refused) }),
    );

  const disconnect = async (removeEvents: boolean) => {
    dialog.current?.close();
    setReply({ kind: 'busy', what: 'disconnect' });
    try {
      const answer = (await browser.runtime.sendMessage({
        type: 'calendar:disconnect',
        removeEvents,
      } satisfies CalendarRequest)) as unknown;
      if (isRecord(answer) && answer.ok === true) {
        onDisconnected(t('calendar_disconnected'));
        // The form replaces this view: focus goes to the panel's title, not to the page's top.
        document.getElementById('calendar-title')?.focus();
        return;
      }
      const code = isRecord(answer) && typeof answer.code === 'string' ? answer.code : null;
      setReply({ kind: 'problem', text: t('calendar_disconnectFailed', code ? calendarErrorText(code) : t('calendar_noAnswer')) });
    } catch (error) {
      console.error('SIM Keeper: calendar disconnect', error);
      setReply({ kind: 'problem', text: t('calendar_disconnectFailed', t('calendar_noAnswer')) });
    }
    disconnectButton.current?.focus();
  };

  return (
    <div className="calendar-state" data-testid="calendar-state">
      <p>{t('calendar_connectedTo', [account.calendarName, host, account.username])}</p>
      <p className="visually-hidden" role="status" data-testid="calendar-announce">
        {announced}
      </p>
      <p data-testid="calendar-status" className={failedCode ? 'calendar-failed' : undefined}>
        <strong>{calendarStatusText(account, state, now, language)}</strong>
        {reply.kind === 'busy' && (
          <span className="muted"> {t(reply.what === 'update' ? 'calendar_updating' : 'calendar_disconnecting')}</span>
        )}
      </p>
      {ours?.last && (
        <p className="muted">
          {ours.lastSuccessAt
            ? t('calendar_lastSuccess', formatDayTimeInZone(new Date(ours.lastSuccessAt), userTimeZone, language))
            : t('calendar_neverUpdated')}
        </p>
      )}
      {reply.kind === 'problem' && (
        <p className="banner banner-error" role="alert">
          {reply.text}
        </p>
      )}
      <div className="row">
        {failedCode === 'permission' && (
          <button type="button" className="button primary" onClick={() => void allowAgain()}>
            {t('calendar_allowAgain', host)}
          </button>
        )}
        <button type="button" className="button" aria-disabled={busy} onClick={() => void updateNow()}>
          {t('calendar_updateNow')}
        </button>
        <button
          type="button"
          className="button subtle danger"
          ref={disconnectButton}
          aria-disabled={busy}
          onClick={() => !busy && dialog.current?.showModal()}
        >
          {t('calendar_disconnect')}
        </button>
      </div>
      <dialog
        ref={dialog}
        className="calendar-dialog"
        aria-labelledby="calendar-dialog-title"
        aria-describedby="calendar-dialog-ask"
        // Escape and Cancel close it; focus goes back to the button that opened it.
        onClose={() => document.activeElement === document.body && disconnectButton.current?.focus()}
      >
        <h3 id="calendar-dialog-title">{t('calendar_disconnectTitle')}</h3>
        <p id="calendar-dialog-ask">{t('calendar_disconnectAsk')}</p>
        <p className="muted">{t('calendar_disconnectNote')}</p>
        <div className="row">
          <button type="button" className="button danger" onClick={() => void disconnect(true)}>
            {t('calendar_removeEvents')}
          </button>
          <button type="button" className="button" onClick={() => void disconnect(false)}>
            {t('calendar_keepEvents')}
          </button>
          <button
            type="button"
            className="button subtle"
            onClick={() => {
              dialog.current?.close();
              disconnectButton.current?.focus();
            }}
          >
            {t('action_cancel')}
          </button>
        </div>
      </dialog>
    </div>
  );
}

/** Whether this build's manifest lists `background` among its optional permissions (Chrome's does; Firefox has no such permission). */
export function offersBackgroundPermission(): boolean {
  try {
    return ((browser.runtime.getManifest().optional_permissions ?? []) as string[]).includes('background');
  } catch {
    return false;
  }
}

/** Where the manifest offers it: the optional `background` permission, so Chrome keeps running (and alarms ring) with no window open. */
function KeepRunning() {
  const offered = offersBackgroundPermission();
  const [on, setOn] = useState<boolean | null>(null);
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    if (!offered) return;
    let active = true;
    browser.permissions
      .contains({ permissions: ['background'] })
      .then((has) => active && setOn(has))
      .catch(() => active && setOn(false));
    return () => {
      active = false;
    };
  }, [offered]);
  if (!offered) return null;

  const change = (wanted: boolean) => {
    // Requested on the click itself, before any await: the browser needs the user gesture.
    const done = wanted
      ? browser.permissions.request({ permissions: ['background'] })
      : browser.permissions.remove({ permissions: ['background'] });
    setRefused(false);
    void done
      .then((changed) => {
        if (wanted && !changed) setRefused(true);
        return browser.permissions.contains({ permissions: ['background'] });
      })
      .then(setOn)
      .catch((error) => {
        console.error('SIM Keeper: background permission', error);
        setRefused(true);
      });
  };

  return (
    <div className="calendar-background">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={on ?? false}
          disabled={on === null}
          aria-describedby="calendar-background-hint"
          onChange={(e) => change(e.target.checked)}
        />
        {t('calendar_background')}
      </label>
      <p className="muted" id="calendar-background-hint">
        {t('calendar_backgroundHint')}
      </p>
      {refused && (
        <p className="field-error" role="alert">
          {t('calendar_backgroundRefused')}
        </p>
      )}
    </div>
  );
}
