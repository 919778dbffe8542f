import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'wxt';
import { aliasCatalog, LOCALE_ALIASES } from './lib/browser/locale';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Explicit imports only (STYLE.md habit 8): a reader sees where every name comes from.
  imports: false,
  manifest: ({ manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'notifications'],
    // Opens the popup from the keyboard; commands need no permission. The user can change it
    // (chrome://extensions/shortcuts, about:addons); the options page shows the one in effect.
    commands: {
      [manifestVersion === 3 ? '_execute_action' : '_execute_browser_action']: {
        suggested_key: { default: 'Alt+Shift+S' },
      },
    },
    // Firefox keeps storage only for add-ons with an id.
    browser_specific_settings: { gecko: { id: 'sim-keeper@sim-keeper.local' } },
  }),
  hooks: {
    // Chrome falls back from zh_HK and zh_MO to zh, then to English, never to zh_TW: ship copies.
    'build:publicAssets': (wxt, files) => {
      for (const [alias, source] of Object.entries(LOCALE_ALIASES)) {
        const catalog = readFileSync(join(wxt.config.publicDir, '_locales', source, 'messages.json'), 'utf8');
        files.push({ relativeDest: `_locales/${alias}/messages.json`, contents: aliasCatalog(catalog, alias) });
      }
    },
  },
});
