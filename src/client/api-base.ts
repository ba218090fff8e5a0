/** What NocoBase's index.html puts on `window` for its shells (v1 and v2 alike). */
interface NocoBaseWindow {
  location: { origin: string };
  __nocobase_api_base_url__?: string;
  __nocobase_public_path__?: string;
}

/**
 * The app's root URL (origin plus APP_PUBLIC_PATH, without a trailing slash), for the shim, which adds
 * `/api/…` itself. Read from the page, not from a shell's API client, so both shells share the button. The API
 * base is the surer guide: the `/v/` shell sets its own public path (`/v/`) while the API stays at `/api/`.
 */
export function appRootUrl(win: NocoBaseWindow): string {
  const apiBase = win.__nocobase_api_base_url__;
  if (apiBase && /\/api\/?$/.test(apiBase)) {
    return new URL(apiBase, win.location.origin).href.replace(/\/api\/?$/, '');
  }
  return new URL(win.__nocobase_public_path__ || '/', win.location.origin).href.replace(/\/$/, '');
}
