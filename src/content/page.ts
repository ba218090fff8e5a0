import type { ContentConfig, SignInStart } from '../extension/protocol';
import {
  appPathname,
  describeSignInFailure,
  type Fetch,
  fetchPublicAuthenticators,
  isSignInPage,
  type LoginPanel,
  type LoginPanelSdk,
  mountLoginPanelWith,
  ownSignInError,
  publicPathPrefix,
  readSignInError,
  type SilentSignInDecision,
  type SilentSignInWindow,
  type SupportedLocale,
  signInErrorMessage,
  startSignIn,
  startSilentSignIn,
  type WeComAuthenticator,
} from '../sdk-shim';
import { type AppRoot, findAppRoot } from './app-root';
import { createEntry, type EntryTexts, type EntryView } from './entry';
import { placeEntry } from './placement';

/**
 * The content script on one NocoBase page: the entry on the sign-in pages of both shells, the sign-in it starts
 * (a click or the popup), and the origin's auto-start. Every decision is the browser core's; this file reads the
 * page, keeps the entry in place and draws.
 */

/** The parts of `window` the page uses; a content script's `window` fits. */
export interface PageWindow extends SilentSignInWindow {
  document: Document;
  location: SilentSignInWindow['location'] & { href: string; assign(url: string): void };
  setTimeout(handler: () => void, ms: number): number;
}

export interface PageEnv {
  window: PageWindow;
  config: ContentConfig;
  texts: EntryTexts;
  /** The browser's UI language, which the entry's texts are in: errors and WeCom's page follow it. */
  locale: SupportedLocale;
  /** Loads WeCom's panel code on demand (`panel-loader.ts`). */
  loadPanelSdk: () => Promise<LoginPanelSdk>;
  fetch?: Fetch;
  now?: () => number;
  /** How long the entry waits for NocoBase's form before it floats over the page. @default WAIT_FOR_FORM_MS */
  waitForFormMs?: number;
}

export interface PageController {
  /** The page changed (its DOM or its URL): place, keep or remove the entry, and auto-start where configured. */
  update(): void;
  /** A click or the popup: `authenticator` empty lets the core choose, as for the configured origin. */
  signIn(authenticator: string): Promise<SignInStart>;
}

/** NocoBase renders its sign-in page after loading every plugin: seconds on a slow machine. */
export const WAIT_FOR_FORM_MS = 10_000;

/** `authenticators:publicList`, asked once; a failed answer is forgotten, so the next need asks again. */
function publicList(baseUrl: () => string, fetch: Fetch | undefined): () => Promise<WeComAuthenticator[]> {
  let list: Promise<WeComAuthenticator[]> | null = null;
  return () => {
    if (!list) {
      list = fetchPublicAuthenticators({ baseUrl: baseUrl(), fetch });
      list.catch(() => {
        list = null;
      });
    }
    return list;
  };
}

