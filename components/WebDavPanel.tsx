import { useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { t, tPlural, uiLanguage, type MessageKey } from '../lib/browser/i18n';
import { checkServerAddress } from '../lib/remote/address';
import type { RemoteErrorCode } from '../lib/remote/errors';
import { webdavAccountItem, webdavKeyItem, webdavStateItem } from '../lib/store/webdav-storage';
import { connectFolder, inspectFolder } from '../lib/webdav/connect';
import { folderAddress, folderFiles } from '../lib/webdav/files';
import { storedKeyOf } from '../lib/webdav/folder-key';
import { parseWebDavAccount, parseWebDavState, type WebDavAccount, type WebDavRequest, type WebDavState } from '../lib/webdav/stored';
import { timeAgo } from './CalendarPanel';
import { Field } from './Field';
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
} from './ServerAccountFields';
import { WebDavReview } from './WebDavReview';

/** Each error code as a sentence about the folder (the transport ones are the calendar's, which name only "the server"). */
const WEBDAV_ERROR: Record<RemoteErrorCode, MessageKey> = {
  auth: 'webdav_error_auth',
  forbidden: 'webdav_error_forbidden',
  calendarGone: 'webdav_error_gone',
  notCalDav: 'webdav_error_notWebDav',
  noEvents: 'webdav_error_malformed',
  conflict: 'webdav_error_conflict',
  locked: 'webdav_error_locked',
  server: 'calendar_error_server',
  quota: 'webdav_error_quota',
  unreachable: 'calendar_error_unreachable',
  timeout: 'calendar_error_timeout',
  certificate: 'calendar_error_certificate',
  redirect: 'webdav_error_redirect',
  tooLarge: 'webdav_error_malformed',
  malformed: 'webdav_error_malformed',
  permission: 'webdav_error_permission',
  passphrase: 'webdav_error_passphrase',
  newerFormat: 'webdav_error_newerFormat',
};

export function webdavErrorText(code: string, detail = ''): string {
  const key = WEBDAV_ERROR[code as RemoteErrorCode];
  return key ? t(key) : t('calendar_error_unknown', [code, detail].filter(Boolean).join(': '));
}

/** The status line of a connected folder, in words. */
export function webdavStatusText(account: WebDavAccount, state: WebDavState | null, now: Date, language: string): string {
  if (!state || state.folderUrl !== account.folderUrl || !state.last) return t('webdav_waiting');
  const { last } = state;
  if (!last.ok) return t('webdav_notSynced', webdavErrorText(last.code, last.detail));
  const synced = t('webdav_synced', [timeAgo(new Date(last.at), now, language), tPlural('webdav_cards', last.cards)]);
  return last.unreadable > 0 ? `${synced} ${t('webdav_unreadable', String(last.unreadable))}` : synced;
}

type Phase =
  | { step: 'idle' }
  | { step: 'asking'; host: string }
  | { step: 'new' }
  | { step: 'connecting' }
  | { step: 'failed'; problem: AccountProblem };

/**
 * Options, WebDAV folder: sync the cards through a folder on the user's own WebDAV
 * server, end-to-end encrypted with a passphrase (lib/webdav). The host permission
 * is asked for on the click, for that origin only; nothing is stored until the
 * passphrase has opened the folder (or made a new one).
 */
export function WebDavPanel() {
  const account = useStoredItem(webdavAccountItem, parseWebDavAccount);
  const state = useStoredItem(webdavStateItem, parseWebDavState);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section className="webdav editor" aria-labelledby="webdav-title" data-testid="webdav-panel">
      <h2 id="webdav-title" tabIndex={-1}>
        {t('webdav_title')}
      </h2>
      <p className="muted">{t('webdav_explain')}</p>
      {account === undefined ? null : account ? (
        <ConnectedFolder account={account} state={state ?? null} onDisconnected={setNotice} />
      ) : (
        <ConnectForm notice={notice} onConnected={() => setNotice(null)} />
      )}
    </section>
  );
}

