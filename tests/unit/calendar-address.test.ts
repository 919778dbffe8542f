import { describe, expect, it } from 'vitest';
import { checkServerAddress, withinAccount } from '../../lib/remote/address';

describe('checkServerAddress', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['dav.example.org', 'invalid'],
    ['https://', 'invalid'],
    ['ftp://dav.example.org/', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['webcal://dav.example.org/cal', 'scheme'],
    ['http://dav.example.org/', 'insecure'],
    ['http://192.168.1.10:5232/', 'insecure'],
    ['http://localhost.evil.org/', 'insecure'],
    ['http://127.0.0.1.nip.io/', 'insecure'],
    ['https://me:secret@dav.example.org/', 'credentials'],
    ['https://me@dav.example.org/', 'credentials'],
    ['https://dav.example.org/#calendars', 'fragment'],
    ['https://dav.example.org/#', 'fragment'],
  ] as const)('refuses %j (%s)', (input, reason) => {
    expect(checkServerAddress(input)).toEqual({ ok: false, reason });
  });

  it.each([
    [
      ' https://dav.example.org/remote.php/dav ',
      'https://dav.example.org/remote.php/dav',
      'https://dav.example.org',
      'https://dav.example.org/*',
      false,
    ],
    ['https://DAV.Example.org', 'https://dav.example.org/', 'https://dav.example.org', 'https://dav.example.org/*', false],
    ['https://dav.example.org:443/x/', 'https://dav.example.org/x/', 'https://dav.example.org', 'https://dav.example.org/*', false],
    [
      'https://caldav.fastmail.com/dav/?a=1',
      'https://caldav.fastmail.com/dav/?a=1',
      'https://caldav.fastmail.com',
      'https://caldav.fastmail.com/*',
      false,
    ],
    ['http://localhost:5232/', 'http://localhost:5232/', 'http://localhost:5232', 'http://localhost/*', true],
    ['http://127.0.0.1:5232/me/', 'http://127.0.0.1:5232/me/', 'http://127.0.0.1:5232', 'http://127.0.0.1/*', true],
    ['http://127.1:5232/', 'http://127.0.0.1:5232/', 'http://127.0.0.1:5232', 'http://127.0.0.1/*', true],
    ['http://[::1]:5232/', 'http://[::1]:5232/', 'http://[::1]:5232', 'http://[::1]/*', true],
    ['https://localhost:8443/', 'https://localhost:8443/', 'https://localhost:8443', 'https://localhost/*', false],
    // iCloud keeps calendars on pNN-caldav.icloud.com: its hosts, and only they, over https.
    ['https://caldav.icloud.com', 'https://caldav.icloud.com/', 'https://caldav.icloud.com', 'https://*.icloud.com/*', false],
  ])('accepts %j', (input, url, origin, permissionPattern, insecureLocal) => {
    expect(checkServerAddress(input)).toEqual({ ok: true, url, origin, permissionPattern, insecureLocal });
  });
});

describe('withinAccount', () => {
  it.each([
    ['https://dav.example.org/dav/', 'https://dav.example.org/other/', true],
    ['https://dav.example.org/dav/', 'https://dav2.example.org/dav/', false],
    ['https://dav.example.org/dav/', 'http://dav.example.org/dav/', false],
    ['http://127.0.0.1:5232/', 'http://127.0.0.1:5233/', false],
    ['https://caldav.icloud.com/', 'https://p42-caldav.icloud.com/1/calendars/', true],
    ['https://caldav.icloud.com/', 'https://icloud.com/', true],
    ['https://caldav.icloud.com/', 'https://evilicloud.com/', false],
    ['https://caldav.icloud.com/', 'https://p42-caldav.icloud.com.evil.example/', false],
    ['https://caldav.icloud.com/', 'https://p42-caldav.icloud.com:444/', false],
    ['https://dav.example.org/', 'https://p42-caldav.icloud.com/', false],
  ])('%s → %s: %s', (server, target, within) => {
    expect(withinAccount(server, new URL(target))).toBe(within);
  });
});
