import { useRef } from 'react';
import { browser } from 'wxt/browser';
import { t, type MessageKey } from '../lib/browser/i18n';
import { requestOriginAccess } from '../lib/remote/access';
import { checkServerAddress, type AddressCheck } from '../lib/remote/address';
import { RemoteError } from '../lib/remote/errors';
import { Field } from './Field';

/*
 * What the calendar's and the WebDAV folder's connect forms share: the account's three
 * fields (server address, user name, app password) with their hints and errors, their
 * check, and the step that asks the host permission on the click before connecting.
 */

/** Each reason `checkServerAddress` refuses an address for, as the sentence shown beside the field. */
export const ADDRESS_ERROR: Record<Extract<AddressCheck, { ok: false }>['reason'], MessageKey> = {
  empty: 'calendar_errorEmpty',
  invalid: 'calendar_errorInvalid',
  scheme: 'calendar_errorScheme',
  insecure: 'calendar_errorInsecure',
  credentials: 'calendar_errorCredentials',
  fragment: 'calendar_errorFragment',
};

export type AccountField = 'address' | 'username' | 'password';
export type AccountValues = Record<AccountField, string>;
export type AccountErrors = Partial<Record<AccountField, MessageKey>>;

/**
 * The account fields' errors, each tied to its field, and the address check (usable only
 * when `errors` is empty). `emptyAddress` is the sentence for an address left empty.
 */
export function checkAccountFields(values: AccountValues, emptyAddress: MessageKey): { errors: AccountErrors; check: AddressCheck } {
  const check = checkServerAddress(values.address);
  const errors: AccountErrors = {};
  if (!check.ok) errors.address = check.reason === 'empty' ? emptyAddress : ADDRESS_ERROR[check.reason];
  if (!values.username.trim()) errors.username = 'calendar_errorUsername';
  if (!values.password) errors.password = 'calendar_errorPassword';
  return { errors, check };
}

/** The address field's own words: `name` ends its id, `label` and `hint` are message keys, `autoComplete` as the input takes it. */
export interface AddressField {
  name: string;
  label: MessageKey;
  hint: MessageKey;
  placeholder: string;
  autoComplete: string;
}

export interface ServerAccountFieldsProps {
  /** The inputs' ids are `${idPrefix}-${address.name}`, `${idPrefix}-username`, `${idPrefix}-password`. */
  idPrefix: string;
  address: AddressField;
  values: AccountValues;
  errors: AccountErrors;
  onChange: (field: AccountField, value: string) => void;
}

/** Server address, user name and app password: labelled, hinted, with each error beside its field. */
export function ServerAccountFields({ idPrefix, address, values, errors, onChange }: ServerAccountFieldsProps) {
  const typed = checkServerAddress(values.address);
  // A render function for Field (called, not mounted), so the inputs keep their focus as the user types.
  const input =
    (name: AccountField, type: string, extra: Record<string, unknown>) =>
    (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => (
      <input {...props} {...extra} type={type} spellCheck={false} value={values[name]} onChange={(e) => onChange(name, e.target.value)} />
    );
  return (
    <>
      <Field
        id={`${idPrefix}-${address.name}`}
        label={t(address.label)}
        error={errors.address}
        hint={
          <>
            {typed.ok && typed.insecureLocal && <span className="calendar-warning">{t('calendar_warnLocal')} </span>}
            {t(address.hint)}
          </>
        }
      >
        {input('address', 'url', { inputMode: 'url', autoComplete: address.autoComplete, placeholder: address.placeholder })}
      </Field>
      <Field id={`${idPrefix}-username`} label={t('calendar_username')} error={errors.username}>
        {input('username', 'text', { autoComplete: 'off', autoCapitalize: 'none' })}
      </Field>
      <Field id={`${idPrefix}-password`} label={t('calendar_password')} error={errors.password} hint={t('calendar_passwordHint')}>
        {input('password', 'password', { autoComplete: 'new-password' })}
      </Field>
    </>
  );
}

/** What went wrong, as a message key or as a server error code (worded by each panel). */
export type AccountProblem = { key: MessageKey; subs?: string[] } | { code: string; detail: string };

/** A thrown error as a problem to show; one that is not the server's is logged under `label`. */
export function problemOf(error: unknown, label: string): AccountProblem {
  if (error instanceof RemoteError) return { code: error.code, detail: error.detail };
  console.error(`SIM Keeper: ${label}`, error);
  return { code: 'unknown', detail: String(error) };
}

/** A problem in words; `errorText` words a server error code. */
export function problemText(problem: AccountProblem, errorText: (code: string, detail: string) => string): string {
  return 'key' in problem ? t(problem.key, problem.subs) : errorText(problem.code, problem.detail);
}

/** The phases the permission step sets: asking the host, and failing (also when the connect step throws). */
export type AccessPhase = { step: 'asking'; host: string } | { step: 'failed'; problem: AccountProblem };

export interface AskThenConnect {
  /**
   * Asks for the permission of the checked address's origin (first thing, inside the
   * click's user gesture), then runs `connect`. A refusal, a failed ask or a throw from
   * `connect` sets a `failed` phase, unless a newer attempt has started; `connect` checks
   * `current()` before showing what it found.
   */
  start(check: Extract<AddressCheck, { ok: true }>, connect: (current: () => boolean) => Promise<void>): void;
  /** Drops the attempt in flight (the user typed again): whatever it answers later is ignored. */
  forget(): void;
}

/**
 * The permission-then-connect step of a connect form. `refusedKey` says the user refused
 * the host (its one substitution is the host); `label` names the panel in logged errors.
 */
export function useAskThenConnect(setPhase: (next: AccessPhase) => void, refusedKey: MessageKey, label: string): AskThenConnect {
  // Each attempt counts one up; an answer that arrives after the user typed again (or tried again) is dropped.
  const attempt = useRef(0);
  return {
    start(check, connect) {
      const granted = requestOriginAccess(browser.permissions, check.permissionPattern);
      const host = new URL(check.origin).host;
      const mine = ++attempt.current;
      const current = () => attempt.current === mine;
      const fail = (problem: AccountProblem) => current() && setPhase({ step: 'failed', problem });
      setPhase({ step: 'asking', host });
      void (async () => {
        const answer = await granted;
        if (typeof answer === 'object') return fail({ key: 'calendar_permissionError', subs: [host, answer.error] });
        if (answer === 'refused') return fail({ key: refusedKey, subs: [host] });
        try {
          await connect(current);
        } catch (error) {
          fail(problemOf(error, label));
        }
      })();
    },
    forget() {
      attempt.current++;
    },
  };
}

/**
 * "Allow again" on a connected account whose permission was taken back: asks for the
 * origin of `address` on the click, then `onGranted`, or `onRefused` with the host.
 */
export async function askAgain(address: string, onGranted: () => void, onRefused: (host: string) => void): Promise<void> {
  const check = checkServerAddress(address);
  if (!check.ok) return;
  if ((await requestOriginAccess(browser.permissions, check.permissionPattern)) === 'granted') onGranted();
  else onRefused(new URL(check.origin).host);
}
