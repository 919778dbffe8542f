import { propfind } from 'tsdav';
import { codeOfStatus, RemoteError, toRemoteError } from '../remote/errors';
import { guardedFetch, type RemoteClientOptions, type RemoteCredentials } from '../remote/fetch';

/*
 * The files of one WebDAV folder, over the shared guarded fetch (lib/remote/fetch.ts):
 * list them with their ETags (PROPFIND, Depth 1, through tsdav: no XML by hand),
 * read one (GET), write one only if it is still the version read (PUT with
 * `If-Match`, or `If-None-Match: *` for a new file), delete one only if it is
 * still the version read (DELETE with `If-Match`). Nothing here knows what the
 * files hold.
 */

/** The result of a conditional write: done (with the new ETag, if the server gave one), or refused by its precondition. */
export type PutResult = { ok: true; etag: string | null } | { ok: false; status: 412 };

/** The result of a conditional delete: done (or already gone), or refused because the file changed since it was read. */
export type RemoveResult = { ok: true } | { ok: false; status: 412 };

/** What a sync round needs of a folder, and nothing else (tests pass an in-memory folder). */
export interface FolderFiles {
  /** Every file directly in the folder (name → ETag, `null` where the server gives none). */
  list(): Promise<Map<string, string | null>>;
  /** A file's text and ETag, or `null` when it is not there. */
  get(name: string): Promise<{ text: string; etag: string | null } | null>;
  /** PUT: `new` sends `If-None-Match: *`, an ETag sends `If-Match`. */
  put(name: string, text: string, precondition: 'new' | { etag: string }): Promise<PutResult>;
  /** DELETE with `If-Match`: only the version read is removed; a file already gone counts as removed. */
  remove(name: string, precondition: { etag: string }): Promise<RemoveResult>;
}

/** The folder's address as a collection: it ends with `/`. */
export function folderAddress(url: string): string {
  const parsed = new URL(url);
  if (!parsed.pathname.endsWith('/')) parsed.pathname += '/';
  parsed.search = '';
  return parsed.href;
}

const etagOf = (value: unknown): string | null => (value === undefined || value === null || value === '' ? null : String(value));

async function failure(method: string, url: string, response: Response): Promise<RemoteError> {
  await response.body?.cancel().catch(() => undefined);
  const code = response.status === 404 || response.status === 409 ? 'calendarGone' : (codeOfStatus(response.status) ?? 'malformed');
  return new RemoteError(code, `${method} ${new URL(url).pathname} answered ${response.status} ${response.statusText}`.trim());
}

/** The files of the folder at `folderUrl`, reached with `credentials` (whose `serverUrl` is the folder). */
export function folderFiles(credentials: RemoteCredentials, options: RemoteClientOptions = {}): FolderFiles {
  const fetch = guardedFetch(credentials, options);
  const folder = folderAddress(credentials.serverUrl);
  const fileUrl = (name: string) => new URL(encodeURIComponent(name), folder).href;

  return {
    async list() {
      try {
        const responses = await propfind({ url: folder, props: { 'd:getetag': {}, 'd:resourcetype': {} }, depth: '1', fetch });
        const files = new Map<string, string | null>();
        for (const response of responses) {
          if (!response.ok || typeof response.href !== 'string') continue;
          const url = new URL(response.href, folder);
          if (url.href === folder || !url.href.startsWith(folder)) continue;
          const name = decodeURIComponent(url.pathname.slice(new URL(folder).pathname.length));
          // Sub-folders (their names end with `/`) are not SIM Keeper's files.
          if (name === '' || name.includes('/')) continue;
          files.set(name, etagOf(response.props?.getetag));
        }
        return files;
      } catch (error) {
        throw toRemoteError(error);
      }
    },

    async get(name) {
      const url = fileUrl(name);
      let response: Response;
      try {
        response = await fetch(url, { method: 'GET', headers: { Accept: 'application/json' }, cache: 'no-store' });
      } catch (error) {
        throw toRemoteError(error);
      }
      if (response.status === 404 || response.status === 410) {
        await response.body?.cancel().catch(() => undefined);
        return null;
      }
      if (!response.ok) throw await failure('GET', url, response);
      return { text: await response.text(), etag: etagOf(response.headers.get('etag')) };
    },

    async put(name, text, precondition) {
      const url = fileUrl(name);
      const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
      if (precondition === 'new') headers['If-None-Match'] = '*';
      else headers['If-Match'] = precondition.etag;
      let response: Response;
      try {
        response = await fetch(url, { method: 'PUT', headers, body: text });
      } catch (error) {
        throw toRemoteError(error);
      }
      if (response.status === 412) {
        await response.body?.cancel().catch(() => undefined);
        return { ok: false, status: 412 };
      }
      if (!response.ok) throw await failure('PUT', url, response);
      await response.body?.cancel().catch(() => undefined);
      return { ok: true, etag: etagOf(response.headers.get('etag')) };
    },

    async remove(name, precondition) {
      const url = fileUrl(name);
      let response: Response;
      try {
        response = await fetch(url, { method: 'DELETE', headers: { 'If-Match': precondition.etag } });
      } catch (error) {
        throw toRemoteError(error);
      }
      await response.body?.cancel().catch(() => undefined);
      if (response.status === 412) return { ok: false, status: 412 };
      // 404/410: another browser removed it first, which is what was wanted.
      if (response.ok || response.status === 404 || response.status === 410) return { ok: true };
      throw await failure('DELETE', url, response);
    },
  };
}

/** Makes the folder (MKCOL) when it is not there yet; a folder already there is fine. */
export async function makeFolder(credentials: RemoteCredentials, options: RemoteClientOptions = {}): Promise<void> {
  const fetch = guardedFetch(credentials, options);
  const folder = folderAddress(credentials.serverUrl);
  let response: Response;
  try {
    response = await fetch(folder, { method: 'MKCOL' });
  } catch (error) {
    throw toRemoteError(error);
  }
  await response.body?.cancel().catch(() => undefined);
  // 405: something is there already (the folder); 201: made.
  if (response.ok || response.status === 405) return;
  throw await failure('MKCOL', folder, response);
}
