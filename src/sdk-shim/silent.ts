import { isWeComUserAgent } from '../shared/user-agent';
import { type Fetch, fetchPublicAuthenticators } from './api';
import { chooseAuthenticator, type WeComAuthenticator } from './authenticators';
import { authorizeLink, type PageLocation } from './links';
import { readNocoBaseSession, type StorageLike, storageOf } from './session';
import {
  appPathname,
  isOnPageOrigin,
  isOtherAuthPage,
  isSignInPage,
  publicPathOf,
  publicPathPrefix,
  signInTarget,
} from './sign-in-target';

/** How long one automatic attempt blocks the next for the same page (wecom-protocol.md §9, complaint 9). */
export const SILENT_RETRY_AFTER_MS = 60_000;
/** sessionStorage key of the last automatic attempt: per tab, so a fresh WeCom webview starts clean. */
export const LAST_ATTEMPT_KEY = 'wecom-login:last-attempt';

export interface SilentSignInAttempt {
  /** Epoch milliseconds. */
  at: number;
  /** The pathname the attempt was to return to, without APP_PUBLIC_PATH. */
  path: string;
}

export type SilentSignInStayReason =
  /** Not the WeCom client: in-client OAuth only works there. */
  | 'not-wecom'
  /** NocoBase already has a token. */
  | 'session'
  /** A sign-in just came back; NocoBase's client is about to store the token. */
  | 'token-in-url'
  /** A sign-in just failed; the sign-in page shows why, and trying again would loop. */
  | 'sign-in-error'
  /** NocoBase is on another origin, so this page cannot be returned to. */
  | 'other-origin'
  /** The page is not under APP_PUBLIC_PATH. */
  | 'outside-app'
  /** Sign-up or password pages: the user came to do something else. */
  | 'auth-page'
  /** Opted in, on a page other than the sign-in page, which may be public; NocoBase sends the others there. */
  | 'not-sign-in-page'
  /** The page is not a client route a sign-in may land on (see `src/shared/landing.ts`). */
  | 'not-a-landing'
  /** An automatic attempt for this page started moments ago and did not end signed in. */
  | 'recent-attempt'
  /** No WeCom authenticator signs in automatically. */
  | 'no-authenticator'
  /** The attempt could not be recorded, so nothing would stop a second one. */
  | 'storage-unavailable';

export type SilentSignInDecision =
  | { action: 'redirect'; url: string; target: string }
  | { action: 'stay'; reason: SilentSignInStayReason };

/**
 * Whichever authenticator signs in automatically, as the server knows it (`wecom:authorize` without a name): the
 * page leaves for WeCom without first asking the public list.
 */
export const AUTOMATIC_LOGIN = Symbol('the automatic-login authenticator');

export interface SilentSignInInput {
  userAgent: string;
  location: PageLocation;
  hasSession: boolean;
  /** The authenticator to sign in with (the automatic-login one), or null. */
  authenticator: WeComAuthenticator | string | typeof AUTOMATIC_LOGIN | null;
  lastAttempt: SilentSignInAttempt | null;
  now: number;
  /** NocoBase's APP_PUBLIC_PATH. @default the path of `baseUrl`, or '/' */
  publicPath?: string;
  /** NocoBase's root. @default location.origin + publicPath */
  baseUrl?: string;
  /** @default SILENT_RETRY_AFTER_MS */
  retryAfterMs?: number;
  /**
   * The person turned automatic sign-in on for this site themselves (the browser extension's auto-start), rather
   * than it being the authenticator's automatic login, which only applies in the WeCom client. Any browser then
   * signs in (on desktop through WeCom's web login), and only from NocoBase's sign-in page: a page that needs a
   * session is sent there, any other may be public. @default false
   */
  optedIn?: boolean;
}

/** What makes two attempts "the same page": the app pathname, so `/admin` and `/nocobase/admin` match. */
function attemptPath(target: string, prefix: string): string {
  const pathname = new URL(target, 'http://same-origin.invalid').pathname;
  return (appPathname(pathname, prefix) ?? pathname).replace(/(.)\/+$/, '$1');
}

function authenticatorName(
  authenticator: WeComAuthenticator | string | typeof AUTOMATIC_LOGIN | null,
): string | typeof AUTOMATIC_LOGIN | null {
  if (authenticator === AUTOMATIC_LOGIN) return AUTOMATIC_LOGIN;
  return typeof authenticator === 'string' ? authenticator || null : (authenticator?.name ?? null);
}

/**
 * Whether to sign in silently now, and where to send the browser. Pure: the caller reads the page and storage,
 * and records the attempt before it navigates. Each rule is one reason to stay, checked in this order.
 */
export function decideSilentSignIn(input: SilentSignInInput): SilentSignInDecision {
  const { location } = input;
  const stay = (reason: SilentSignInStayReason): SilentSignInDecision => ({ action: 'stay', reason });
  if (!input.optedIn && !isWeComUserAgent(input.userAgent)) return stay('not-wecom');
  if (input.hasSession) return stay('session');
  const params = new URLSearchParams(location.search);
  if (params.has('token')) return stay('token-in-url');
  if (params.has('error')) return stay('sign-in-error');
  const publicPath = input.publicPath ?? publicPathOf(input.baseUrl, location.origin);
  const prefix = publicPathPrefix(publicPath);
  const baseUrl = input.baseUrl ?? `${location.origin}${prefix}`;
  if (!isOnPageOrigin(baseUrl, location)) return stay('other-origin');
  const appPath = appPathname(location.pathname, prefix);
  if (appPath === null) return stay('outside-app');
  if (input.optedIn && !isSignInPage(appPath)) return stay(isOtherAuthPage(appPath) ? 'auth-page' : 'not-sign-in-page');
  const target = signInTarget(location, publicPath);
  if (target === null) return stay(isOtherAuthPage(appPath) ? 'auth-page' : 'not-a-landing');
  const last = input.lastAttempt;
  const retryAfterMs = input.retryAfterMs ?? SILENT_RETRY_AFTER_MS;
  // A clock that went backwards also counts as recent: better one manual click than a loop.
  if (last && last.path === attemptPath(target, prefix) && input.now - last.at < retryAfterMs) {
    return stay('recent-attempt');
  }
  const name = authenticatorName(input.authenticator);
  if (!name) return stay('no-authenticator');
  const url = authorizeLink(baseUrl, name === AUTOMATIC_LOGIN ? null : name, target);
  return { action: 'redirect', url, target };
}

