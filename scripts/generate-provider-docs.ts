// Writes docs/providers.md from the provider catalog:
//   npx vite-node scripts/generate-provider-docs.ts
// (vite-node ships with vitest.) The unit test tests/unit/providers-docs.test.ts
// fails when the file is stale, and `UPDATE_DOCS=1 npx vitest run tests/unit/providers-docs.test.ts`
// rewrites it without this script.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PROVIDERS, renderProvidersMarkdown } from '../lib/providers';

const target = fileURLToPath(new URL('../docs/providers.md', import.meta.url));
writeFileSync(target, renderProvidersMarkdown(PROVIDERS));
console.log(`Wrote ${PROVIDERS.length} providers to docs/providers.md`);
