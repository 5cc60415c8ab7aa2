import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Integration tests that start no Chromium and build nothing, fast enough for the unit project:
 * they check, number, render the web edition in the process or run `manual init` and `reviews`.
 */
const WITHOUT_CHROMIUM = [
  'check-errors',
  'check-more-errors',
  'ci-workflow',
  'init',
  'real-markdown',
  'reviews',
  'site-markdown',
  'web-kept',
].map((name) => `tests/integration/${name}.test.ts`);

const timeouts = { testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', ...WITHOUT_CHROMIUM],
          globalSetup: ['tests/run-folder.ts'],
          ...timeouts,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...WITHOUT_CHROMIUM],
          globalSetup: ['tests/build-sample.ts'],
          ...timeouts,
        },
      },
    ],
  },
});
