import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layers of lib/, lowest first (lib/README.md). A folder may import from its own
// layer and any layer before it; folders that share a rank must not import each other.
const RANK: Record<string, number> = {
  browser: 0,
  dates: 1,
  remote: 1,
  cards: 2,
  providers: 3,
  store: 4,
  money: 4,
  reminders: 5,
  transfer: 5,
  sync: 6,
  popup: 6,
  calendar: 6,
  webdav: 7,
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const libRoot = 'lib';
const folderOf = (path: string) => relative(libRoot, path).split('/')[0] ?? '';

describe('lib/ layers', () => {
  const files = filesUnder(libRoot);

  it('has a rank for every folder', () => {
    const folders = new Set(files.map(folderOf));
    for (const folder of folders) expect(RANK, `lib/${folder} needs a place in RANK and lib/README.md`).toHaveProperty(folder);
  });

  it.each(files)('%s imports no higher layer', (file) => {
    const from = folderOf(file);
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(/from\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = normalize(join(dirname(file), spec!));
      if (!target.startsWith(`${libRoot}/`)) continue;
      const to = folderOf(target);
      if (to === from) continue;
      expect(RANK[to]!, `${file} imports ${spec}`).toBeLessThan(RANK[from]!);
    }
  });
});
