/**
 * JSON with object keys sorted, so two values that differ only in the order their keys
 * were written in give the same text (a card read from a sheet and the same card stored).
 *
 * @example
 * canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }) //=> '{"a":[{"c":3,"d":2}],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
