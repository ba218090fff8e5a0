/** The parts of `window.location` a sign-in needs; `Location` and `URL` both fit. */
export interface PagePath {
  pathname: string;
  search: string;
  hash: string;
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

const PROBE_ORIGIN = 'http://same-origin.invalid';

/**
 * `value` as a path on the current origin, or null. Anything a browser could read as another host
 * (`//evil`, `/\evil`, `https://evil`, control characters) is refused rather than repaired: the server
 * refuses the same (REDIRECT_INVALID), and a refused sign-in is worse than a default landing page.
 */
export function sameOriginPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here
  if (!value.startsWith('/') || /^\/[/\\]/.test(value) || /[\u0000-\u001f\u007f]/.test(value)) return null;
  try {
    const url = new URL(value, PROBE_ORIGIN);
    return url.origin === PROBE_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}

/** `<baseUrl>/api/<action>`; `baseUrl` is NocoBase's root, e.g. `https://nocobase.example.com/nocobase`. */
export function apiUrl(baseUrl: string, action: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/api/${action}`;
}

/**
 * The plugin's homepage link: a plain GET that the server answers with a 302 to WeCom, setting the
 * browser-binding cookie on the way, so a page can start a sign-in without any request of its own.
 */
export function authorizeLink(baseUrl: string, authenticator: string, redirect: string): string {
  return `${apiUrl(baseUrl, 'wecom:authorize')}?${new URLSearchParams({ authenticator, redirect })}`;
}
