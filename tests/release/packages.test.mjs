// The store packages `npm run zip` makes: what each holds, and what it must not.
// Run after `wxt zip && wxt zip -b firefox` (npm test does both before this file).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readZip } from './zip-file.mjs';

const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const zipPath = (kind) => {
  const path = `.output/${name}-${version}-${kind}.zip`;
  assert.ok(existsSync(path), `${path} is missing: run npm run zip`);
  return path;
};
const manifestOf = (zip) => JSON.parse(zip.get('manifest.json')().toString('utf8'));
const PERMISSIONS = ['storage', 'alarms', 'notifications'];
// zh_HK and zh_MO are copies of zh_TW made at build time (Chrome never falls back from zh_HK to zh_TW).
const LOCALES = ['en', 'zh_CN', 'zh_TW', 'zh_HK', 'zh_MO'].map((locale) => `_locales/${locale}/messages.json`);

test('the Chrome/Edge zip: Manifest V3, the three permissions, no Firefox-only keys', () => {
  const zip = readZip(zipPath('chrome'));
  const manifest = manifestOf(zip);
  assert.equal(manifest.manifest_version, 3);
  assert.deepEqual(manifest.permissions, PERMISSIONS);
  assert.equal(manifest.browser_specific_settings, undefined);
  assert.equal(manifest.applications, undefined);
  for (const file of ['background.js', 'popup.html', 'options.html', 'welcome.html', 'icon/128.png', ...LOCALES])
    assert.ok(zip.has(file), file);
  assert.deepEqual(Object.keys(manifest.commands), ['_execute_action']);
});

test('the Firefox zip: Manifest V2 with the add-on id and "collects no data"', () => {
  const zip = readZip(zipPath('firefox'));
  const manifest = manifestOf(zip);
  for (const file of ['welcome.html', ...LOCALES]) assert.ok(zip.has(file), file);
  assert.deepEqual(Object.keys(manifest.commands), ['_execute_browser_action']);
  assert.equal(manifest.manifest_version, 2);
  assert.deepEqual(manifest.permissions, PERMISSIONS);
  assert.deepEqual(manifest.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
  assert.match(manifest.browser_specific_settings.gecko.id, /^[\w.-]+@[\w.-]+$/);
});

test('the sources zip for Firefox Add-ons: what the build needs, nothing generated or private', () => {
  const files = [...readZip(zipPath('sources')).keys()];
  for (const needed of [
    'package.json',
    'package-lock.json',
    'wxt.config.ts',
    'tsconfig.json',
    'README.md',
    'LICENSE',
    'entrypoints/popup/App.tsx',
    'lib/store/storage.ts',
  ])
    assert.ok(files.includes(needed), `sources lack ${needed}`);
  const unwanted = files.filter(
    (file) =>
      /^(node_modules|\.output|\.wxt|\.git|test-results|playwright-report|tests)\//.test(file) ||
      file.includes('/node_modules/') ||
      // The test runners' configs: the build never reads them, and their tests are left out.
      ['vitest.config.ts', 'playwright.config.ts'].includes(file),
  );
  assert.deepEqual(unwanted, []);
});
