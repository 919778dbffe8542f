// Budget check on the built files, not on timing: all JavaScript the popup loads,
// gzipped, must stay at or under the budget. Run after `wxt build`.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 90 * 1024;
const dir = process.argv[2] ?? '.output/chrome-mv3';
const html = join(dir, 'popup.html');
if (!existsSync(html)) {
  console.error(`check-size: ${html} is missing; run \`wxt build\` first.`);
  process.exit(1);
}

// Every script the page names, then every module those import, statically or by dynamic import().
const queue = [...readFileSync(html, 'utf8').matchAll(/(?:src|href)="(\/[^"]+\.js)"/g)].map((m) => m[1]);
const seen = new Set();
let total = 0;
const rows = [];
while (queue.length) {
  const path = queue.shift();
  if (seen.has(path)) continue;
  seen.add(path);
  const code = readFileSync(join(dir, path));
  const gz = gzipSync(code, { level: 9 }).length;
  total += gz;
  rows.push(`  ${path}  ${(code.length / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped`);
  for (const m of code.toString('utf8').matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+\.js|\/[^"']+\.js)["']/g)) {
    const target = m[1].startsWith('/') ? m[1] : join(path, '..', m[1]);
    queue.push(target);
  }
}
console.log(`Popup JavaScript:\n${rows.join('\n')}`);
console.log(`Total: ${(total / 1024).toFixed(1)} KB gzipped (budget ${(BUDGET_BYTES / 1024).toFixed(0)} KB)`);
if (total > BUDGET_BYTES) {
  console.error('check-size: over budget');
  process.exit(1);
}
