import { decodeLandingSession, landingCookieNames } from '../shared/session-fragment';

/** NocoBase's client keeps its session under these keys (`API_CLIENT_STORAGE_PREFIX` is `NOCOBASE_`). */
export const NOCOBASE_TOKEN_KEY = 'NOCOBASE_TOKEN';
export const NOCOBASE_AUTHENTICATOR_KEY = 'NOCOBASE_AUTH';

export interface NocoBaseSession {
  token: string;
  authenticator: string;
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The storage keys of NocoBase's token and of the authenticator it was issued by. */
export interface SessionKeys {
  token: string;
  authenticator: string;
}

const DEFAULT_KEYS: SessionKeys = { token: NOCOBASE_TOKEN_KEY, authenticator: NOCOBASE_AUTHENTICATOR_KEY };

/** What NocoBase's index.html puts on `window` for its API client (both shells), and the page's path. */
export interface NocoBaseStorageConfig {
  location: { pathname: string };
  __nocobase_public_path__?: string;
  __nocobase_api_client_storage_prefix__?: string;
  __nocobase_api_client_storage_type__?: string;
  /** The classic shell writes a boolean, the /v/ shell a string. */
  __nocobase_api_client_share_token__?: boolean | string;
}

export interface NocoBaseSessionPlace {
  /** `memory`: only the page's own API client holds the session, so nothing outside it can read or write it. */
  area: 'localStorage' | 'sessionStorage' | 'memory';
  keys: SessionKeys;
}

/**
 * Where NocoBase's API client keeps the session on this page, read from its runtime config before the app can be
 * asked: the rule of `@nocobase/sdk` (`APIClient`, `getSubAppName`, `LocalStorage`), which both shells construct
 * with these globals. A sub-application (`<public path>apps/<name>/…`) has keys of its own, but for a token shared
 * with the main app.
 */
export function nocobaseSessionPlace(config: NocoBaseStorageConfig): NocoBaseSessionPlace {
  const type = config.__nocobase_api_client_storage_type__;
  const area = type === 'sessionStorage' || type === 'memory' ? type : 'localStorage';
  const base = (config.__nocobase_api_client_storage_prefix__ || 'NOCOBASE_').toUpperCase();
  const subApps = `${config.__nocobase_public_path__ || '/'}apps/`;
  const { pathname } = config.location;
  const appName = pathname.startsWith(subApps) ? (pathname.slice(subApps.length).split('/', 1)[0] ?? '') : '';
  const prefix = appName ? `${base}${appName.toUpperCase()}_` : base;
  const share = config.__nocobase_api_client_share_token__;
  const sharesToken = share === true || (typeof share === 'string' && share.toLowerCase() === 'true');
  return { area, keys: { token: `${sharesToken ? base : prefix}TOKEN`, authenticator: `${prefix}AUTH` } };
}

/** Storage can be switched off by the user; a failing storage then reads as empty. */
export function storageOf(read: () => StorageLike): StorageLike | null {
  try {
    return read();
  } catch {
    return null;
  }
}

export function readNocoBaseSession(
  storage: StorageLike | null,
  keys: SessionKeys = DEFAULT_KEYS,
): NocoBaseSession | null {
  try {
    const token = storage?.getItem(keys.token);
    if (!token) return null;
    return { token, authenticator: storage?.getItem(keys.authenticator) ?? '' };
  } catch {
    return null;
  }
}

/** Where a page keeps NocoBase's session: NocoBase's own API client in the plugin, localStorage in the script bundle. */
export interface SessionStore {
  setToken(token: string): void;
  setAuthenticator(name: string): void;
}

/** NocoBase's keys in `storage`, as NocoBase's client reads them; a full or forbidden storage keeps nothing. */
export function storageSessionStore(storage: StorageLike | null, keys: SessionKeys = DEFAULT_KEYS): SessionStore {
  const put = (key: string, value: string): void => {
    try {
      storage?.setItem(key, value);
    } catch {
      // The session then lives as long as the page does.
    }
  };
  return {
    setToken: (token) => put(keys.token, token),
    setAuthenticator: (name) => put(keys.authenticator, name),
  };
}

/** The parts of `window` a landing page needs to take its session; `window` itself fits. */
export interface LandingWindow {
  location: { pathname: string; search: string; hash: string };
  history: Pick<History, 'replaceState' | 'state'>;
  document: { cookie: string };
}

function hasCookie(cookies: string, name: string): boolean {
  return cookies.split(';').some((pair) => pair.trim().startsWith(`${name}=`));
}

/**
 * Takes the session a sign-in landed with from the URL's fragment (`src/shared/session-fragment.ts`), puts the
 * deep link's own fragment back in the address bar, and stores the session when the callback's cookie vouches for
 * it; a fragment without that cookie (a link someone else made) is removed and nothing is stored. Synchronous, so
 * callers run it before anything reads the session.
 */
export function takeSessionFromUrl(win: LandingWindow, store: SessionStore): NocoBaseSession | null {
  const landing = decodeLandingSession(win.location.hash);
  if (!landing) return null;
  const { pathname, search } = win.location;
  win.history.replaceState(win.history.state, '', `${pathname}${search}${landing.hash}`);
  const cookies = win.document.cookie;
  const vouching = landingCookieNames(landing.nonce).find((name) => hasCookie(cookies, name));
  if (!vouching) return null;
  const secure = vouching.startsWith('__Host-') ? '; Secure' : '';
  win.document.cookie = `${vouching}=; Max-Age=0; Path=/; SameSite=Lax${secure}`;
  store.setToken(landing.token);
  store.setAuthenticator(landing.authenticator);
  return { token: landing.token, authenticator: landing.authenticator };
}
