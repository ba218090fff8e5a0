import { withoutSessionParams } from './links';

/** NocoBase's client keeps its session under these keys (`API_CLIENT_STORAGE_PREFIX` is `NOCOBASE_`). */
export const NOCOBASE_TOKEN_KEY = 'NOCOBASE_TOKEN';
export const NOCOBASE_AUTHENTICATOR_KEY = 'NOCOBASE_AUTH';

export interface NocoBaseSession {
  token: string;
  authenticator: string;
}

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The parts of `window` a page needs to keep NocoBase's session. */
export interface SessionWindow {
  location: { pathname: string; search: string; hash: string };
  localStorage: StorageLike;
  history: Pick<History, 'replaceState' | 'state'>;
}

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

/**
 * Does for a page outside NocoBase's app what NocoBase's own client does on any route: takes `token` and
 * `authenticator` from the URL the sign-in landed on, stores them, and removes both from the address bar so that
 * the token does not end up in bookmarks, history or a shared link.
 */
export function storeNocoBaseSession(window: SessionWindow): NocoBaseSession | null {
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token');
  const authenticator = params.get('authenticator');
  if (!token || !authenticator) return null;
  const storage = storageOf(() => window.localStorage);
  try {
    storage?.setItem(NOCOBASE_TOKEN_KEY, token);
    storage?.setItem(NOCOBASE_AUTHENTICATOR_KEY, authenticator);
  } catch {
    // Full or forbidden storage: the session lives as long as the page does.
  }
  const { pathname, search, hash } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${withoutSessionParams(search)}${hash}`);
  return { token, authenticator };
}
