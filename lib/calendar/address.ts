/*
 * PLACEHOLDER from branch `calui` so the options page compiles before `calcore` lands:
 * the signature is the agreed one; on merge take calcore's version of this file.
 */

/** What the options page may do with the server address the user typed. */
export type AddressCheck =
  | { ok: true; url: string; origin: string; permissionPattern: string; insecureLocal: boolean }
  | { ok: false; reason: 'empty' | 'invalid' | 'scheme' | 'insecure' | 'credentials' | 'fragment' };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Checks a CalDAV server address: `https:` only, `http:` only on this computer
 * (`insecureLocal`), no user name or password in it, no fragment. An address typed
 * without a scheme is taken as `https:`.
 *
 * @example
 * checkServerAddress('https://caldav.icloud.com') //=> { ok: true, url: 'https://caldav.icloud.com/', origin: 'https://caldav.icloud.com', permissionPattern: 'https://caldav.icloud.com/*', insecureLocal: false }
 */
export function checkServerAddress(input: string): AddressCheck {
  const typed = input.trim();
  if (!typed) return { ok: false, reason: 'empty' };
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(typed) && !/^[^/:]+:\d+(\/|$)/.test(typed) ? typed : `https://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'scheme' };
  if (!url.hostname) return { ok: false, reason: 'invalid' };
  if (url.username || url.password) return { ok: false, reason: 'credentials' };
  if (url.hash || withScheme.includes('#')) return { ok: false, reason: 'fragment' };
  const insecureLocal = url.protocol === 'http:';
  if (insecureLocal && !LOCAL_HOSTS.has(url.hostname)) return { ok: false, reason: 'insecure' };
  // Match patterns carry no port: the permission covers the host on any port.
  return { ok: true, url: url.href, origin: url.origin, permissionPattern: `${url.protocol}//${url.hostname}/*`, insecureLocal };
}
