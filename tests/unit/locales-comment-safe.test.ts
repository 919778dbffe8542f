import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// WXT writes every English message into a /** … */ comment of .wxt/types/i18n.d.ts: a message
// holding "*/" ends that comment early, and the generated types no longer compile (tsc fails after a build).
describe('messages are safe inside the generated types', () => {
  const dir = join(__dirname, '../../public/_locales');
  it.each(readdirSync(dir))('%s: no message holds "*/"', (locale) => {
    const catalog = JSON.parse(readFileSync(join(dir, locale, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
    expect(
      Object.entries(catalog)
        .filter(([, entry]) => entry.message.includes('*/'))
        .map(([key]) => key),
    ).toEqual([]);
  });
});
