/** What NocoBase's index.html puts on `window` for its shells (v1 and v2 alike). */
interface NocoBaseWindow {
  location: { origin: string };
  __nocobase_public_path__?: string;
}

/**
 * The app's root URL (origin plus APP_PUBLIC_PATH, without a trailing slash), for the shim, which adds
 * `/api/…` itself. Read from the page, not from a shell's API client, so both shells share the button.
 */
export function appRootUrl(win: NocoBaseWindow): string {
  const publicPath = win.__nocobase_public_path__ || '/';
  return new URL(publicPath, win.location.origin).href.replace(/\/$/, '');
}
