import { RemoteError } from './errors';

/*
 * The optional host permission for the one origin the user named. Asked for in
 * the page, on the click (the browser grants it only inside the user's gesture);
 * checked by the background before every round, so a permission taken back in the
 * browser's settings is reported in words instead of as a failed fetch.
 */

/** The part of `browser.permissions` the edge uses. */
export interface OriginPermissions {
  contains(permissions: { origins: string[] }): Promise<boolean>;
  request(permissions: { origins: string[] }): Promise<boolean>;
}

/** Throws a `permission` RemoteError unless the browser lets the extension reach `pattern`. */
export async function assertOriginAccess(permissions: Pick<OriginPermissions, 'contains'>, pattern: string): Promise<void> {
  const granted = await permissions.contains({ origins: [pattern] });
  if (!granted) throw new RemoteError('permission', `no host permission for ${pattern}`);
}

/**
 * Asks for `pattern` and settles with the answer. Call it first thing in a click
 * handler, before any `await`: the request must start inside the user's gesture.
 * `'refused'` when the user said no, `{ error }` when the browser could not ask.
 */
export function requestOriginAccess(
  permissions: Pick<OriginPermissions, 'request'>,
  pattern: string,
): Promise<'granted' | 'refused' | { error: string }> {
  return permissions.request({ origins: [pattern] }).then(
    (granted) => (granted ? 'granted' : 'refused'),
    (error: unknown) => ({ error: String(error) }),
  );
}