export function readLastAttempt(storage: StorageLike | null): SilentSignInAttempt | null {
  try {
    const saved: unknown = JSON.parse(storage?.getItem(LAST_ATTEMPT_KEY) ?? 'null');
    if (typeof saved !== 'object' || saved === null) return null;
    const { at, path } = saved as Record<string, unknown>;
    return typeof at === 'number' && typeof path === 'string' ? { at, path } : null;
  } catch {
    return null;
  }
}

/** The parts of `window` the silent sign-in reads; `window` itself fits. */
export interface SilentSignInWindow {
  location: PageLocation & { replace(url: string): void };
  navigator: { userAgent: string };
  localStorage: StorageLike;
  sessionStorage: StorageLike;
}

export interface SilentSignInEnv {
  window: SilentSignInWindow;
  /** Only used to read `authenticators:publicList` when opted in without an authenticator given. */
  fetch?: Fetch;
  /** NocoBase's root. @default window.location.origin + publicPath */
  baseUrl?: string;
  /** NocoBase's APP_PUBLIC_PATH. @default the path of `baseUrl`, or '/' */
  publicPath?: string;
  /**
   * Whether NocoBase has a session on this page, for a page that knows where its NocoBase keeps it.
   * @default a token under NocoBase's default key in localStorage
   */
  hasSession?: () => boolean;
  /** Sign in with this authenticator, whatever its automatic-login setting: the page asked for it. */
  authenticator?: string | null;
  /**
   * The public list, when already at hand; its automatic-login authenticator is used. Without it (and not opted in),
   * the server picks that authenticator as the page leaves (`AUTOMATIC_LOGIN`).
   */
  authenticators?: readonly WeComAuthenticator[];
  now?: () => number;
  retryAfterMs?: number;
  /**
   * See `SilentSignInInput.optedIn`. Without a named authenticator, the one with automatic login is used, else the
   * first WeCom one, as for a click: the person asked.
   */
  optedIn?: boolean;
}

/**
 * The silent sign-in in the WeCom client (or, `optedIn`, in any browser): decides, records the attempt in
 * sessionStorage, then replaces the page with the plugin's homepage link, which the server answers with a 302 to
 * WeCom. Replacing keeps the signed-out page out of the history, so "back" does not start another attempt. Loads
 * no JS-SDK.
 */
export async function startSilentSignIn(env: SilentSignInEnv): Promise<SilentSignInDecision> {
  const { window } = env;
  const sessionStorage = storageOf(() => window.sessionStorage);
  const publicPath = env.publicPath ?? publicPathOf(env.baseUrl, window.location.origin);
  const baseUrl = env.baseUrl ?? `${window.location.origin}${publicPathPrefix(publicPath)}`;
  const hasSession = env.hasSession ?? (() => readNocoBaseSession(storageOf(() => window.localStorage)) !== null);
  const decide = (authenticator: SilentSignInInput['authenticator']): SilentSignInDecision =>
    decideSilentSignIn({
      userAgent: window.navigator.userAgent,
      location: window.location,
      hasSession: hasSession(),
      authenticator,
      lastAttempt: readLastAttempt(sessionStorage),
      now: env.now?.() ?? Date.now(),
      publicPath,
      baseUrl,
      retryAfterMs: env.retryAfterMs,
      optedIn: env.optedIn,
    });

  const { authenticators } = env;
  // In the WeCom client the server knows the automatic-login authenticator: asking for the list first would only
  // keep the page waiting, on the main thread NocoBase is busy with.
  const unnamed = env.optedIn || authenticators ? null : AUTOMATIC_LOGIN;
  let decision = decide(env.authenticator || unnamed);
  // Every other reason to stay is known before the authenticator is chosen, which may ask the server.
  if (decision.action === 'stay' && decision.reason === 'no-authenticator') {
    try {
      const chosen = await chooseAuthenticator({
        given: env.authenticator ?? null,
        list: () => authenticators ?? fetchPublicAuthenticators({ baseUrl, fetch: env.fetch }),
        silent: !env.optedIn,
      });
      decision = decide(chosen);
    } catch {
      return decision;
    }
  }
  if (decision.action !== 'redirect') return decision;

  const attempt: SilentSignInAttempt = {
    at: env.now?.() ?? Date.now(),
    path: attemptPath(decision.target, publicPathPrefix(publicPath)),
  };
  try {
    if (!sessionStorage) throw new Error('no sessionStorage');
    sessionStorage.setItem(LAST_ATTEMPT_KEY, JSON.stringify(attempt));
  } catch {
    return { action: 'stay', reason: 'storage-unavailable' };
  }
  window.location.replace(decision.url);
  return decision;
}
