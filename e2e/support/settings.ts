/** Where the e2e suite's own demo app lives, apart from `npm run demo` (13000/8787) so both can run at once. */
export const E2E_DEMO = {
  appDir: '.demo/e2e',
  appPort: Number(process.env.E2E_APP_PORT ?? 13100),
  sandboxPort: Number(process.env.E2E_SANDBOX_PORT ?? 8797),
} as const;

/** Debian's Chromium (extension-tooling.md §5): Playwright's own browsers are never downloaded here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A desktop Chrome, so that neither the plugin nor the sandbox could take the browser for the WeCom client. */
export const DESKTOP_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36';

/** An iPhone 14's CSS viewport, for pages opened in the WeCom app. */
export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;
