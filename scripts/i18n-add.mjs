// Adds or replaces one message in every locale, keeping the files in insertion order:
//   node scripts/i18n-add.mjs key "English text with $1" "简体中文 $1" "繁體中文 $1"
// Positional substitutions $1..$9 are declared as placeholders automatically, and
// every translation must use the same ones as the English text.
// zh_HK and zh_MO are copies of zh_TW made at build time (see wxt.config.ts).
import { readFileSync, writeFileSync } from 'node:fs';

const [key, en, zhHans, zhHant] = process.argv.slice(2);
if (!key || en === undefined || zhHans === undefined || zhHant === undefined) {
  console.error('usage: node scripts/i18n-add.mjs key "English" "简体中文" "繁體中文"');
  process.exit(2);
}
if (!/^[A-Za-z0-9_]+$/.test(key) || key === 'meta_language') {
  console.error(`not a message key that may be set: ${key}`);
  process.exit(2);
}
const numbersOf = (text) => [...new Set([...text.matchAll(/\$(\d)/g)].map((m) => m[1]))].sort();
const wanted = numbersOf(en).join(',');
for (const [name, text] of [
  ['Simplified Chinese', zhHans],
  ['Traditional Chinese', zhHant],
]) {
  if (numbersOf(text).join(',') !== wanted) {
    console.error(`The ${name} text must use the same $1..$9 as the English (${wanted || 'none'}): ${text}`);
    process.exit(2);
  }
}
for (const [locale, text] of [
  ['en', en],
  ['zh_CN', zhHans],
  ['zh_TW', zhHant],
]) {
  const file = `public/_locales/${locale}/messages.json`;
  const messages = JSON.parse(readFileSync(file, 'utf8'));
  const numbers = numbersOf(text);
  const entry = { message: numbers.length ? text.replace(/\$(\d)/g, '$$p$1$$') : text };
  if (numbers.length) entry.placeholders = Object.fromEntries(numbers.map((n) => [`p${n}`, { content: `$${n}` }]));
  messages[key] = entry;
  writeFileSync(file, `${JSON.stringify(messages, null, 2)}\n`);
}
