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

describe('a sheet that reads as both UTF-8 and GBK', () => {
  // 取 in GBK is C8 A1, which is also UTF-8 for ȡ (U+0221): either reading is a sheet with a label column.
  const ambiguous = new Uint8Array([...new TextEncoder().encode('Label,End date,Notes\r\nA,2026-12-01,'), 0xc8, 0xa1, 0x0d, 0x0a]);

  it('is never guessed: the user is asked, with the first line the readings differ on as each reads it', async () => {
    expect(await read(ambiguous)).toEqual({ ok: false, error: 'import_askEncoding', params: ['A,2026-12-01,ȡ', 'A,2026-12-01,取'] });
  });

  it.each([
    ['gb18030', '取'],
    ['utf-8', 'ȡ'],
  ] as const)('is read as %s once the user says so', async (encoding, notes) => {
    const result = await readImportFile(ambiguous, { userTimeZone: 'Asia/Shanghai', now: NOW, existing: [], encoding });
    expect(result.ok && result.candidates.cards.map((card) => card.notes)).toEqual([notes]);
  });

  it('is UTF-8 without asking when it has a byte-order mark, or eight characters GBK would almost never make valid UTF-8', async () => {
    const withMark = new Uint8Array([0xef, 0xbb, 0xbf, ...ambiguous]);
    expect((await read(withMark)).ok).toBe(true);
    const long = new TextEncoder().encode('Label,End date,Notes\r\nA,2026-12-01,保号卡一二三四五\r\n');
    const result = await read(long);
    expect(result.ok && result.candidates.cards[0]!.notes).toBe('保号卡一二三四五');
  });

  it('with a Chinese header, is read in the encoding whose header names a label column', async () => {
    // UTF-8 名称 read as GB18030 is 鍚嶇О, which names no column.
    const result = await read(new TextEncoder().encode('名称,到期日\r\n卡,2026-12-01\r\n'));
    expect(result.ok && result.candidates.cards[0]!.label).toBe('卡');
  });
});
