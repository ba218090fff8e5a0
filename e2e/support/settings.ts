/** Where the e2e suite's own demo app lives, apart from `npm run demo` (13000/8787) so both can run at once. */
export const E2E_DEMO = {
  appDir: '.demo/e2e',
  appPort: Number(process.env.E2E_APP_PORT ?? 13100),
  sandboxPort: Number(process.env.E2E_SANDBOX_PORT ?? 8797),
} as const;

export { CHROMIUM_ARGS, CHROMIUM_PATH, PHONE_VIEWPORT } from '../../src/testing/chromium.ts';

/** A desktop Chrome, so that neither the plugin nor the sandbox could take the browser for the WeCom client. */
export const DESKTOP_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36';
