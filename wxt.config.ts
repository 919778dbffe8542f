import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'wxt';
import { aliasCatalog, LOCALE_ALIASES } from './lib/browser/locale';
import { OPTIONAL_HOSTS } from './lib/remote/address';
import { reactDomWithoutInnerHtml } from './scripts/react-dom-without-inner-html';
import { inlinePopupCss } from './scripts/inline-popup-css';

/** Where a CalDAV or WebDAV server may be: any https: host, or plain http: on this machine only (lib/remote/address.ts). */
const CALENDAR_HOSTS = [...OPTIONAL_HOSTS];

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Explicit imports only, no auto-imports: a reader sees where every name comes from.
  imports: false,
  // A function of the target, so each store gets only the keys its browser reads.
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'notifications'],
    // The calendar link (docs/calendar.md): access to the user's own CalDAV server, asked for its one
    // origin when they connect; nothing is granted at install. Chrome lists hosts apart (Manifest V3) and
    // can keep running in the background for the calendar; Firefox has no 'background' permission.
    ...(manifestVersion === 3
      ? { optional_host_permissions: CALENDAR_HOSTS, optional_permissions: ['background'] }
      : { optional_permissions: CALENDAR_HOSTS }),
    // Opens the popup from the keyboard; commands need no permission. The user can change it
    // (chrome://extensions/shortcuts, about:addons); the options page shows the one in effect.
    commands: {
      [manifestVersion === 3 ? '_execute_action' : '_execute_browser_action']: {
        suggested_key: { default: 'Alt+Shift+S' },
      },
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          // Firefox keeps storage only for add-ons with an id.
          id: 'sim-keeper@sim-keeper.local',
          // Firefox Add-ons asks every new add-on what it collects: nothing (see PRIVACY.md).
          data_collection_permissions: { required: ['none'] },
          // Firefox reads data_collection_permissions from 140 on the desktop and 142 on Android. The linter asks
          // for 142: a lower minimum would be inherited by Android. Naming gecko_android instead would list the
          // add-on for Android, which has no notifications API.
          strict_min_version: '142.0',
        },
      },
    }),
  }),
  vite: () => ({ plugins: [reactDomWithoutInnerHtml(), inlinePopupCss()] }),
  hooks: {
    // Chrome falls back from zh_HK and zh_MO to zh, then to English, never to zh_TW: ship copies.
    'build:publicAssets': (wxt, files) => {
      for (const [alias, source] of Object.entries(LOCALE_ALIASES)) {
        const catalog = readFileSync(join(wxt.config.publicDir, '_locales', source, 'messages.json'), 'utf8');
        files.push({ relativeDest: `_locales/${alias}/messages.json`, contents: aliasCatalog(catalog, alias) });
      }
    },
  },
  zip: {
    // `npm run zip` writes .output/sim-keeper-<version>-{chrome,firefox,sources}.zip; Edge takes the Chrome zip.
    // The sources zip is what Firefox Add-ons reviewers rebuild from (README: npm ci && npm run build:firefox);
    // WXT already leaves out node_modules, dotfiles (.output, .wxt, .ci) and *.test/*.spec files. The test runners'
    // configs go with the tests they run: the build never reads them, and a reviewer has no tests to run them on.
    excludeSources: [
      'tests/**',
      'vitest.config.ts',
      'playwright.config.ts',
      'test-results/**',
      'playwright-report/**',
      'blob-report/**',
      'web-ext-artifacts/**',
      'docs/**',
      'stats.html',
    ],
  },
});
