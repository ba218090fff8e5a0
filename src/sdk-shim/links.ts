import { type AppPaths, appPaths } from '../shared/landing';

/** The parts of `window.location` a sign-in needs; `Location` and `URL` both fit. */
export interface PagePath {
  pathname: string;
  search: string;
  hash: string;
}

/** A page's `location`, origin included. */
export interface PageLocation extends PagePath {
  origin: string;
}

/** NocoBase's client stores and strips these from any URL; they must never travel into a page to return to. */
const SESSION_PARAMS = new Set(['token', 'authenticator']);

/** `search` without the `token` and `authenticator` parameters; the others keep their exact encoding. */
export function withoutSessionParams(search: string): string {
  const kept = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => {
      if (pair === '') return false;
      const key = pair.split('=', 1)[0] ?? '';
      try {
        return !SESSION_PARAMS.has(decodeURIComponent(key.replace(/\+/g, ' ')));
      } catch {
        return true;
      }
    });
  return kept.length > 0 ? `?${kept.join('&')}` : '';
}

/** The page to come back to after signing in: path, query and fragment, without NocoBase's session parameters. */
export function deepLink(location: PagePath): string {
  return `${location.pathname}${withoutSessionParams(location.search)}${location.hash}`;
}

/** The landing rule's view of this app from a page: APP_PUBLIC_PATH, with NocoBase's API and statics beneath it. */
export function pagePaths(publicPath: string | undefined): AppPaths {
  return appPaths({ publicPath });
}

/** `<baseUrl>/api/<action>`; `baseUrl` is NocoBase's root, e.g. `https://nocobase.example.com/nocobase`. */
export function apiUrl(baseUrl: string, action: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/${action}`;
}

/**
 * The plugin's homepage link: a plain GET that the server answers with a 302 to WeCom, setting the
 * browser-binding cookie on the way, so a page can start a sign-in without any request of its own. Without an
 * authenticator, the server takes the one that signs in automatically.
 */
export function authorizeLink(baseUrl: string, authenticator: string | null, redirect: string): string {
  const params = new URLSearchParams(authenticator === null ? { redirect } : { authenticator, redirect });
  return `${apiUrl(baseUrl, 'wecom:authorize')}?${params}`;
}
