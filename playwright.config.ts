import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/support/settings.ts';

const CI = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // The walkthrough is a run of its own (e2e/walkthrough/playwright.config.ts, `npm run demo:walkthrough`).
  testIgnore: '**/walkthrough/**',
  outputDir: 'test-results',
  // Starts the suite's demo, and answers the teardown that stops it.
  globalSetup: './e2e/global-setup.ts',
  // One NocoBase and one sandbox serve every test, on a 2-core machine: a second worker only makes both slower.
  workers: 1,
  fullyParallel: false,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // A sign-in in the WeCom client loads NocoBase's SPA twice (before and after WeCom), 4-5 s each, 11 s when cold.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    navigationTimeout: 45_000,
    actionTimeout: 30_000,
    locale: 'en-US',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
});
