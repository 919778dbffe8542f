import { describe, expect, it } from 'vitest';
import { calendarObjects, guardedFetch, MAX_RESPONSE_BYTES } from '../../lib/calendar/client';
import { CalendarError, codeOfStatus, toCalendarError } from '../../lib/calendar/errors';

const credentials = { serverUrl: 'https://dav.example.org/dav/', username: 'me', password: 'pä55 wörd' };

describe('codeOfStatus', () => {
  it.each([
    [200, null],
    [201, null],
    [204, null],
    [207, null],
    [301, null],
    [400, 'notCalDav'],
    [401, 'auth'],
    [403, 'forbidden'],
    [404, 'calendarGone'],
    [405, 'notCalDav'],
    [410, 'calendarGone'],
    [412, 'conflict'],
    [413, 'quota'],
    [415, 'notCalDav'],
    [423, 'locked'],
    [500, 'server'],
    [501, 'notCalDav'],
    [502, 'server'],
    [503, 'server'],
    [507, 'quota'],
  ])('%i → %s', (status, code) => {
    expect(codeOfStatus(status)).toBe(code);
  });
});

describe('toCalendarError', () => {
  const withCause = (message: string, cause: unknown) => Object.assign(new TypeError(message), { cause });
  it.each([
    [new CalendarError('locked', 'x'), 'locked'],
    [new DOMException('The operation was aborted.', 'AbortError'), 'timeout'],
    [new DOMException('signal timed out', 'TimeoutError'), 'timeout'],
    [new TypeError('Failed to fetch'), 'unreachable'],
    [new TypeError('NetworkError when attempting to fetch resource.'), 'unreachable'],
    [withCause('fetch failed', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }), 'unreachable'],
    [withCause('fetch failed', { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND nowhere.invalid' }), 'unreachable'],
    [withCause('fetch failed', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }), 'certificate'],
    [withCause('fetch failed', { code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' }), 'certificate'],
    [
      withCause('fetch failed', { code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: "Hostname/IP does not match certificate's altnames" }),
      'certificate',
    ],
    [new Error('Invalid credentials: PROPFIND https://x/ returned 401 Unauthorized'), 'auth'],
    [new Error('cannot find homeUrl'), 'notCalDav'],
    [new Error('cannot find principalUrl'), 'notCalDav'],
    [new SyntaxError('Unexpected end of input'), 'malformed'],
    ['a string', 'malformed'],
  ])('%s → %s', (error, code) => {
    expect(toCalendarError(error).code).toBe(code);
  });
});

/** A fetch that answers with `respond` and remembers what it was asked. */
function recordingFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init });
    return respond(url, init);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe('guardedFetch', () => {
  it('sends Basic auth (UTF-8) to the account origin and never asks another origin', async () => {
    const { fetch, calls } = recordingFetch(() => new Response('ok'));
    const guarded = guardedFetch(credentials, { fetch });
    await guarded('https://dav.example.org/dav/cal/', { method: 'GET' });
    const header = new Headers(calls[0]!.init.headers).get('authorization')!;
    expect(new TextDecoder().decode(Uint8Array.from(atob(header.slice(6)), (c) => c.charCodeAt(0)))).toBe('me:pä55 wörd');
    await expect(guarded('https://evil.example.com/steal', { method: 'PROPFIND' })).rejects.toMatchObject({ code: 'redirect' });
    await expect(guarded('http://dav.example.org/dav/', { method: 'PROPFIND' })).rejects.toMatchObject({ code: 'redirect' });
    expect(calls).toHaveLength(1);
  });

  it('lets an iCloud account reach its own pNN-caldav host, and no host outside icloud.com', async () => {
    const { fetch, calls } = recordingFetch(() => new Response('<x/>', { status: 207 }));
    const guarded = guardedFetch({ ...credentials, serverUrl: 'https://caldav.icloud.com/' }, { fetch });
    await guarded('https://p42-caldav.icloud.com/123/calendars/', { method: 'PROPFIND' });
    await expect(guarded('https://icloud.com.evil.example/', { method: 'PROPFIND' })).rejects.toMatchObject({ code: 'redirect' });
    await expect(guarded('http://p42-caldav.icloud.com/', { method: 'PROPFIND' })).rejects.toMatchObject({ code: 'redirect' });
    await expect(guarded('https://p42-caldav.icloud.com:8443/', { method: 'PROPFIND' })).rejects.toMatchObject({ code: 'redirect' });
    expect(calls.map((call) => String(call.url))).toEqual(['https://p42-caldav.icloud.com/123/calendars/']);
  });

  it('refuses an answer that came through a redirect to another origin', async () => {
    const redirected = new Response('<x/>', { status: 207 });
    Object.defineProperty(redirected, 'redirected', { value: true });
    Object.defineProperty(redirected, 'url', { value: 'https://elsewhere.example.com/dav/' });
    const { fetch } = recordingFetch(() => redirected);
    await expect(guardedFetch(credentials, { fetch })('https://dav.example.org/dav/', { method: 'PROPFIND' })).rejects.toMatchObject({
      code: 'redirect',
    });
  });

  it('gives up after the timeout', async () => {
    const fetch = ((_: RequestInfo | URL, init: RequestInit = {}) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      })) as typeof globalThis.fetch;
    await expect(
      guardedFetch(credentials, { fetch, timeoutMs: 20 })('https://dav.example.org/dav/', { method: 'REPORT' }),
    ).rejects.toMatchObject({
      code: 'timeout',
    });
  });

  it('refuses an answer over the size limit, declared or not', async () => {
    const big = 'x'.repeat(MAX_RESPONSE_BYTES + 1);
    const { fetch } = recordingFetch(() => new Response(big, { status: 207 }));
    await expect(guardedFetch(credentials, { fetch })('https://dav.example.org/dav/', { method: 'REPORT' })).rejects.toMatchObject({
      code: 'tooLarge',
    });
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 6; i++) controller.enqueue(new Uint8Array(1024 * 1024));
        controller.close();
      },
    });
    const { fetch: streaming } = recordingFetch(() => new Response(stream, { status: 207 }));
    await expect(
      guardedFetch(credentials, { fetch: streaming })('https://dav.example.org/dav/', { method: 'REPORT' }),
    ).rejects.toMatchObject({
      code: 'tooLarge',
    });
  });

  it.each([
    [401, 'auth'],
    [404, 'calendarGone'],
    [405, 'notCalDav'],
    [503, 'server'],
  ])('a REPORT answered %i throws %s', async (status, code) => {
    const { fetch } = recordingFetch(() => new Response('no', { status }));
    await expect(calendarObjects(credentials, 'https://dav.example.org/dav/cal/', { fetch }).list()).rejects.toMatchObject({ code });
  });

  it.each([
    [412, { ok: false, status: 412 }],
    [404, { ok: false, status: 404 }],
    [201, { ok: true, etag: '"e1"' }],
  ])('a PUT answered %i gives %j', async (status, result) => {
    const { fetch, calls } = recordingFetch(() => new Response(null, { status, headers: { etag: '"e1"' } }));
    const objects = calendarObjects(credentials, 'https://dav.example.org/dav/cal/', { fetch });
    expect(await objects.put('https://dav.example.org/dav/cal/a.ics', 'X', { etag: '"e0"' })).toEqual(result);
    expect(new Headers(calls[0]!.init.headers).get('if-match')).toBe('"e0"');
  });

  it('a new object is PUT with If-None-Match: *; a 423 or 507 on a write throws its code', async () => {
    const { fetch, calls } = recordingFetch(() => new Response(null, { status: 423 }));
    const objects = calendarObjects(credentials, 'https://dav.example.org/dav/cal/', { fetch });
    await expect(objects.put('https://dav.example.org/dav/cal/a.ics', 'X', 'new')).rejects.toMatchObject({ code: 'locked' });
    expect(new Headers(calls[0]!.init.headers).get('if-none-match')).toBe('*');
    const quota = recordingFetch(() => new Response(null, { status: 507 }));
    await expect(
      calendarObjects(credentials, 'https://dav.example.org/dav/cal/', { fetch: quota.fetch }).remove(
        'https://dav.example.org/dav/cal/a.ics',
        '"e"',
      ),
    ).rejects.toMatchObject({ code: 'quota' });
  });

  it.each([
    [403, '<d:error xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><c:supported-calendar-component/></d:error>', 'noEvents'],
    [403, '<d:error xmlns:d="DAV:"><d:quota-not-exceeded/></d:error>', 'quota'],
    [403, '<d:error xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><c:max-resource-size/></d:error>', 'quota'],
    [403, 'Forbidden', 'forbidden'],
  ])('a PUT refused with %i and the precondition in %s is %s', async (status, body, code) => {
    const { fetch } = recordingFetch(() => new Response(body, { status }));
    const objects = calendarObjects(credentials, 'https://dav.example.org/dav/cal/', { fetch });
    await expect(objects.put('https://dav.example.org/dav/cal/a.ics', 'X', 'new')).rejects.toMatchObject({ code });
  });

  it('an unreachable server is "unreachable", and the password is in no error', async () => {
    const fetch = (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    }) as typeof globalThis.fetch;
    const error = await calendarObjects(credentials, 'https://dav.example.org/dav/cal/', { fetch })
      .list()
      .catch((e: unknown) => e as CalendarError);
    expect(error).toMatchObject({ code: 'unreachable' });
    expect(JSON.stringify({ message: (error as Error).message, detail: (error as CalendarError).detail })).not.toContain('pä55');
  });
});
