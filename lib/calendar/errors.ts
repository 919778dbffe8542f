/*
 * The calendar's errors are the shared server edge's (lib/remote/errors.ts),
 * under the names the calendar code and its tests have always used.
 */
export { RemoteError as CalendarError, codeOfStatus, toRemoteError as toCalendarError } from '../remote/errors';
