/*
 * Every way an exchange with the user's own server (the CalDAV calendar, the
 * WebDAV folder) can fail, in one word (RemoteErrorCode) the options page turns
 * into a sentence and an action, plus a detail for the console and a bug report.
 * Never carries a password: details are built from statuses, methods, origins
 * and error names only.
 */

/** Why an exchange failed, in a word the options page turns into a sentence and an action. */
export type RemoteErrorCode =
  | 'auth' // 401: wrong user name or password
  | 'forbidden' // 403
  | 'calendarGone' // 404/410 on the calendar or the folder: deleted on the server
  | 'notCalDav' // the server does not speak CalDAV/WebDAV (no calendar-home-set, 405 on REPORT or PROPFIND, …)
  | 'noEvents' // the calendar does not accept VEVENT
  | 'conflict' // 412 that a re-read did not resolve
  | 'locked' // 423
  | 'server' // 5xx
  | 'quota' // 507, or a quota/size precondition
  | 'unreachable' // network error, DNS, refused
  | 'timeout' // no answer in time
  | 'certificate' // TLS failure (as far as fetch lets us tell)
  | 'redirect' // a redirect to another origin (refused)
  | 'tooLarge' // a response over the size limit
  | 'malformed' // a response that is not the XML/iCalendar/JSON expected
  | 'permission' // the browser's host permission for the origin is missing
  | 'passphrase' // the WebDAV folder's files were encrypted with another passphrase
  | 'newerFormat'; // the WebDAV folder was written by a newer SIM Keeper

/** A failed exchange with the user's server: `code` says what to tell the user, `detail` what happened. */
export class RemoteError extends Error {
  readonly code: RemoteErrorCode;
  readonly detail: string;

  constructor(code: RemoteErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'RemoteError';
    this.code = code;
    this.detail = detail;
  }
}

/**
 * The code of an HTTP status that is a failure, or `null` for a success (2xx)
 * or a status the caller handles itself (3xx).
 *
 * @example
 * codeOfStatus(401) //=> 'auth'
 * codeOfStatus(507) //=> 'quota'
 * codeOfStatus(207) //=> null
 */
export function codeOfStatus(status: number): RemoteErrorCode | null {
  if (status >= 200 && status < 400) return null;
  switch (status) {
    case 401:
      return 'auth';
    case 403:
      return 'forbidden';
    case 404:
    case 410:
      return 'calendarGone';
    case 405:
    case 501:
      return 'notCalDav';
    case 412:
      return 'conflict';
    case 413:
    case 507:
      return 'quota';
    case 423:
      return 'locked';
  }
  if (status >= 500) return 'server';
  // Any other 4xx: the server did not take a DAV request it should know (400, 415, 422…).
  return 'notCalDav';
}

/** Node (undici) names the TLS failures in `cause.code`; browsers only say the fetch failed. */
const CERTIFICATE_CODES =
  /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL|HOSTNAME_MISMATCH|SSL_ERROR|SEC_ERROR|ERR_CERT/i;

function causeText(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  if (!cause || typeof cause !== 'object') return '';
  const { code, message } = cause as { code?: unknown; message?: unknown };
  return [typeof code === 'string' ? code : '', typeof message === 'string' ? message : ''].join(' ').trim();
}

/**
 * Any error an exchange threw, as a RemoteError:
 * - a RemoteError stays as it is;
 * - an abort or a timeout → `timeout`;
 * - a TypeError from fetch → `unreachable`, or `certificate` where the cause names a TLS failure;
 * - tsdav's own errors: bad credentials → `auth`, no principal or calendar home → `notCalDav`;
 * - a SyntaxError (XML or iCalendar that cannot be read) → `malformed`;
 * - anything else → `malformed`, with its message as the detail.
 */
export function toRemoteError(error: unknown): RemoteError {
  if (error instanceof RemoteError) return error;
  if (!(error instanceof Error)) return new RemoteError('malformed', String(error));
  const name = error.name;
  if (name === 'AbortError' || name === 'TimeoutError') return new RemoteError('timeout', `${name}: ${error.message}`);
  if (name === 'TypeError' && /fetch|network|load failed/i.test(error.message)) {
    const cause = causeText(error);
    if (CERTIFICATE_CODES.test(cause) || CERTIFICATE_CODES.test(error.message)) {
      return new RemoteError('certificate', `${error.message} (${cause || 'TLS'})`);
    }
    return new RemoteError('unreachable', cause ? `${error.message} (${cause})` : error.message);
  }
  if (/Invalid credentials|401/.test(error.message)) return new RemoteError('auth', error.message);
  if (/cannot find (principalUrl|homeUrl)|must have .* before/i.test(error.message)) return new RemoteError('notCalDav', error.message);
  if (name === 'SyntaxError') return new RemoteError('malformed', error.message);
  return new RemoteError('malformed', `${name}: ${error.message}`);
}
