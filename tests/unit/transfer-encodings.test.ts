import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImportFile } from '../../lib/transfer/read-file';

const NOW = new Date('2026-11-27T00:00:00.000Z');
const FIXTURES = join(__dirname, 'fixtures/csv');
const read = (bytes: Uint8Array) => readImportFile(bytes, { userTimeZone: 'Asia/Shanghai', now: NOW, existing: [] });

// The same two cards, as each spreadsheet writes them (fixtures/csv/README.md says how each file was made).
const EXPECTED = [
  { label: '紫卡', phoneNumber: '+1 555 010 1234', rule: { type: 'cycle', anchorDate: '2026-11-01', period: { count: 30, unit: 'days' } } },
  { label: '香港卡', phoneNumber: '5555 0000', rule: { type: 'fixed', endDate: '2027-03-01' } },
];

describe.each([
  ['Excel "Unicode text" (UTF-16 LE, tab-separated)', 'excel-unicode-text.txt'],
  ['a first line sep=; (semicolons)', 'sep-semicolon.csv'],
  ['Chinese Excel (GBK)', 'gbk.csv'],
  ['UTF-8 with a byte-order mark', 'utf8-bom.csv'],
])('%s', (_, name) => {
  it('gives the expected cards', async () => {
    const result = await read(readFileSync(join(FIXTURES, name)));
    if (!result.ok) throw new Error(`refused: ${result.error}`);
    expect(result.candidates.invalid).toEqual([]);
    expect(result.candidates.cards).toMatchObject(EXPECTED);
  });
});

describe('text that is none of these', () => {
  it('refuses bytes that are not UTF-8 and not a GB18030 sheet with a label column', async () => {
    // Latin-1 "café" decodes as GB18030, but has no label column: refused, not read as garbage.
    expect(await read(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x2c, 0x31]))).toEqual({ ok: false, error: 'import_errorNotText' });
    expect(await read(new Uint8Array([0x00, 0xff, 0x80, 0x81]))).toEqual({ ok: false, error: 'import_errorNotText' });
  });
});
