import type { MessageKey } from '../browser/i18n';

/*
 * Checks on an import file's text made before it is parsed: what kind of file it is
 * when it is none SIM Keeper reads, and how deeply its JSON nests.
 */

/** Nesting deeper than this is refused before parsing. A backup nests about 6 levels; the margin is wide. */
export const MAX_JSON_DEPTH = 64;

/**
 * The refusal for a file that is plainly some other kind (a calendar, a web page,
 * XML, a contact card, JSON with comments), naming it; `null` for anything else.
 *
 * @example
 * wrongKindOf('BEGIN:VCALENDAR\r\n…') //=> 'import_errorKindIcs'
 */
export function wrongKindOf(text: string): MessageKey | null {
  const head = text.trimStart().slice(0, 200).toLowerCase();
  if (head.startsWith('begin:vcalendar')) return 'import_errorKindIcs';
  if (head.startsWith('begin:vcard')) return 'import_errorKindVcard';
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /^<(head|body|meta|div)\b/.test(head)) return 'import_errorKindHtml';
  if (head.startsWith('<')) return 'import_errorKindXml';
  if (head.startsWith('//') || head.startsWith('/*')) return 'import_errorKindJsonc';
  return null;
}

/** Whether JSON text that did not parse has comments in it (`//` or `/* … *\/` outside strings). */
export function hasJsonComments(text: string): boolean {
  let inString = false;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) return true;
  }
  return false;
}

/**
 * How deeply the arrays and objects of JSON text nest, counted without parsing
 * (brackets inside strings are skipped), stopping as soon as `limit` is passed: a
 * file nested 20,000 deep is refused in one pass instead of crashing the page later.
 */
export function jsonDepthExceeds(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}
