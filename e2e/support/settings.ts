/** Where the e2e suite's own demo app lives, apart from `npm run demo` (13000/8787) so both can run at once. */
export const E2E_DEMO = {
  appDir: '.demo/e2e',
  appPort: Number(process.env.E2E_APP_PORT ?? 13100),
  sandboxPort: Number(process.env.E2E_SANDBOX_PORT ?? 8797),
} as const;

export { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/testing/chromium.ts';
