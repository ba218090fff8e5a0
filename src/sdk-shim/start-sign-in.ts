import { isWeComUserAgent } from '../shared/user-agent';
import { type Fetch, fetchPublicAuthenticators, getAuthUrl } from './api';
import { chooseAuthenticator, type WeComAuthenticator } from './authenticators';
import { WeComSignInError } from './errors';
import type { PageLocation } from './links';
import { signInRedirect } from './sign-in-target';
import { canEmbedPanel } from './web-login';

/**
 * How to show a sign-in the user asked for: WeCom's embedded login panel at `url` (`mountLoginPanel`, which goes
 * to `url` itself when the panel cannot load), or a full-page redirect to `url`.
 */
export type SignInStart = { kind: 'panel'; url: string } | { kind: 'redirect'; url: string };

export interface StartSignInOptions {
  /** NocoBase's root, e.g. `https://nocobase.example.com` or `https://example.com/nocobase`. */
  baseUrl: string;
  /** The page's choice: the authenticator NocoBase rendered the button for, a `data-authenticator`. */
  authenticator?: string | null;
  /** The enabled WeCom authenticators, asked for only when the page names none. @default `authenticators:publicList` */
  authenticators?: () => Promise<readonly WeComAuthenticator[]>;
  /** The page the sign-in starts on, which decides where it lands. */
  location: PageLocation;
  /** NocoBase's APP_PUBLIC_PATH. @default the path of `baseUrl` */
  publicPath?: string;
  /** The browser's user agent: the WeCom client signs in by redirect, never in the panel. */
  userAgent: string;
  /**
   * Whether the caller has a place to show the panel in, asked once WeCom's URL is known: a page may have rendered
   * its place by then. @default always
   */
  canShowPanel?: () => boolean;
  /** Picks the language of WeCom's web-login page and of error messages. */
  locale?: string | null;
  fetch?: Fetch;
}

/**
 * Starts a sign-in the user asked for (a click, `signIn()`): chooses the authenticator, asks `wecom:getAuthUrl`
 * for WeCom's URL with this page's landing, and says whether to embed it or go there. The embedded panel only works
 * on WeCom's own login host (`canEmbedPanel`), outside the WeCom client, where the caller has room for it. Rejects
 * with a `WeComSignInError`; the caller only draws.
 */
export async function startSignIn(options: StartSignInOptions): Promise<SignInStart> {
  const { baseUrl, fetch } = options;
  const authenticator = await chooseAuthenticator({
    given: options.authenticator,
    list: options.authenticators ?? (() => fetchPublicAuthenticators({ baseUrl, fetch })),
    silent: false,
  });
  if (!authenticator) throw new WeComSignInError('AUTHENTICATOR_UNAVAILABLE');
  const url = await getAuthUrl({
    baseUrl,
    authenticator,
    redirect: signInRedirect(options.location, baseUrl, options.publicPath),
    fetch,
    locale: options.locale,
  });
  const embed = !isWeComUserAgent(options.userAgent) && canEmbedPanel(url) && (options.canShowPanel?.() ?? true);
  return { kind: embed ? 'panel' : 'redirect', url };
}
