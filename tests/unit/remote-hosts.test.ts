import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';
import { checkServerAddress } from '../../lib/remote/address';
import { runs } from './property-runs';

/*
 * The address check and the manifest agree: every server address the calendar or WebDAV panel accepts asks
 * the browser for a host pattern the manifest lists as optional (else permissions.request refuses it and
 * Connect can never work), in the Chrome and the Firefox build alike.
 */

type ManifestOf = (env: { browser: string; manifestVersion: 2 | 3 }) => Record<string, unknown> | Promise<Record<string, unknown>>;

async function optionalHosts(browser: string, manifestVersion: 2 | 3): Promise<string[]> {
  const manifest = await (config.manifest as unknown as ManifestOf)({ browser, manifestVersion });
  const listed = (manifestVersion === 3 ? manifest.optional_host_permissions : manifest.optional_permissions) as string[];
  return listed.filter((entry) => entry.includes('://'));
}

/** Whether the match pattern `outer` covers every URL `inner` does (scheme, host with `*.`, path `/*`). */
function covers(outer: string, inner: string): boolean {
  const parse = (pattern: string) => {
    const match = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
    if (!match) throw new Error(`not a match pattern: ${pattern}`);
    return { scheme: match[1]!, host: match[2]!, path: match[3]! };
  };
  const a = parse(outer);
  const b = parse(inner);
  const scheme = a.scheme === b.scheme || (a.scheme === '*' && b.scheme !== '*');
  const host =
    a.host === '*' || a.host === b.host || (a.host.startsWith('*.') && (b.host === a.host.slice(2) || b.host.endsWith(a.host.slice(1))));
  return scheme && host && (a.path === '/*' || a.path === b.path);
}

const targets = [
  ['chrome', 3],
  ['firefox', 2],
] as const;

describe.each(targets)('the %s manifest (MV%i) covers every address the check accepts', (browser, manifestVersion) => {
  it.each([
    'http://localhost:5232/',
    'http://127.0.0.1:5232/dav/',
    'http://127.1/',
    'http://[::1]:5232/',
    'http://[0:0::1]/',
    'https://[::1]:8443/',
    'https://dav.example.org/remote.php/dav',
    'https://caldav.icloud.com/',
  ])('%s', async (address) => {
    const check = checkServerAddress(address);
    if (!check.ok) throw new Error(`${address} was refused: ${check.reason}`);
    const hosts = await optionalHosts(browser, manifestVersion);
    expect(hosts.some((host) => covers(host, check.permissionPattern))).toBe(true);
  });

  it('for any address (seeded)', async () => {
    const hosts = await optionalHosts(browser, manifestVersion);
    const address = fc.oneof(
      fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true }),
      fc
        .tuple(
          fc.constantFrom('http', 'https'),
          fc.constantFrom('localhost', '127.0.0.1', '127.0.0.2', '127.255.1.1', '[::1]', '[::2]', '[::ffff:127.0.0.1]', '0x7f.1'),
          fc.option(fc.integer({ min: 1, max: 65535 })),
        )
        .map(([scheme, host, port]) => `${scheme}://${host}${port === null ? '' : `:${port}`}/dav/`),
    );
    fc.assert(
      fc.property(address, (input) => {
        const check = checkServerAddress(input);
        if (check.ok)
          expect(
            hosts.some((host) => covers(host, check.permissionPattern)),
            `${input} → ${check.permissionPattern}`,
          ).toBe(true);
      }),
      { seed: 2026_12_07, numRuns: runs(3000) },
    );
  });
});

describe('plain http: on this machine', () => {
  it.each(['http://127.0.0.2:5232/', 'http://127.255.1.1/', 'http://[::ffff:127.0.0.1]/', 'http://localhost./'])(
    'refuses %s, a host the browser cannot be asked for, as not https',
    (address) => {
      expect(checkServerAddress(address)).toEqual({ ok: false, reason: 'insecure' });
    },
  );
});