export function createPage(env: PageEnv): PageController {
  const { window: win, config, locale } = env;
  const doc = win.document;
  const now = env.now ?? Date.now;
  const waitForFormMs = env.waitForFormMs ?? WAIT_FOR_FORM_MS;

  let rootFor: { href: string; root: AppRoot } | null = null;
  const root = (): AppRoot => {
    if (rootFor?.href === win.location.href) return rootFor.root;
    const found = findAppRoot(doc, win.location);
    // One answer per address, as the fallback reads the path; none kept while NocoBase's config script may still
    // be on its way (the content script starts before the head is parsed).
    if (doc.readyState !== 'loading') rootFor = { href: win.location.href, root: found };
    return found;
  };
  const list = publicList(() => root().baseUrl, env.fetch);

  let view: EntryView | null = null;
  let panel: LoginPanel | null = null;
  let errorFor: string | null = null;
  let waitingSince: number | null = null;
  let waitTimer = false;
  let autoStartFor: string | null = null;
  let autoStarting: Promise<SilentSignInDecision> | null = null;
  let leaving = false;
  let signingIn: Promise<SignInStart> | null = null;

  const entryShown = (): boolean => view?.host.isConnected === true;

  const closePanel = (): void => {
    panel?.unmount();
    panel = null;
  };

  const removeEntry = (): void => {
    view?.closePanel();
    closePanel();
    view?.host.remove();
    errorFor = null;
    waitingSince = null;
  };

  const showCallbackError = async (shown: EntryView): Promise<void> => {
    const { search } = win.location;
    errorFor = search;
    shown.showError(null);
    // The public list is asked for only when there is an error to judge.
    if (!readSignInError(search)) return;
    const names = config.authenticator
      ? [config.authenticator]
      : await list().then(
          (found) => found.map(({ name }) => name),
          (): string[] => [],
        );
    const failure = ownSignInError(search, names);
    if (failure && win.location.search === search) shown.showError(signInErrorMessage(failure.code, locale));
  };

  const openPanel = (shown: EntryView, url: string): void => {
    closePanel();
    const el = shown.openPanel(closePanel);
    // `mountLoginPanelWith`, not `mountLoginPanel`: its default `import('@wecom/jssdk')` would be inlined into
    // this one-file content script, which every NocoBase page loads.
    panel = mountLoginPanelWith(env.loadPanelSdk, {
      el,
      url,
      onFallback: () => {
        shown.closePanel();
        win.location.assign(url);
      },
    });
  };

  const startByRequest = async (authenticator: string): Promise<SignInStart> => {
    const shown = entryShown() ? view : null;
    shown?.setBusy(true);
    shown?.showError(null);
    try {
      const { baseUrl, publicPath } = root();
      const start = await startSignIn({
        baseUrl,
        publicPath,
        authenticator: authenticator || null,
        authenticators: list,
        location: win.location,
        userAgent: win.navigator.userAgent,
        canShowPanel: entryShown,
        locale,
        fetch: env.fetch,
      });
      if (start.kind === 'panel' && view && entryShown()) openPanel(view, start.url);
      else win.location.assign(start.url);
      return { started: true };
    } catch (failure) {
      const { code, message = signInErrorMessage(code, locale) } = describeSignInFailure(failure);
      if (entryShown()) view?.showError(message);
      return { started: false, reason: 'REFUSED', message };
    } finally {
      shown?.setBusy(false);
    }
  };

  const signIn = (authenticator: string): Promise<SignInStart> => {
    // A double click, or the popup while a click is under way, asks once.
    signingIn ??= startByRequest(authenticator).finally(() => {
      signingIn = null;
    });
    return signingIn;
  };

  /** The core's silent sign-in, opted in by the person for this origin, with its one-attempt guard. */
  const autoStart = (): void => {
    const { baseUrl, publicPath } = root();
    autoStarting = startSilentSignIn({
      window: win,
      baseUrl,
      publicPath,
      authenticator: config.authenticator || null,
      optedIn: true,
      fetch: env.fetch,
      now,
    });
    autoStarting
      .then(
        (decision) => {
          leaving = decision.action === 'redirect';
        },
        () => undefined,
      )
      .finally(() => {
        autoStarting = null;
        update();
      });
  };

  const onSignInPage = (): boolean => {
    const path = appPathname(win.location.pathname, publicPathPrefix(root().publicPath));
    return path !== null && isSignInPage(path);
  };

  /** Whether the wait for NocoBase's form is over; while it is not, one timer asks again when it will be. */
  const waitedForForm = (): boolean => {
    waitingSince ??= now();
    const left = waitingSince + waitForFormMs - now();
    if (left > 0 && !waitTimer) {
      waitTimer = true;
      win.setTimeout(() => {
        waitTimer = false;
        update();
      }, left);
    }
    return left <= 0;
  };

  function update(): void {
    if (leaving) return;
    if (config.autoStart && autoStartFor !== win.location.href) {
      autoStartFor = win.location.href;
      autoStart();
    }
    // The entry waits for the decision, so that a page about to leave does not flash it.
    if (autoStarting) return;
    if (!onSignInPage()) {
      removeEntry();
      return;
    }
    if (!view) {
      view = createEntry(doc, env.texts);
      view.onSignIn(() => void signIn(config.authenticator));
    }
    const shown = view;
    const placement = placeEntry(doc, shown.host, { mayFloat: waitedForForm });
    if (placement === 'plugin-button') {
      removeEntry();
      return;
    }
    if (entryShown() && errorFor !== win.location.search) void showCallbackError(shown);
  }

  return { update, signIn };
}
