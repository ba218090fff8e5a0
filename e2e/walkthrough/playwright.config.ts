import { defineConfig } from '@playwright/test';
import suite from '../../playwright.config.ts';

/**
 * The walkthrough (`npm run demo:walkthrough`, or `npx playwright test -c e2e/walkthrough`): the e2e suite's
 * browser and fixtures, its own demo app, one spec whose steps save the screenshots in docs/walkthrough/.
 * Not part of `npm test`: the suite's config leaves this folder out.
 */
export default defineConfig(suite, {
  testDir: '.',
  testMatch: 'walkthrough.spec.ts',
  testIgnore: [],
  outputDir: '../../test-results/walkthrough',
  globalSetup: './global-setup.ts',
  // A retry would shoot the pictures again over a half-written folder; a failure is looked at instead.
  retries: 0,
  // Each step signs in once or twice on NocoBase's SPA, cold on the first run after a start.
  timeout: 180_000,
  use: { navigationTimeout: 60_000, actionTimeout: 60_000 },
});
