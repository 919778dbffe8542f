import { describe, expect, it } from 'vitest';
import { checkServerAddress } from '../../lib/calendar/address';

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
  ])('accepts %j', (input, url, origin, permissionPattern, insecureLocal) => {
    expect(checkServerAddress(input)).toEqual({ ok: true, url, origin, permissionPattern, insecureLocal });
  });
});
