/** The part of NocoBase's API client (both shells) that keeps the session. */
export interface SessionStore {
  setToken(token: string): void;
  setAuthenticator(name: string): void;
}

interface UrlWindow {
  location: { href: string };
  history: { state: unknown; replaceState(state: unknown, title: string, url: string): void };
}

/**
 * Takes `token` and `authenticator` from the URL a sign-in landed on, as NocoBase's AuthProvider would, but keeps
 * the `#fragment` of the deep link, which AuthProvider drops. Runs in the plugin's `load()`, before any provider.
 */
export function takeSessionFromUrl(win: UrlWindow, store: SessionStore): boolean {
  const url = new URL(win.location.href);
  const token = url.searchParams.get('token');
  const authenticator = url.searchParams.get('authenticator');
  if (!token || !authenticator) return false;
  store.setToken(token);
  store.setAuthenticator(authenticator);
  url.searchParams.delete('token');
  url.searchParams.delete('authenticator');
  win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return true;
}
