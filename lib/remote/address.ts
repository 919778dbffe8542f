/*
 * The CalDAV server address the user types, checked before anything is sent:
 * the password goes only to an `https:` server (or to one on this machine),
 * and the browser is asked for access to exactly that origin.
 */

/** Why an address is refused, or what it becomes. */
export type AddressCheck =
  | { ok: true; url: string; origin: string; permissionPattern: string; insecureLocal: boolean }
  | { ok: false; reason: 'empty' | 'invalid' | 'scheme' | 'insecure' | 'credentials' | 'fragment' };

/**
 * Hosts on this machine, where plain `http:` cannot be read by anyone on the way. Only these three:
 * a match pattern cannot name `127.0.0.2` and the like but one by one, and the browser can be asked only
 * for hosts the manifest lists (`OPTIONAL_HOSTS`), so any other `127.x.x.x` is refused as `insecure`.
 */
const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The optional host permissions in the manifest (wxt.config.ts): where a CalDAV or WebDAV server may be.
 * Any `https:` host, or plain `http:` on this machine; every address `checkServerAddress` accepts asks for
 * a pattern these cover.
 */
export const OPTIONAL_HOSTS: readonly string[] = ['https://*/*', ...LOOPBACK_HOSTS.map((host) => `http://${host}/*`)];

/**
 * Checks and normalises the server address the user typed.
 *
 * - `https:` only; `http:` only on this machine (`localhost`, `127.0.0.1`, `[::1]`), then `insecureLocal`;
 * - no `user:password@` in it (the password has its own field and stays out of URLs and logs);
 * - no `#fragment` (a fragment is never sent, so it means the address was pasted wrong);
 * - `permissionPattern` is what `permissions.request({ origins: [...] })` is asked for.
 *
 * @example
 * checkServerAddress(' https://dav.example.org/remote.php/dav ')
 * //=> { ok: true, url: 'https://dav.example.org/remote.php/dav', origin: 'https://dav.example.org', permissionPattern: 'https://dav.example.org/*', insecureLocal: false }
 * checkServerAddress('http://dav.example.org/') //=> { ok: false, reason: 'insecure' }
 */
export function checkServerAddress(input: string): AddressCheck {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'scheme' };
  if (url.hostname === '') return { ok: false, reason: 'invalid' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials' };
  if (url.hash !== '' || text.includes('#')) return { ok: false, reason: 'fragment' };
  const insecureLocal = url.protocol === 'http:';
  // URL has already normalised the other forms (`127.1`, `0x7f.0.0.1`, `[0:0::1]`).
  if (insecureLocal && !LOOPBACK_HOSTS.includes(url.hostname)) return { ok: false, reason: 'insecure' };
  const origin = url.origin;
  const family = serviceFamilyOf(url);
  // A match pattern carries no port: `https://host:8443/*` is not valid, `https://host/*` covers every port.
  const permissionPattern = family ? `https://*.${family}/*` : `${url.protocol}//${url.hostname}/*`;
  return { ok: true, url: url.href, origin, permissionPattern, insecureLocal };
}

/*
 * Services whose CalDAV answers send the client on to other hosts of their own
 * domain: iCloud is asked at caldav.icloud.com and keeps each user's calendars on
 * pNN-caldav.icloud.com. For these, the permission asked for and the hosts the
 * client talks to are that one domain's hosts over https, and still nothing else.
 */
const SERVICE_FAMILIES: readonly string[] = ['icloud.com'];

/** The service domain whose hosts an account at `url` may be sent on to, or `null` (then its own origin only). */
export function serviceFamilyOf(url: URL): string | null {
  if (url.protocol !== 'https:') return null;
  return SERVICE_FAMILIES.find((domain) => url.hostname === domain || url.hostname.endsWith(`.${domain}`)) ?? null;
}

/**
 * Whether a request to `target` stays within the account at `serverUrl`: the
 * same origin, or (for a service family) an https host of the same domain.
 *
 * @example
 * withinAccount('https://caldav.icloud.com/', new URL('https://p42-caldav.icloud.com/123/calendars/')) //=> true
 * withinAccount('https://dav.example.org/', new URL('https://evil.example.net/')) //=> false
 */
export function withinAccount(serverUrl: string, target: URL): boolean {
  const account = new URL(serverUrl);
  if (target.origin === account.origin) return true;
  const family = serviceFamilyOf(account);
  return family !== null && serviceFamilyOf(target) === family && target.port === '';
}
