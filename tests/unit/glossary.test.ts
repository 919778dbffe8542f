import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

type Catalog = Record<string, { message: string }>;
const ROOT = join(__dirname, '../..');
const read = (locale: string): Catalog => JSON.parse(readFileSync(join(ROOT, 'public/_locales', locale, 'messages.json'), 'utf8'));
const catalogs = { en: read('en'), zh_CN: read('zh_CN'), zh_TW: read('zh_TW') };
const storeText = (name: string) => readFileSync(join(ROOT, 'docs/store', name), 'utf8');

interface Term {
  idea: string;
  english: string[];
  zhCN: string;
  zhTW: string;
  notCN: string[];
  notTW: string[];
}

const codes = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

/** The rows of docs/glossary.md's table: the page is the rule, this test only reads it. */
function glossaryTerms(markdown: string): Term[] {
  const table = markdown.slice(markdown.indexOf('<!-- glossary-table'));
  return table
    .split('\n')
    .filter((line) => line.startsWith('|') && line.includes('`'))
    .map((line) => {
      const [idea, english, zhCN, zhTW, notCN, notTW] = line.split('|').slice(1, -1);
      const one = (cell: string | undefined) => {
        const [term] = codes(cell ?? '');
        if (!term) throw new Error(`glossary row without a term: ${line}`);
        return term;
      };
      return {
        idea: idea!.trim(),
        english: codes(english!),
        zhCN: one(zhCN),
        zhTW: one(zhTW),
        notCN: codes(notCN ?? ''),
        notTW: codes(notTW ?? ''),
      };
    });
}

const terms = glossaryTerms(readFileSync(join(ROOT, 'docs/glossary.md'), 'utf8'));

/** Whole words or phrases, any case, a hyphen or space between words alike: "top up" matches "Top-up". */
const englishPattern = (words: string[]) =>
  new RegExp(`\\b(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[- ]/g, '[- ]')).join('|')})\\b`, 'i');

/**
 * Messages whose English uses a glossary word in another sense, or names the
 * idea without the word, each with why.
 */
const OTHER_SENSE: Record<string, string[]> = {
  // "so nothing is lost": nothing of the import, not a phone number.
  'The number is gone for good': ['import_keepInvalid'],
};

describe('docs/glossary.md', () => {
  it('has the rows this test relies on', () => {
    expect(terms.map((term) => term.idea)).toEqual(
      expect.arrayContaining(["The carrier's phone line", 'The day a card must be dealt with', 'The number is gone for good']),
    );
    for (const term of terms) expect(term.english.length, term.idea).toBeGreaterThan(0);
  });

  it('reads the words of a row', () => {
    const [term] = glossaryTerms('<!-- glossary-table -->\n| Idea | `a`, `b c` | `甲` | `乙` | `丙`, `丁` | |\n');
    expect(term).toEqual({ idea: 'Idea', english: ['a', 'b c'], zhCN: '甲', zhTW: '乙', notCN: ['丙', '丁'], notTW: [] });
    expect(englishPattern(['top up']).test('Top-up validity')).toBe(true);
    expect(englishPattern(['lost']).test('lostness')).toBe(false);
  });
});

describe.each(terms)('$idea', (term) => {
  const pattern = englishPattern(term.english);
  const keys = Object.keys(catalogs.en).filter((key) => pattern.test(catalogs.en[key]!.message) && !OTHER_SENSE[term.idea]?.includes(key));

  it('some message uses it (the row is not dead)', () => {
    expect(keys.length).toBeGreaterThan(0);
  });

  it.each([
    ['zh_CN', 'zhCN'],
    ['zh_TW', 'zhTW'],
  ] as const)('%s says it with the one term wherever English does', (locale, column) => {
    const missing = keys.filter((key) => !catalogs[locale][key]!.message.includes(term[column]));
    expect(missing.map((key) => `${key}: ${catalogs[locale][key]!.message}`)).toEqual([]);
  });

  it.each([
    ['zh_CN', 'notCN', 'zh-CN.md'],
    ['zh_TW', 'notTW', 'zh-TW.md'],
  ] as const)('%s and its store text never use the other words', (locale, column, store) => {
    const banned = term[column];
    const found = Object.entries(catalogs[locale]).filter(([, { message }]) => banned.some((word) => message.includes(word)));
    expect(found.map(([key, { message }]) => `${key}: ${message}`)).toEqual([]);
    expect(banned.filter((word) => storeText(store).includes(word))).toEqual([]);
  });
});

describe('one voice', () => {
  it('Simplified Chinese says 你, never 您, in the messages and the store text', () => {
    expect(Object.entries(catalogs.zh_CN).filter(([, { message }]) => message.includes('您'))).toEqual([]);
    expect(storeText('zh-CN.md')).not.toContain('您');
  });

  it.each(Object.keys(catalogs) as (keyof typeof catalogs)[])(
    '%s: the rule type "plan cycle" and the field with its length read differently',
    (locale) => {
      expect(catalogs[locale].rule_cycle!.message).not.toBe(catalogs[locale].form_periodCycle!.message);
    },
  );

  it.each(Object.keys(catalogs) as (keyof typeof catalogs)[])(
    '%s: the button that opens the carrier site and the one that records a payment read differently',
    (locale) => {
      const open = catalogs[locale].action_renew!.message;
      const record = catalogs[locale].action_renewed!.message;
      expect(open).not.toBe(record);
      // Neither is the other with a letter or two changed ("Renew" / "Renewed", "去续费" / "已续费").
      expect(open.includes(record) || record.includes(open)).toBe(false);
      expect(open.slice(0, 2)).not.toBe(record.slice(0, 2));
    },
  );
});
