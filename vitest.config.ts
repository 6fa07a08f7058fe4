import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'tests/site/**', 'tests/package/**'],
        },
      },
      // The site's tests share one build of the example content, made and served by the global setup.
      {
        extends: true,
        test: { name: 'site', include: ['tests/site/**/*.test.ts'], globalSetup: ['tests/site/global-setup.ts'] },
      },
      // The package's tests share one `npm pack`, made by the global setup in a copy of the checkout.
      {
        extends: true,
        test: {
          name: 'package',
          include: ['tests/package/**/*.test.ts'],
          globalSetup: ['tests/package/global-setup.ts'],
        },
      },
    ],
  },
});
