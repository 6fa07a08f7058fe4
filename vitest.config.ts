import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['**/node_modules/**', 'tests/site/**'] } },
      // The site's tests share one build of the example content, made and served by the global setup.
      { extends: true, test: { name: 'site', include: ['tests/site/**/*.test.ts'], globalSetup: ['tests/site/global-setup.ts'] } },
    ],
  },
});
