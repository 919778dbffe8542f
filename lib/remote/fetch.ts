import { withinAccount } from './address';
import { RemoteError, codeOfStatus, toRemoteError } from './errors';

/*
 * The one fetch for the user's own server (the CalDAV calendar, the WebDAV
 * folder): a timeout, Basic auth sent only to the account's origin, no request
 * or redirect to another origin, a cap on what is read, and a failed XML
 * request's status turned into a RemoteError.
 */

export interface RemoteCredentials {
  serverUrl: string;
  username: string;
  password: string;
}

export interface RemoteClientOptions {
  /** The fetch to use (tests count or fake requests); the global one by default. */
  fetch?: typeof fetch;
  /** How long one request may take, answer read included. Default {@link DEFAULT_TIMEOUT_MS}. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
/** The most one response may hold: a calendar listing of a few thousand events, or one event, fits easily. */
export const MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/** Methods whose failed status tsdav returns as data: the guard throws for them instead. */
const XML_METHODS = new Set(['PROPFIND', 'REPORT', 'MKCALENDAR', 'PROPPATCH']);

function basicAuth(username: string, password: string): string {
  // btoa takes Latin-1 only: encode as UTF-8 first, so a password with 中文 or é still works.
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `Basic ${btoa(binary)}`;
}

function urlOf(input: RequestInfo | URL): URL {
  if (input instanceof URL) return input;
  return new URL(typeof input === 'string' ? input : input.url);
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** Reads at most MAX_RESPONSE_BYTES of `response` and gives back an equal response holding them. */
async function cappedResponse(response: Response, limit: number): Promise<Response> {
  if (response.type === 'opaqueredirect' || NULL_BODY_STATUSES.has(response.status) || !response.body) return response;
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body.cancel().catch(() => undefined);
    throw new RemoteError('tooLarge', `the answer is ${declared} bytes, over the ${limit}-byte limit`);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new RemoteError('tooLarge', `the answer passed the ${limit}-byte limit`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  // tsdav reads `url` for the href of a failed answer; a constructed Response has none.
  Object.defineProperty(copy, 'url', { value: response.url });
  return copy;
}

/**
 * A fetch for one account: only the account's origin (or its service family's
 * hosts, see `withinAccount`) is ever asked (with Basic auth), each request ends within `timeoutMs`, a redirect to another origin is
 * refused (`redirect`), an answer over {@link MAX_RESPONSE_BYTES} is refused
 * (`tooLarge`), and a failed PROPFIND/REPORT/MKCALENDAR/PROPPATCH throws its RemoteError.
 * GET, PUT and DELETE answers come back as they are: callers read 404 and 412 themselves.
 */
export function guardedFetch(credentials: RemoteCredentials, options: RemoteClientOptions = {}): typeof fetch {
  const origin = new URL(credentials.serverUrl).origin;
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const authorization = basicAuth(credentials.username, credentials.password);

  const guarded = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = urlOf(input);
    const method = (init.method ?? 'GET').toUpperCase();
    if (!withinAccount(credentials.serverUrl, url)) {
      throw new RemoteError('redirect', `refused to send ${method} to ${url.origin}: the account is on ${origin}`);
    }
    const headers = new Headers(init.headers);
    headers.set('Authorization', authorization);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const outer = init.signal;
    const onOuterAbort = () => controller.abort();
    outer?.addEventListener('abort', onOuterAbort);
    try {
      const response = await baseFetch(url.href, {
        ...init,
        headers,
        signal: controller.signal,
        credentials: 'omit',
        redirect: init.redirect ?? 'follow',
      });
      if (response.redirected && response.url && !withinAccount(credentials.serverUrl, new URL(response.url))) {
        await response.body?.cancel().catch(() => undefined);
        throw new RemoteError('redirect', `${method} ${url.pathname} was redirected to ${new URL(response.url).origin}`);
      }
      const capped = await cappedResponse(response, MAX_RESPONSE_BYTES);
      const manualRedirect =
        init.redirect === 'manual' && (capped.type === 'opaqueredirect' || (capped.status >= 300 && capped.status < 400));
      if (XML_METHODS.has(method) && !capped.ok && capped.status !== 207 && !manualRedirect) {
        const code = codeOfStatus(capped.status) ?? 'malformed';
        throw new RemoteError(code, `${method} ${url.pathname} answered ${capped.status} ${capped.statusText}`.trim());
      }
      return capped;
    } catch (error) {
      if (timedOut) throw new RemoteError('timeout', `${method} ${url.pathname}: no answer in ${timeoutMs} ms`);
      throw toRemoteError(error);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuterAbort);
    }
  };
  return guarded as typeof fetch;
}
