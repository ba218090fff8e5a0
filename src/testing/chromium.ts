/** Debian's Chromium (extension-tooling.md §5): Playwright's own browsers are never downloaded here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

/** Headless as root on a machine whose network reaches no browser services. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** An iPhone 14's CSS viewport, for pages opened in the WeCom app. */
export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;

/** A desktop Chrome, so that neither the plugin nor the sandbox could take the browser for the WeCom client. */
export const DESKTOP_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36';
