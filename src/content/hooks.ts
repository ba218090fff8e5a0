import type { ContentConfig, SignInStart } from '../extension/protocol';
import type { PageController } from './page';

/**
 * Where the content script's messages meet the page: `onReady` once the origin's configuration is known,
 * `signIn` for the popup's "Sign in with WeCom". Each hook receives what it needs and returns what the popup shows.
 */
export interface ContentHooks {
  /** The page loaded on a configured origin; `config.autoStart` says whether to sign in without being asked. */
  onReady(config: ContentConfig): void | Promise<void>;
  /** The popup's "Sign in with WeCom". */
  signIn(request: { authenticator: string }): Promise<SignInStart>;
}

export interface PageHooks extends ContentHooks {
  /** The configuration could not be read: a sign-in asked for meanwhile must not wait for ever. */
  onConfigFailed(error: unknown): void;
}

/**
 * The hooks over one page: `start` builds the page once the configuration is there and starts watching it; a
 * sign-in asked for before then waits for it, the same sign-in as a click on the entry.
 */
export function pageHooks(start: (config: ContentConfig) => PageController): PageHooks {
  let resolve: (page: PageController) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const page = new Promise<PageController>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  // A rejection nobody asked for is not worth a console error: `onConfigFailed`'s caller logs it.
  page.catch(() => undefined);
  return {
    onReady(config) {
      resolve(start(config));
    },
    async signIn({ authenticator }) {
      return (await page).signIn(authenticator);
    },
    onConfigFailed: reject,
  };
}
