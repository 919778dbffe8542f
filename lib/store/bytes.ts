/*
 * How many bytes a value takes in extension storage, as Chrome and Firefox count it:
 * storage.sync's quotas (lib/sync/limits.ts) and storage.local's (./room.ts).
 */

/** The length of a string in UTF-8 bytes. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair: one 4-byte character.
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/*
 * How Chrome counts an item (extensions/browser/api/storage/settings_storage_quota_enforcer.cc):
 * the key's length plus the length of the value written as JSON by base::JSONWriter, both
 * in UTF-8 bytes. JSONWriter escapes strings with base::EscapeJSONString
 * (base/json/string_escape.cc, EscapeSpecialCodePoint), which differs from JSON.stringify:
 *   - `<` is written `\u003C` (6 bytes, not 1), so that JSON never closes a <script>;
 *   - U+2028 and U+2029 are written `\u2028` and `\u2029` (6 bytes, not 3);
 *   - a lone surrogate becomes U+FFFD (3 bytes; JSON.stringify writes `\udXXX`, 6).
 * `>`, `&`, `'` and U+007F are written as they are (1 byte). Numbers are never longer
 * than JSON.stringify's (a large whole one is shorter: 1795482000000 as 1.795482e+12).
 * Firefox counts the key plus JSON.stringify's output in UTF-8, which escapes none of
 * these. The count below is the larger of the two browsers' counts: Chrome's escapes,
 * JSON.stringify's lone surrogates (6) and numbers. tests/e2e/sync.spec.ts checks it
 * against chrome.storage.sync.getBytesInUse in real Chromium (Chromium 156 measured:
 * `<` 6, U+2028 6, `>` `&` `'` U+007F 1, lone surrogate 3, 1795482000000 12 bytes).
 */

/** The UTF-8 bytes of JSON text (JSON.stringify's) as Chrome stores it: `<`, U+2028 and U+2029 as 6-byte escapes. */
export function jsonBytes(json: string): number {
  let bytes = utf8Length(json);
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code === 0x3c) bytes += 5;
    else if (code === 0x2028 || code === 0x2029) bytes += 3;
  }
  return bytes;
}

/** The bytes an item counts against QUOTA_BYTES_PER_ITEM and QUOTA_BYTES: the larger of Chrome's and Firefox's count. */
export function itemBytes(key: string, value: unknown): number {
  const json = JSON.stringify(value);
  return utf8Length(key) + (json === undefined ? 0 : jsonBytes(json));
}
