import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// The calendar against a real CalDAV server (Radicale, tests/servers/radicale.mjs): `npm run test:caldav`.
// Apart from the unit suite because it starts a server process and talks HTTP to it.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/caldav/**/*.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    environment: 'node',
    restoreMocks: true,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One server per file, files one after another: the machine is shared.
    fileParallelism: false,
  },
});
