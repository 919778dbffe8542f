import { describe, expect, it } from 'vitest';
import { hasJsonComments, jsonDepthExceeds, MAX_JSON_DEPTH } from '../../lib/transfer/file-kind';
import { readImportFile } from '../../lib/transfer/read-file';
import { makeCard } from './card-fixture';

const NOW = new Date('2026-11-27T00:00:00.000Z');
const read = (text: string) => readImportFile(new TextEncoder().encode(text), { userTimeZone: 'UTC', now: NOW, existing: [] });

describe('files refused before parsing', () => {
  it('a 40 KB backup with one entry nested 20,000 arrays deep gets a clear message, not a crash', async () => {
    const nested = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const text = JSON.stringify({ format: 'sim-keeper-backup', version: 1, cards: ['PLACEHOLDER'] }).replace('"PLACEHOLDER"', nested);
    expect(text.length).toBeGreaterThan(40_000);
    expect(await read(text)).toEqual({ ok: false, error: 'import_errorTooDeep', params: [String(MAX_JSON_DEPTH)] });
  });

  it('reads a real backup whose notes are full of brackets and quotes (only structure counts)', async () => {
    const card = makeCard('a', { notes: `${'[{'.repeat(200)} \\" "quoted" ${'}]'.repeat(200)}` });
    const result = await read(JSON.stringify({ format: 'sim-keeper-backup', version: 1, cards: [card] }));
    expect(result.ok && result.candidates.cards).toEqual([card]);
  });

  it.each([
    ['a calendar', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n', 'import_errorKindIcs'],
    ['a contact card', 'BEGIN:VCARD\nVERSION:4.0\nEND:VCARD', 'import_errorKindVcard'],
    ['a web page', '<!DOCTYPE html>\n<html><body>Sign in</body></html>', 'import_errorKindHtml'],
    ['a web page without a doctype', '  <html lang="en"><head></head></html>', 'import_errorKindHtml'],
    ['XML', '<?xml version="1.0"?><cards><card/></cards>', 'import_errorKindXml'],
    ['JSON starting with a comment', '// my cards\n{"format":"sim-keeper-backup"}', 'import_errorKindJsonc'],
    ['JSON with a comment inside', '{\n  "format": "sim-keeper-backup", // mine\n  "version": 1\n}', 'import_errorKindJsonc'],
  ])('names %s and the formats accepted, instead of "no Label column"', async (_, text, error) => {
    expect(await read(text)).toEqual({ ok: false, error });
  });

  it('still calls broken JSON without comments broken JSON, and a URL in a string is not a comment', async () => {
    expect(await read('{"format": "sim-keeper-backup",')).toMatchObject({ ok: false, error: 'import_errorNotJson' });
    expect(hasJsonComments('{"url": "https://example.com/a"')).toBe(false);
    expect(hasJsonComments('{"a": 1 /* x */}')).toBe(true);
  });

  describe('edge cases', () => {
    it.each([
      ['[[1]]', 2, false],
      ['[[[1]]]', 2, true],
      ['{"a":{"b":[]}}', 3, false],
      ['{"a":{"b":[[]]}}', 3, true],
      ['["[[[[", "\\"[[["]', 1, false],
    ])('%s deeper than %i: %s', (text, limit, expected) => expect(jsonDepthExceeds(text, limit)).toBe(expected));
  });
});