type FieldName = AccountField | 'passphrase' | 'confirm';

/** The folder's address field. */
const FOLDER_FIELD: AddressField = {
  name: 'folder',
  label: 'webdav_folder',
  hint: 'webdav_folderHint',
  placeholder: 'https://cloud.example.com/remote.php/dav/files/me/SIM Keeper/',
  autoComplete: 'off',
};

function ConnectForm({ notice, onConnected }: { notice: string | null; onConnected: () => void }) {
  const [values, setValues] = useState<Record<FieldName, string>>({ address: '', username: '', password: '', passphrase: '', confirm: '' });
  const [errors, setErrors] = useState<AccountErrors & Partial<Record<'passphrase' | 'confirm', MessageKey>>>({});
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const access = useAskThenConnect(setPhase, 'webdav_permissionRefused', 'WebDAV');
  const busy = phase.step === 'asking' || phase.step === 'connecting';

  const edit = (name: FieldName, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors({});
    if (name !== 'confirm' && phase.step !== 'connecting') {
      access.forget();
      setPhase({ step: 'idle' });
    }
  };

  const credentials = () => {
    const check = checkServerAddress(values.address);
    return check.ok ? { serverUrl: folderAddress(check.url), username: values.username.trim(), password: values.password } : null;
  };

  /** Opens (or, confirmed, makes) the folder; stores the account and the key only when that worked. */
  const finish = async (create: boolean) => {
    const creds = credentials();
    if (!creds) return;
    setPhase({ step: 'connecting' });
    try {
      const { key } = await connectFolder(creds, values.passphrase, { create });
      await webdavKeyItem.setValue({ folderUrl: creds.serverUrl, ...storedKeyOf(key) });
      const stored: WebDavAccount = {
        folderUrl: creds.serverUrl,
        username: creds.username,
        password: creds.password,
        passphrase: values.passphrase,
        connectedAt: new Date().toISOString(),
      };
      await webdavAccountItem.setValue(stored);
      onConnected();
      void browser.runtime.sendMessage({ type: 'webdav:syncNow' } satisfies WebDavRequest).catch(() => undefined);
    } catch (error) {
      const problem = problemOf(error, 'WebDAV');
      if ('code' in problem && problem.code === 'passphrase') {
        setErrors({ passphrase: 'webdav_error_passphrase' });
        setPhase({ step: 'idle' });
      } else setPhase({ step: 'failed', problem });
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (phase.step === 'new') {
      if (values.confirm !== values.passphrase) {
        setErrors({ confirm: 'webdav_errorConfirm' });
        return;
      }
      void finish(true);
      return;
    }
    const { errors: accountErrors, check } = checkAccountFields(values, 'webdav_errorEmpty');
    const found: typeof errors = { ...accountErrors };
    if (values.passphrase.length < 8) found.passphrase = 'webdav_errorPassphraseShort';
    setErrors(found);
    if (!check.ok || Object.keys(found).length > 0) return;
    access.start(check, async (current) => {
      const found = await inspectFolder(folderFiles(credentials()!));
      if (!current()) return;
      if (found.kind === 'new') setPhase({ step: 'new' });
      else await finish(false);
    });
  };

  // A render function for Field (called, not mounted), so the inputs keep their focus as the user types.
  const input =
    (name: 'passphrase' | 'confirm') => (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => (
      <input
        {...props}
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        value={values[name]}
        onChange={(e) => edit(name, e.target.value)}
      />
    );

  return (
    <>
      {notice && (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      <form className="calendar-form" onSubmit={submit} noValidate data-testid="webdav-form">
        <ServerAccountFields idPrefix="webdav" address={FOLDER_FIELD} values={values} errors={errors} onChange={edit} />
        <Field id="webdav-passphrase" label={t('webdav_passphrase')} error={errors.passphrase} hint={t('webdav_passphraseHint')}>
          {input('passphrase')}
        </Field>
        {phase.step === 'new' || (phase.step === 'connecting' && values.confirm) ? (
          <>
            <p className="banner" role="status" data-testid="webdav-new">
              {t('webdav_newFolder')}
            </p>
            <Field id="webdav-confirm" label={t('webdav_confirm')} error={errors.confirm}>
              {input('confirm')}
            </Field>
          </>
        ) : null}
        <div className="row">
          <button type="submit" className="button primary" aria-disabled={busy}>
            {phase.step === 'new' ? t('webdav_create') : t('calendar_connect')}
          </button>
          <span className="muted calendar-progress" aria-live="polite">
            {phase.step === 'asking' ? t('webdav_checking', phase.host) : phase.step === 'connecting' ? t('calendar_connecting') : ''}
          </span>
        </div>
      </form>
      {phase.step === 'failed' && (
        <p className="banner banner-error" role="alert" data-testid="webdav-error">
          {problemText(phase.problem, webdavErrorText)}
        </p>
      )}
      <p className="muted">{t('webdav_help')}</p>
    </>
  );
}

function ConnectedFolder({
  account,
  state,
  onDisconnected,
}: {
  account: WebDavAccount;
  state: WebDavState | null;
  onDisconnected: (notice: string) => void;
}) {
  const now = useNow(30_000);
  const language = uiLanguage();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const ours = state && state.folderUrl === account.folderUrl ? state : null;
  const failedCode = ours?.last && !ours.last.ok ? ours.last.code : null;
  const address = new URL(account.folderUrl);

  const syncNow = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const answer: unknown = await browser.runtime.sendMessage({ type: 'webdav:syncNow' } satisfies WebDavRequest);
      if (!parseWebDavState(answer)) setProblem(t('calendar_noAnswer'));
    } catch {
      setProblem(t('calendar_noAnswer'));
    }
    setBusy(false);
  };

  const allowAgain = () =>
    askAgain(
      account.folderUrl,
      () => void syncNow(),
      (host) => setProblem(t('webdav_permissionRefused', host)),
    );

  const disconnect = async () => {
    setBusy(true);
    try {
      await browser.runtime.sendMessage({ type: 'webdav:disconnect' } satisfies WebDavRequest);
      onDisconnected(t('webdav_disconnected'));
      document.getElementById('webdav-title')?.focus();
    } catch {
      setProblem(t('calendar_noAnswer'));
      setBusy(false);
    }
  };

  return (
    <div className="calendar-state" data-testid="webdav-state">
      <p>{t('webdav_connectedTo', [decodeURIComponent(address.pathname), address.host, account.username])}</p>
      <p data-testid="webdav-status" className={failedCode ? 'calendar-failed' : undefined} aria-live="polite">
        <strong>{webdavStatusText(account, state, now, language)}</strong>
        {busy && <span className="muted"> {t('webdav_syncing')}</span>}
      </p>
      {problem && (
        <p className="banner banner-error" role="alert">
          {problem}
        </p>
      )}
      {ours?.review && <WebDavReview review={ours.review} heldFor={ours.heldFor} />}
      {asking ? (
        <fieldset className="banner" aria-labelledby="webdav-disconnect-ask">
          <p id="webdav-disconnect-ask">{t('webdav_disconnectAsk')}</p>
          <div className="row">
            <button type="button" className="button danger" onClick={() => void disconnect()}>
              {t('calendar_disconnect')}
            </button>
            <button type="button" className="button subtle" onClick={() => setAsking(false)}>
              {t('action_cancel')}
            </button>
          </div>
        </fieldset>
      ) : (
        <div className="row">
          {failedCode === 'permission' && (
            <button type="button" className="button primary" onClick={() => void allowAgain()}>
              {t('calendar_allowAgain', address.host)}
            </button>
          )}
          <button type="button" className="button" aria-disabled={busy} onClick={() => void syncNow()}>
            {t('webdav_syncNow')}
          </button>
          <button type="button" className="button subtle danger" aria-disabled={busy} onClick={() => setAsking(true)}>
            {t('calendar_disconnect')}
          </button>
        </div>
      )}
    </div>
  );
}
