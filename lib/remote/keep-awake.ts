/*
 * Chrome stops an extension service worker after 30 s without extension events or
 * API calls, and waiting on fetch counts as neither. A long round with the user's
 * server (hundreds of events or files on a slow connection) passes that, so each
 * request is preceded, at most every 20 s, by a trivial extension API call.
 */

/** How often a long round touches an extension API, below Chrome's 30 s idle limit. */
export const KEEP_AWAKE_MS = 20_000;

/**
 * A wrapper for requests that keeps the service worker awake while they run.
 *
 * @example
 * const awake = keepingAwake(() => browser.runtime.getPlatformInfo());
 * await awake(() => fetch(url));
 */
export function keepingAwake(touch: () => Promise<unknown>): <T>(request: () => Promise<T>) => Promise<T> {
  let last = 0;
  return (request) => {
    const at = Date.now();
    if (at - last >= KEEP_AWAKE_MS) {
      last = at;
      void Promise.resolve()
        .then(touch)
        .catch(() => undefined);
    }
    return request();
  };
}
