/*
 * The CalDAV server address the user types, checked before anything is sent:
 * the password goes only to an `https:` server (or to one on this machine),
 * and the browser is asked for access to exactly that origin.
 */

/** Why an address is refused, or what it becomes. */
export type AddressCheck =
  | { ok: true; url: string; origin: string; permissionPattern: string; insecureLocal: boolean }
  | { ok: false; reason: 'empty' | 'invalid' | 'scheme' | 'insecure' | 'credentials' | 'fragment' };

/** Hosts that never leave this machine, where plain `http:` cannot be read by anyone on the way. */
function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  // URL has already normalised the forms (`127.1`, `0x7f.0.0.1`) to dotted decimal.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * Checks and normalises the server address the user typed.
 *
 * - `https:` only; `http:` only on this machine (`localhost`, `127.x.x.x`, `[::1]`), then `insecureLocal`;
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
  if (insecureLocal && !isLoopbackHost(url.hostname)) return { ok: false, reason: 'insecure' };
  const origin = url.origin;
  // A match pattern carries no port: `https://host:8443/*` is not valid, `https://host/*` covers every port.
  const permissionPattern = `${url.protocol}//${url.hostname}/*`;
  return { ok: true, url: url.href, origin, permissionPattern, insecureLocal };
}
