import { describe, expect, it } from 'vitest';
import { isOfficialDomainName, isOfficialHost, linkOfficialStatus } from '../../lib/providers/official-host';

const giffgaff = { officialDomains: ['giffgaff.com'] };
const ultra = { officialDomains: ['ultramobile.com', 'my.ultra.me'] };

describe('isOfficialHost', () => {
  it.each([
    ['giffgaff.com', true],
    ['www.giffgaff.com', true],
    ['community.giffgaff.com', true],
    ['WWW.GiffGaff.COM', true],
    ['giffgaff.co', false],
    ['evilgiffgaff.com', false],
    ['giffgaff-topup.com', false],
    ['giffgaff.com.example.net', false],
    ['giffgaffcom', false],
    ['', false],
  ])('%s → %s', (host, expected) => {
    expect(isOfficialHost(host, giffgaff.officialDomains)).toBe(expected);
  });

  it('only trusts the listed subdomain when the catalog names one', () => {
    expect(isOfficialHost('my.ultra.me', ultra.officialDomains)).toBe(true);
    expect(isOfficialHost('a.my.ultra.me', ultra.officialDomains)).toBe(true);
    expect(isOfficialHost('ultra.me', ultra.officialDomains)).toBe(false);
    expect(isOfficialHost('evil.ultra.me', ultra.officialDomains)).toBe(false);
  });
});

describe('linkOfficialStatus', () => {
  it.each([
    ['https://www.giffgaff.com/', 'official'],
    ['https://www.giffgaff.com/topup?x=1#y', 'official'],
    ['https://giffgaff.com:8443/', 'official'],
    ['  https://www.giffgaff.com/  ', 'official'],
    ['https://giffgaff-topup.com/', 'unofficial'],
    ['https://evilgiffgaff.com/', 'unofficial'],
    ['https://giffgaff.com.example.net/', 'unofficial'],
    ['https://www.giffgaff.com%2eevil.net/', 'unofficial'],
    ['https://evil.net\\@giffgaff.com/', 'unofficial'],
    ['https://evil.net/www.giffgaff.com/', 'unofficial'],
    ['https://evil.net/?next=https://www.giffgaff.com/', 'unofficial'],
  ])('%s → %s', (url, expected) => {
    expect(linkOfficialStatus(url, giffgaff)).toBe(expected);
  });

  it.each([
    ['http://www.giffgaff.com/'],
    ['javascript:alert(1)'],
    ['data:text/html,<a href="https://www.giffgaff.com/">renew</a>'],
    ['ftp://giffgaff.com/'],
    ['www.giffgaff.com'],
    [''],
    ['https://giffgaff.com@evil.net/'],
    ['https://user:pass@www.giffgaff.com/'],
  ])('refuses %s as invalid', (url) => {
    expect(linkOfficialStatus(url, giffgaff)).toBe('invalid');
  });

  it('flags the look-alike host named in the issue', () => {
    expect(linkOfficialStatus('https://ultramobile.com.example.net/renew', ultra)).toBe('unofficial');
    expect(linkOfficialStatus('https://my.ultra.me/pay', ultra)).toBe('official');
  });

  describe('edge cases', () => {
    it('does not trust a Cyrillic look-alike, which the URL parser turns into punycode', () => {
      // 'gіffgaff.com' with a Cyrillic і (U+0456); and 'giffgаff.com' with a Cyrillic а (U+0430).
      expect(linkOfficialStatus('https://g\u0456ffgaff.com/', giffgaff)).toBe('unofficial');
      expect(linkOfficialStatus('https://www.giffg\u0430ff.com/', giffgaff)).toBe('unofficial');
      expect(new URL('https://giffg\u0430ff.com/').hostname.startsWith('xn--')).toBe(true);
    });

    it('does not trust punycode labels, even under an official domain', () => {
      expect(linkOfficialStatus('https://xn--giffgaf-3ya.com/', giffgaff)).toBe('unofficial');
      expect(isOfficialHost('xn--80ak6aa92e.giffgaff.com', giffgaff.officialDomains)).toBe(false);
    });

    it('does not trust non-ASCII host text passed straight in', () => {
      expect(isOfficialHost('www.giffg\u0430ff.com', giffgaff.officialDomains)).toBe(false);
      expect(isOfficialHost('www.giffgaff\u3002com', giffgaff.officialDomains)).toBe(false);
    });

    it('does not trust a trailing dot', () => {
      expect(linkOfficialStatus('https://www.giffgaff.com./', giffgaff)).toBe('unofficial');
      expect(isOfficialHost('giffgaff.com.', giffgaff.officialDomains)).toBe(false);
    });

    it('does not trust IP addresses, however they are written', () => {
      expect(linkOfficialStatus('https://192.0.2.1/', giffgaff)).toBe('unofficial');
      expect(linkOfficialStatus('https://0xc0.0.2.1/', giffgaff)).toBe('unofficial');
      expect(linkOfficialStatus('https://[2001:db8::1]/', giffgaff)).toBe('unofficial');
      expect(isOfficialHost('192.0.2.1', ['0.2.1'])).toBe(false);
    });

    it('ignores a malformed official-domain list entry instead of matching everything', () => {
      expect(isOfficialHost('evil.net', [''])).toBe(false);
      expect(isOfficialHost('evil.net', ['.net'])).toBe(false);
    });
  });
});

describe('isOfficialDomainName', () => {
  it.each([
    ['giffgaff.com', true],
    ['hk.chinamobile.com', true],
    ['bmobile.ne.jp', true],
    ['Giffgaff.com', false],
    ['giffgaff', false],
    ['giffgaff.com.', false],
    ['-giffgaff.com', false],
    ['xn--giffgaf-3ya.com', false],
    ['10.0.0.1', false],
  ])('%s → %s', (name, expected) => {
    expect(isOfficialDomainName(name)).toBe(expected);
  });
});
