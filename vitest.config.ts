import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/unit/setup.ts'],
    environment: 'node',
    restoreMocks: true,
    // Seeded property tests run thousands of cases: sized for two cores busy with other work (Vitest's 5 s
    // default failed merge.test.ts and transfer-csv.test.ts under load). A hang still fails, after 60 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
