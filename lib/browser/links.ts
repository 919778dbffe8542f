/**
 * Why a link was refused, or `null` when it may be stored and opened.
 * Only `https:` links pass: `http:` can be rewritten on the way, and
 * `javascript:`, `data:`, `file:` and the rest can run or show anything.
 */
export type LinkProblem = 'empty' | 'malformed' | 'not-https' | 'credentials';

export function linkProblem(value: string): LinkProblem | null {
  const text = value.trim();
  if (text === '') return 'empty';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'malformed';
  }
  if (url.protocol !== 'https:') return 'not-https';
  if (!url.hostname) return 'malformed';
  // `https://user@evil.example` is a classic way to make a link read as another site.
  if (url.username || url.password) return 'credentials';
  return null;
}

/** Whether `value` is an `https:` link that SIM Keeper may store and open. */
export function isSafeLink(value: string): boolean {
  return linkProblem(value) === null;
}
