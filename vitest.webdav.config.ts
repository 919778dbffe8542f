import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// The WebDAV folder against a real WebDAV server (lighttpd, tests/servers/webdav.mjs): `npm run test:webdav`.
// Apart from the unit suite because it starts a server process and talks HTTP to it.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/webdav/**/*.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    environment: 'node',
    restoreMocks: true,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
