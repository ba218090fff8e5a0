import { decodeLandingSession, landingCookieNames } from '../shared/session-fragment';

/** NocoBase's client keeps its session under these keys (`API_CLIENT_STORAGE_PREFIX` is `NOCOBASE_`). */
export const NOCOBASE_TOKEN_KEY = 'NOCOBASE_TOKEN';
export const NOCOBASE_AUTHENTICATOR_KEY = 'NOCOBASE_AUTH';

export interface NocoBaseSession {
  token: string;
  authenticator: string;
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Storage can be switched off by the user; a failing storage then reads as empty. */
export function storageOf(read: () => StorageLike): StorageLike | null {
  try {
    return read();
  } catch {
    return null;
  }
}

export function readNocoBaseSession(storage: StorageLike | null): NocoBaseSession | null {
  try {
    const token = storage?.getItem(NOCOBASE_TOKEN_KEY);
    if (!token) return null;
    return { token, authenticator: storage?.getItem(NOCOBASE_AUTHENTICATOR_KEY) ?? '' };
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
export function storageSessionStore(storage: StorageLike | null): SessionStore {
  const put = (key: string, value: string): void => {
    try {
      storage?.setItem(key, value);
    } catch {
      // The session then lives as long as the page does.
    }
  };
  return {
    setToken: (token) => put(NOCOBASE_TOKEN_KEY, token),
    setAuthenticator: (name) => put(NOCOBASE_AUTHENTICATOR_KEY, name),
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
