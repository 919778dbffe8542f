import { defineConfig } from 'wxt';
import { reactDomWithoutInnerHtml } from './scripts/react-dom-without-inner-html';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Explicit imports only (STYLE.md habit 8): a reader sees where every name comes from.
  imports: false,
  // A function of the target, so each store gets only the keys its browser reads.
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'notifications'],
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
  vite: () => ({ plugins: [reactDomWithoutInnerHtml()] }),
  zip: {
    // `npm run zip` writes .output/sim-keeper-<version>-{chrome,firefox,sources}.zip; Edge takes the Chrome zip.
    // The sources zip is what Firefox Add-ons reviewers rebuild from (README: npm ci && npm run build:firefox);
    // WXT already leaves out node_modules, dotfiles (.output, .wxt, .ci) and *.test/*.spec files.
    excludeSources: [
      'tests/**',
      'test-results/**',
      'playwright-report/**',
      'blob-report/**',
      'web-ext-artifacts/**',
      'docs/**',
      'stats.html',
    ],
  },
});
