import { linkProblem } from '../browser/links';

/*
 * The phishing guard. People who sell these SIM cards, and the articles that
 * describe them, push their own "renewal" links; a card of a known provider
 * should only ever send the user to that provider's own site. A host counts as
 * official when it is one of the provider's domains or a subdomain of one, on
 * a dot boundary, and nothing that merely looks like it does:
 * `ultramobile.com.example.net`, `giffgaff-topup.com`, `evilgiffgaff.com`,
 * punycode or non-ASCII look-alikes (`gіffgaff.com` with a Cyrillic `і`),
 * `giffgaff.com.` with a trailing dot, and IP addresses.
 */

/** Whether a link may be opened without a warning for this provider. */
export type LinkOfficialStatus = 'official' | 'unofficial' | 'invalid';

// Lower-case ASCII labels of letters, digits and inner hyphens, at least two of them.
const DOMAIN_NAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Whether `host` is written as a plain ASCII domain name that the guard can
 * judge: lower case, no trailing dot, no punycode (`xn--`) label, and not an
 * IP address (whose last label is all digits, or which is bracketed IPv6).
 */
export function isOfficialDomainName(host: string): boolean {
  if (!DOMAIN_NAME.test(host)) return false;
  const labels = host.split('.');
  if (labels.some((label) => label.startsWith('xn--'))) return false;
  // A numeric last label makes the URL parser read the host as IPv4 (`1.2.3.4`, `0x7f.1`).
  return !/^(?:\d+|0x[0-9a-f]*)$/.test(labels[labels.length - 1] ?? '');
}

/**
 * Whether `host` is one of `domains` or a subdomain of one.
 *
 * Pass a URL's `hostname` (no port, no userinfo). Comparison ignores case but
 * nothing else: look-alikes, punycode, trailing dots and IP addresses are never
 * official.
 *
 * @example
 * isOfficialHost('www.giffgaff.com', ['giffgaff.com']) //=> true
 * isOfficialHost('giffgaff.com.example.net', ['giffgaff.com']) //=> false
 * isOfficialHost('evilgiffgaff.com', ['giffgaff.com']) //=> false
 */
export function isOfficialHost(host: string, domains: readonly string[]): boolean {
  const name = host.toLowerCase();
  if (!isOfficialDomainName(name)) return false;
  return domains.some((domain) => {
    const official = domain.toLowerCase();
    return isOfficialDomainName(official) && (name === official || name.endsWith(`.${official}`));
  });
}

/**
 * Whether `url` may be opened as the provider's own page.
 *
 * `invalid`: not a link SIM Keeper stores or opens at all (not `https:`, has a
 * user name, does not parse; see `linkProblem`). `unofficial`: a fine `https:`
 * link, but not on one of the provider's official domains; show a warning and
 * ask before opening it. `official`: on an official domain or a subdomain of one.
 *
 * @example
 * linkOfficialStatus('https://www.giffgaff.com/topup', giffgaff) //=> 'official'
 * linkOfficialStatus('https://giffgaff.com@evil.net/', giffgaff) //=> 'invalid'
 * linkOfficialStatus('https://giffgaff-topup.com/', giffgaff) //=> 'unofficial'
 */
export function linkOfficialStatus(url: string, provider: { officialDomains: readonly string[] }): LinkOfficialStatus {
  if (linkProblem(url) !== null) return 'invalid';
  // `new URL` turns IDN into punycode and resolves `\`, `%2e` and userinfo the way a browser will.
  return isOfficialHost(new URL(url.trim()).hostname, provider.officialDomains) ? 'official' : 'unofficial';
}
