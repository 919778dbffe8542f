// Adds or replaces one message in both locales, keeping the files sorted by insertion:
//   node scripts/i18n-add.mjs key "English text with $1" "中文文本 $1"
// Positional substitutions $1..$9 are declared as placeholders automatically.
import { readFileSync, writeFileSync } from 'node:fs';

const [key, en, zh] = process.argv.slice(2);
if (!key || en === undefined || zh === undefined) {
  console.error('usage: node scripts/i18n-add.mjs key "English" "中文"');
  process.exit(2);
}
for (const [locale, text] of [
  ['en', en],
  ['zh_CN', zh],
]) {
  const file = `public/_locales/${locale}/messages.json`;
  const messages = JSON.parse(readFileSync(file, 'utf8'));
  const numbers = [...new Set([...text.matchAll(/\$(\d)/g)].map((m) => m[1]))];
  const entry = { message: text.replace(/\$(\d)/g, '$$p$1$$') };
  if (numbers.length) entry.placeholders = Object.fromEntries(numbers.map((n) => [`p${n}`, { content: `$${n}` }]));
  if (!numbers.length) entry.message = text;
  messages[key] = entry;
  writeFileSync(file, `${JSON.stringify(messages, null, 2)}\n`);
}
