/**
 * `wecom-login.js`, all that a WeCom client loads to sign in silently: it reads the tag's settings, takes the
 * session a sign-in landed with, signs in silently in the WeCom client and defines `window.WeComLogin`. What a page
 * shows (the button, the embedded panel, errors) is the lazily loaded panel file's (`script-view.ts`).
 */
import { isWeComUserAgent } from '../shared/user-agent';
import { readSignInError, WeComSignInError } from './errors';
import { apiUrl } from './links';
import {
  type ScriptConfig,
  type ScriptPage,
  type ScriptPanel,
  type ScriptPanelModule,
  type ScriptWindow,
  SIGNED_IN_EVENT,
  type WeComLoginApi,
} from './script-types';
import {
  type NocoBaseSession,
  readNocoBaseSession,
  storageOf,
  storageSessionStore,
  takeSessionFromUrl,
} from './session';
import { type SilentSignInDecision, startSilentSignIn } from './silent';

export {
  ERROR_EVENT,
  type ScriptConfig,
  type ScriptRegisterOptions,
  type ScriptWindow,
  SIGNED_IN_EVENT,
  type WeComLoginApi,
} from './script-types';

/** The lazily loaded part, next to `wecom-login.js` when the files are served as they are built. */
export const PANEL_FILE = 'wecom-login-panel.js';

/** The `<script>` tag that loaded the bundle. */
export interface ScriptTag {
  src: string;
  nonce?: string;
  getAttribute(name: string): string | null;
}

export function readScriptConfig(script: ScriptTag | null, page: { origin: string; href: string }): ScriptConfig {
  const attr = (name: string): string | null => script?.getAttribute(`data-${name}`)?.trim() || null;
  let src: URL | null = null;
  try {
    src = script?.src ? new URL(script.src, page.href) : null;
  } catch {
    src = null;
  }
  // Served by the plugin at <base>/api/wecom:script: the base, and the panel beside it, follow from the address.
  const served = src ? /^(.*)\/api\/wecom:script\/?$/.exec(src.pathname) : null;
  const servedBase = src && served ? `${src.origin}${served[1] ?? ''}` : null;
  const baseUrl = (attr('base-url') ?? servedBase ?? src?.origin ?? page.origin).replace(/\/+$/, '');
  const derivedPanel = servedBase
    ? apiUrl(servedBase, 'wecom:scriptPanel')
    : src
      ? new URL(PANEL_FILE, src).href
      : apiUrl(baseUrl, 'wecom:scriptPanel');
  return {
    baseUrl,
    panelSrc: attr('panel-src') ?? derivedPanel,
    authenticator: attr('authenticator'),
    target: attr('target'),
    auto: attr('auto') !== 'false',
    publicPath: attr('public-path') ?? undefined,
    locale: attr('locale'),
  };
}

const localStorageOf = (win: ScriptWindow) => storageOf(() => win.localStorage);

/** Stores the session a sign-in landed with (`takeSessionFromUrl`), and tells the page. */
export function takeLandingSession(win: ScriptWindow): NocoBaseSession | null {
  const stored = takeSessionFromUrl(win, storageSessionStore(localStorageOf(win)));
  if (stored) win.document.dispatchEvent(new CustomEvent(SIGNED_IN_EVENT, { detail: stored }));
  return stored;
}

/** The silent sign-in, in the WeCom client unless `data-auto="false"`; null where it does not run. */
function startSilentPath(win: ScriptWindow, config: ScriptConfig): Promise<SilentSignInDecision | null> {
  if (!config.auto || !isWeComUserAgent(win.navigator.userAgent)) return Promise.resolve(null);
  return startSilentSignIn({
    window: win,
    fetch: (input, init) => win.fetch(input, init),
    baseUrl: config.baseUrl,
    publicPath: config.publicPath,
    authenticator: config.authenticator,
  });
}

/** Adds the panel file's tag, or takes the copy already on the page. */
function loadPanelFile(win: ScriptWindow, src: string, nonce: string | undefined): Promise<ScriptPanelModule> {
  return new Promise((resolve, reject) => {
    const loaded = (): boolean => {
      const module = win.WeComLoginPanel;
      // A panel file of the previous release, still in a cache, has no `start`.
      if (typeof module?.start !== 'function') return false;
      resolve(module);
      return true;
    };
    // A sign-in error: WeComLogin.signIn() rejects with one of the contract's codes only.
    const fail = (): void => reject(new WeComSignInError('SIGN_IN_FAILED', { message: `${src} did not load` }));
    if (loaded()) return;
    const doc = win.document;
    const tag = doc.createElement('script');
    tag.src = src;
    tag.async = true;
    // A page with a nonce-based CSP allowed our tag; the same nonce lets the panel file run too.
    if (nonce) tag.nonce = nonce;
    tag.onload = () => loaded() || fail();
    tag.onerror = fail;
    doc.head.append(tag);
  });
}

/** The page's side of the panel file, started once; a failed load is forgotten, so the next call tries again. */
function panelOnDemand(page: ScriptPage, nonce: string | undefined): () => Promise<ScriptPanel> {
  let panel: Promise<ScriptPanel> | null = null;
  return () => {
    if (!panel) {
      panel = loadPanelFile(page.window, page.config.panelSrc, nonce).then((module) => module.start(page));
      panel.catch(() => {
        panel = null;
      });
    }
    return panel;
  };
}

/**
 * Unless the page is leaving for a silent sign-in or has a session, the panel file shows the button in
 * `data-target` and the callback's error. It loads while the document is still parsed, and shows once it is.
 */
function showPanelWhenStaying(
  win: ScriptWindow,
  config: ScriptConfig,
  silentSignIn: Promise<SilentSignInDecision | null>,
  panel: () => Promise<ScriptPanel>,
): void {
  void silentSignIn
    .then(
      (decision) => decision?.action === 'redirect',
      () => false,
    )
    .then((leaving) => {
      if (leaving || readNocoBaseSession(localStorageOf(win))) return;
      // With neither a place to render nor an error to tell, the panel file would have nothing to do.
      if (!config.target && !readSignInError(win.location.search)) return;
      const started = panel();
      const doc = win.document;
      // Not caught: a panel file that does not load leaves the page without its button, and the console says why.
      const show = (): Promise<void> => started.then((view) => view.show());
      if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', show, { once: true });
      else void show();
    });
}

function publicApi(
  win: ScriptWindow,
  silentSignIn: Promise<SilentSignInDecision | null>,
  panel: () => Promise<ScriptPanel>,
): WeComLoginApi {
  return {
    signIn: () => panel().then((view) => view.signIn()),
    // Registration code lives in the panel file, which WeCom clients only load when a page asks for this.
    registerJsSdk: (options) => panel().then((view) => view.registerJsSdk(options)),
    get session(): NocoBaseSession | null {
      return readNocoBaseSession(localStorageOf(win));
    },
    silentSignIn,
  };
}

/**
 * Runs the script bundle on a page: stores a session that just came back in the URL, signs in silently in the
 * WeCom client, and otherwise has the panel file render the button (and the callback's error) into `data-target`.
 */
export function startScript(win: ScriptWindow, script: ScriptTag | null): WeComLoginApi {
  const config = readScriptConfig(script, win.location);
  // Before anything reads the session, the silent sign-in included.
  takeLandingSession(win);
  const silentSignIn = startSilentPath(win, config);
  const panel = panelOnDemand({ window: win, config }, script?.nonce);
  showPanelWhenStaying(win, config, silentSignIn, panel);
  const api = publicApi(win, silentSignIn, panel);
  win.WeComLogin = api;
  return api;
}
