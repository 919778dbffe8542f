import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * `npm run dev` needs the React plugin to fit the Vite that WXT runs. With
 * @vitejs/plugin-react 6 (made for Vite 8) beside WXT 0.21's Vite 7, every page
 * failed in the dev server with "Missing field `moduleType`" while builds still
 * worked, so nothing else noticed. package.json pins vite 7.3.8 and
 * @vitejs/plugin-react 5.2.0; this keeps an update from undoing that silently.
 */

const root = join(__dirname, '../..');
const manifestOf = (from: string, name: string): { version: string; peerDependencies?: Record<string, string> } => {
  // Package files found as Node finds the package from `from` (exports maps hide package.json).
  const entry = createRequire(join(from, 'noop.js')).resolve(name);
  let dir = dirname(entry);
  while (!dir.endsWith(join('node_modules', name))) dir = dirname(dir);
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
};

describe('the dev server toolchain', () => {
  it('has one Vite, the one WXT runs, and a React plugin made for it', () => {
    const wxtDir = join(root, 'node_modules/wxt');
    const wxtVite = manifestOf(wxtDir, 'vite').version;
    expect(manifestOf(root, 'vite').version).toBe(wxtVite);
    const reactPlugin = manifestOf(join(root, 'node_modules/@wxt-dev/module-react'), '@vitejs/plugin-react');
    // The plugin's peer range names majors (`^4.2.0 || … || ^7.0.0`): WXT's major must be one of them.
    const majors = (reactPlugin.peerDependencies?.vite ?? '').split('||').map((range) => range.trim().match(/^\^(\d+)\./)?.[1]);
    expect(majors).toContain(wxtVite.split('.')[0]);
  });
});
