import type { CalendarErrorCode } from './types';

/*
 * Every way a CalDAV exchange can fail, in one word (CalendarErrorCode) the
 * options page turns into a sentence and an action, plus a detail for the
 * console and a bug report. Never carries a password: details are built from
 * statuses, methods, origins and error names only.
 */

/** A failed calendar exchange: `code` says what to tell the user, `detail` what happened. */
export class CalendarError extends Error {
  readonly code: CalendarErrorCode;
  readonly detail: string;

  constructor(code: CalendarErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'CalendarError';
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
export function codeOfStatus(status: number): CalendarErrorCode | null {
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
  // Any other 4xx: the server did not take a CalDAV request it should know (400, 415, 422…).
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
 * Any error a calendar exchange threw, as a CalendarError:
 * - a CalendarError stays as it is;
 * - an abort or a timeout → `timeout`;
 * - a TypeError from fetch → `unreachable`, or `certificate` where the cause names a TLS failure;
 * - tsdav's own errors: bad credentials → `auth`, no principal or calendar home → `notCalDav`;
 * - a SyntaxError (XML or iCalendar that cannot be read) → `malformed`;
 * - anything else → `malformed`, with its message as the detail.
 */
export function toCalendarError(error: unknown): CalendarError {
  if (error instanceof CalendarError) return error;
  if (!(error instanceof Error)) return new CalendarError('malformed', String(error));
  const name = error.name;
  if (name === 'AbortError' || name === 'TimeoutError') return new CalendarError('timeout', `${name}: ${error.message}`);
  if (name === 'TypeError' && /fetch|network|load failed/i.test(error.message)) {
    const cause = causeText(error);
    if (CERTIFICATE_CODES.test(cause) || CERTIFICATE_CODES.test(error.message)) {
      return new CalendarError('certificate', `${error.message} (${cause || 'TLS'})`);
    }
    return new CalendarError('unreachable', cause ? `${error.message} (${cause})` : error.message);
  }
  if (/Invalid credentials|401/.test(error.message)) return new CalendarError('auth', error.message);
  if (/cannot find (principalUrl|homeUrl)|must have .* before/i.test(error.message)) return new CalendarError('notCalDav', error.message);
  if (name === 'SyntaxError') return new CalendarError('malformed', error.message);
  return new CalendarError('malformed', `${name}: ${error.message}`);
}
