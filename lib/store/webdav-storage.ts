import { storage } from 'wxt/utils/storage';

/*
 * The WebDAV folder's storage items (docs/storage.md), declared once, here rather than in
 * storage.ts: the popup imports storage.ts and never these, so they stay out of its
 * JavaScript budget (scripts/check-size.mjs).
 */

/**
 * `local:webdavAccount`: the WebDAV folder the user connected for sync (WebDavAccount
 * in lib/webdav/stored.ts), or `null`. Holds the app password and the folder's
 * passphrase, so it lives in `storage.local` only: never synced, never in a backup. Version 1.
 */
export const webdavAccountItem = storage.defineItem<unknown>('local:webdavAccount', {
  fallback: null,
  version: 1,
  migrations: {},
});

/**
 * `local:webdavState`: how the folder link stands (WebDavState in lib/webdav/stored.ts):
 * this browser's device id, the manifest's ETag, how the last round ended. Small, written
 * every round. Version 1.
 */
export const webdavStateItem = storage.defineItem<unknown>('local:webdavState', {
  fallback: null,
  version: 1,
  migrations: {},
});

/**
 * `session:webdavKey`: the folder's derived key (64 bytes, base64) with its salt, so
 * PBKDF2 runs once per browser session, not once per round. In memory only (`storage.session`):
 * gone when the browser closes. Version 1.
 */
export const webdavKeyItem = storage.defineItem<unknown>('session:webdavKey', {
  fallback: null,
  version: 1,
  migrations: {},
});

/**
 * `local:webdavRecord`: this browser's record of the folder (WebDavRecord in
 * lib/webdav/stored.ts): the base of its merge and each file's ETag and item as last
 * read. About 5 KB a card, so written only when it changed. Safe to delete: the next
 * round reads the folder again and merges. Version 1.
 */
export const webdavRecordItem = storage.defineItem<unknown>('local:webdavRecord', {
  fallback: null,
  version: 1,
  migrations: {},
});
