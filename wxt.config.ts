import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Explicit imports only (STYLE.md habit 8): a reader sees where every name comes from.
  imports: false,
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'notifications'],
    // Firefox keeps storage only for add-ons with an id.
    browser_specific_settings: { gecko: { id: 'sim-keeper@sim-keeper.local' } },
  },
});
