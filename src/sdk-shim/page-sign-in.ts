import type { Fetch } from './api';
import { appRootUrl, type NocoBaseRuntimeConfig } from './app-root';
import {
  type LandingWindow,
  type NocoBaseStorageConfig,
  nocobaseSessionPlace,
  readNocoBaseSession,
  type SessionStore,
  storageOf,
  storageSessionStore,
  takeSessionFromUrl,
} from './session';
import { type SilentSignInDecision, type SilentSignInWindow, startSilentSignIn } from './silent';

/**
 * How long a page that is leaving for WeCom keeps NocoBase from rendering. The document stays until the last hop of
 * the sign-in answers, and that hop may wait for WeCom (8 s per call, a busy answer retried twice); only a
 * navigation that never happened (stopped, or answered with no page) outlasts this, and NocoBase then goes on.
 */
export const LEAVING_HOLD_MS = 30_000;

/** The parts of a NocoBase page's `window` the plugin's client reads before the app is at hand; `window` fits. */
export type NocoBasePageWindow = SilentSignInWindow &
  LandingWindow &
  NocoBaseRuntimeConfig &
  NocoBaseStorageConfig & {
    fetch: Fetch;
    setTimeout(handler: () => void, ms: number): unknown;
  };

export interface PageSignIn {
  decision: Promise<SilentSignInDecision>;
  /**
   * For the plugin's first hook that has the app: gives NocoBase's API client the session the page landed with (it
   * is in NocoBase's storage already; through the client, its websocket hears of it too), and settles when NocoBase
   * may go on loading: at once when the page stays, not while it leaves for WeCom, so NocoBase never renders (and
   * its router never sends the page to the sign-in page) on the way.
   */
  handOver(auth: SessionStore): Promise<void>;
}

/**
 * The sign-in part of a NocoBase page, for the plugin's client module to call as NocoBase evaluates it (both
 * shells), which is before any plugin's `load` and before NocoBase renders: takes the landing's session into
 * NocoBase's own storage, then starts the silent sign-in, knowing only what the page's runtime config says (the
 * API base, where the session is kept) and the public list of authenticators.
 */
export function startPageSignIn(win: NocoBasePageWindow, holdMs = LEAVING_HOLD_MS): PageSignIn {
  const { area, keys } = nocobaseSessionPlace(win);
  const storage = area === 'memory' ? null : storageOf(() => win[area]);
  // First: NocoBase's client reads its session from here on, and a landing means there is nothing to decide.
  const landed = takeSessionFromUrl(win, storageSessionStore(storage, keys));
  const decision = startSilentSignIn({
    window: win,
    fetch: (input, init) => win.fetch(input, init),
    baseUrl: appRootUrl(win),
    hasSession: () => landed !== null || readNocoBaseSession(storage, keys) !== null,
  });
  const mayLoad = decision.then(
    ({ action }) =>
      action === 'redirect' ? new Promise<void>((resolve) => void win.setTimeout(resolve, holdMs)) : undefined,
    () => undefined,
  );
  return {
    decision,
    async handOver(auth) {
      if (landed) {
        auth.setAuthenticator(landed.authenticator);
        auth.setToken(landed.token);
      }
      await mayLoad;
    },
  };
}
