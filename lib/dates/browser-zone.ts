/** The zone the browser runs in, which is the user's own by default. (Alone in its file so the popup's first script stays tiny.) */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
