/*
 * What a write puts back of a card that was read, changed and written again.
 * The schema reads a stored card into the fields this version knows (unknown
 * keys dropped, the label trimmed); writing that back as it is would drop
 * fields written by a newer version or by hand, and rewrite values nobody
 * touched. This keeps the stored form of everything the change left alone.
 */

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain => value !== null && typeof value === 'object' && !Array.isArray(value);

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (isPlain(a) && isPlain(b)) {
    const keys = Object.keys(a).filter((key) => a[key] !== undefined);
    const others = Object.keys(b).filter((key) => b[key] !== undefined);
    return keys.length === others.length && keys.every((key) => sameValue(a[key], b[key]));
  }
  return false;
}

/**
 * `next` as it should be stored, given `raw` (what was stored) and `parsed`
 * (what the schema read of `raw`):
 * - a value `next` did not change (equal to `parsed`) is written as `raw` had it;
 * - a key `raw` has and the schema does not know (in `raw`, not in `parsed`) is kept;
 * - objects are compared key by key, so a change to `notes` keeps an unknown key
 *   of `rule`; lists of objects with an `id` (history) are matched by id;
 * - an object whose `type` changed (a rule of another kind) is taken from `next`
 *   whole, since the old kind's fields mean nothing to the new one.
 *
 * @example
 * keepStoredForm({ label: ' A ', x: 1, notes: '' }, { label: 'A', notes: '' }, { label: 'A', notes: 'hi' })
 * //=> { label: ' A ', x: 1, notes: 'hi' }
 */
export function keepStoredForm(raw: unknown, parsed: unknown, next: unknown): unknown {
  if (sameValue(parsed, next)) return raw;
  if (isPlain(raw) && isPlain(parsed) && isPlain(next)) {
    if ('type' in next && parsed.type !== next.type) return next;
    const result: Plain = {};
    for (const key of Object.keys(raw)) {
      if (!(key in parsed)) result[key] = raw[key];
      else if (next[key] !== undefined) result[key] = keepStoredForm(raw[key], parsed[key], next[key]);
    }
    for (const key of Object.keys(next)) if (!(key in raw) && next[key] !== undefined) result[key] = next[key];
    return result;
  }
  if (Array.isArray(raw) && Array.isArray(parsed) && Array.isArray(next) && raw.length === parsed.length) {
    const byId = new Map<unknown, number>();
    parsed.forEach((item, i) => {
      if (isPlain(item) && typeof item.id === 'string') byId.set(item.id, i);
    });
    if (byId.size === 0) return next;
    return next.map((item) => {
      const i = isPlain(item) ? byId.get(item.id) : undefined;
      return i === undefined ? item : keepStoredForm(raw[i], parsed[i], item);
    });
  }
  return next;
}
