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

/*
 * package.json `engines.node` is the Node this project really needs: every Node
 * version it allows must be allowed by each installed package's own `engines.node`
 * (Vite 7 and @vitejs/plugin-react 5 need 20.19 or 22.12; web-ext's linter needs
 * 20.19 or 22.13; Vitest 4 leaves out Node 21 and 23). npm only warns on a
 * mismatch (there is no engine-strict), so this test is what keeps the range true
 * when a dependency raises its minimum.
 */

type Semver = { subset: (sub: string, dom: string) => boolean };
// semver is not a dependency of this project: it is the copy npm hoists for web-ext and puppeteer-core.
const semver: Semver = createRequire(join(root, 'package.json'))('semver');

/**
 * Packages that declare a higher minimum than ours, each with why that does not stop
 * this project on the Node versions it allows. Each entry must still declare more
 * (checked below), so the list cannot outlive its reason.
 */
const DECLARED_HIGHER_BUT_NOT_NEEDED: Record<string, string> = {
  // >=22.13.0
  listr2: 'loaded only by `wxt submit` (publish-browser-extension), which this project never runs: the stores get the zips by hand',
  // ^22.20 || ^24.12 || >=25
  '@napi-rs/lzma-linux-x64-gnu': 'an optional dependency rollup 4.67.4 declares and never loads; npm leaves it out on Node 20',
};

describe('package.json engines', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const ours: string = pkg.engines.node;
  // What `npm ci` installs, with each package's declared Node range.
  const declared = Object.entries(lock.packages as Record<string, { engines?: { node?: string } }>)
    .filter(([path, entry]) => path !== '' && entry.engines?.node)
    .map(([path, entry]) => ({
      name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length),
      path,
      node: entry.engines!.node!,
    }));

  it('is the same in package.json and package-lock.json', () => {
    expect(lock.packages[''].engines).toEqual(pkg.engines);
  });

  it('allows only Node versions every installed package allows, but for the known exceptions', () => {
    const tooLow = declared
      .filter(({ name, node }) => !(name in DECLARED_HIGHER_BUT_NOT_NEEDED) && !semver.subset(ours, node))
      .map(({ path, node }) => `${path} needs ${node}`);
    expect(tooLow).toEqual([]);
  });

  it('names the build tools that set the minimum', () => {
    for (const name of ['vite', '@vitejs/plugin-react', 'vitest', 'web-ext', 'wxt']) {
      const node = declared.find((entry) => entry.path === `node_modules/${name}`)?.node ?? '*';
      expect(semver.subset(ours, node), `${name} needs ${node}`).toBe(true);
    }
  });

  it('keeps an exception only while its package still declares more than we allow', () => {
    for (const name of Object.keys(DECLARED_HIGHER_BUT_NOT_NEEDED)) {
      const entries = declared.filter((entry) => entry.name === name);
      expect(entries, `${name} is no longer installed with a Node range: drop it from the list`).not.toEqual([]);
      for (const { node } of entries) expect(semver.subset(ours, node), `${name} now allows ${ours}`).toBe(false);
    }
  });
});
