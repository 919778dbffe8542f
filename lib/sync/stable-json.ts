/**
 * JSON with object keys sorted, so two copies of the same value compare equal however
 * their keys were ordered (one browser's card read from storage, another's built by a
 * merge). Used to decide "changed or not", never to store. Written out by hand because
 * sync compares every card on every round and this is its hottest path.
 */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : stableJson(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item !== undefined && typeof item !== 'function') parts.push(`${JSON.stringify(key)}:${stableJson(item)}`);
  }
  return `{${parts.join(',')}}`;
}
