import { isWeComUserAgent } from '../shared/user-agent';
import { type Fetch, fetchPublicAuthenticators, getAuthUrl } from './api';
import { autoLoginAuthenticator, type WeComAuthenticator } from './authenticators';
import { readSignInError, WeComSignInError } from './errors';
import type { JsSdkRegistration, RegisterSdk } from './js-sdk';
import { apiUrl } from './links';
import { signInButtonLabel } from './messages';
import type { LoginPanel } from './panel';
import type { ScriptPanelModule } from './script-types';
import {
  type LandingWindow,
  type NocoBaseSession,
  readNocoBaseSession,
  storageOf,
  storageSessionStore,
  takeSessionFromUrl,
} from './session';
import {
  publicPathOf,
  type SilentSignInDecision,
  type SilentSignInWindow,
  signInTarget,
  startSilentSignIn,
} from './silent';
import { canEmbedPanel } from './web-login';

/** Dispatched on `document` once a sign-in's token was taken from the URL and stored; `detail` is the session. */
export const SIGNED_IN_EVENT = 'wecom-login:signed-in';
/** Dispatched on `document` when a sign-in failed; `detail` is `{ code, message }`. */
export const ERROR_EVENT = 'wecom-login:error';
/** The lazily loaded part, next to `wecom-login.js` when the files are served as they are built. */
export const PANEL_FILE = 'wecom-login-panel.js';

/** The `<script>` tag that loaded the bundle. */
export interface ScriptTag {
  src: string;
  nonce?: string;
  getAttribute(name: string): string | null;
}

/** The script tag's `data-*` settings, with their defaults filled in. */
export interface ScriptConfig {
  /** NocoBase's root (origin and APP_PUBLIC_PATH). `data-base-url`, else where the script came from. */
  baseUrl: string;
  /** `data-panel-src`, else `<base>/api/wecom:scriptPanel` or `wecom-login-panel.js` next to the script. */
  panelSrc: string;
  /** `data-authenticator`, else the automatic-login one (silent) or the first WeCom one (button). */
  authenticator: string | null;
  /** `data-target`: a CSS selector of the element that gets the button, the panel and errors. */
  target: string | null;
  /** `data-auto`: sign in silently in the WeCom client. @default true */
  auto: boolean;
  /** `data-public-path`, else the path of `baseUrl`. */
  publicPath: string | undefined;
  /** `data-locale`, else NocoBase's stored locale, `<html lang>`, the browser's language. */
  locale: string | null;
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

export interface ScriptRegisterOptions {
  jsApiList: string[];
  /** The page's own `ww` (from WeCom's `wecom.global.prod.js`), so that the page's calls use the registered one. */
  ww?: RegisterSdk;
  /** @default location.href */
  url?: string;
}

/** `window.WeComLogin`. */
export interface WeComLoginApi {
  /** Starts a sign-in: the embedded panel in `data-target` on desktop when possible, else a full-page redirect. */
  signIn(): Promise<void>;
  /** `ww.register` with the plugin's signatures; with no `ww` given or on `window`, the panel file's copy. */
  registerJsSdk(options: ScriptRegisterOptions): Promise<JsSdkRegistration>;
  /** NocoBase's session in this browser, read on each access. */
  readonly session: NocoBaseSession | null;
  /** The silent sign-in's decision; null when it did not run (outside WeCom, or `data-auto="false"`). */
  readonly silentSignIn: Promise<SilentSignInDecision | null>;
}

/** The parts of `window` the script uses; `window` itself fits. */
export type ScriptWindow = SilentSignInWindow &
  LandingWindow & {
    location: { href: string; assign(url: string): void };
    navigator: { language?: string };
    document: Document;
    fetch: Fetch;
    ww?: unknown;
    WeComLogin?: WeComLoginApi;
    WeComLoginPanel?: ScriptPanelModule;
  };

interface View {
  error: HTMLElement;
  button: HTMLButtonElement;
  panel: HTMLElement;
}

function asRegisterSdk(value: unknown): RegisterSdk | null {
  const candidate = value as { register?: unknown } | null | undefined;
  return typeof candidate?.register === 'function' ? (value as RegisterSdk) : null;
}

/**
 * Runs the script bundle on a page: stores a session that just came back in the URL, signs in silently in the
 * WeCom client, and elsewhere renders the button (and the callback's error) into `data-target`.
 */
export function startScript(win: ScriptWindow, script: ScriptTag | null): WeComLoginApi {
  const config = readScriptConfig(script, win.location);
  const doc = win.document;
  const fetch: Fetch = (input, init) => win.fetch(input, init);
  const localStorage = storageOf(() => win.localStorage);
  const locale =
    config.locale ||
    localStorage?.getItem('NOCOBASE_LOCALE') ||
    doc.documentElement.lang ||
    win.navigator.language ||
    null;
  const publicPath = config.publicPath ?? publicPathOf(config.baseUrl, win.location.origin);
  const inWeCom = isWeComUserAgent(win.navigator.userAgent);

  const stored = takeSessionFromUrl(win, storageSessionStore(localStorage));
  if (stored) doc.dispatchEvent(new CustomEvent(SIGNED_IN_EVENT, { detail: stored }));

  let authenticators: Promise<WeComAuthenticator[]> | null = null;
  const listAuthenticators = (): Promise<WeComAuthenticator[]> => {
    authenticators ??= fetchPublicAuthenticators({ baseUrl: config.baseUrl, fetch });
    authenticators.catch(() => {
      authenticators = null;
    });
    return authenticators;
  };
  const authenticatorName = async (): Promise<string> => {
    if (config.authenticator) return config.authenticator;
    const list = await listAuthenticators();
    const chosen = autoLoginAuthenticator(list) ?? list[0];
    if (!chosen) throw new WeComSignInError('AUTHENTICATOR_UNAVAILABLE');
    return chosen.name;
  };

  let panelModule: Promise<ScriptPanelModule> | null = null;
  const loadPanel = (): Promise<ScriptPanelModule> => {
    panelModule ??= new Promise<ScriptPanelModule>((resolve, reject) => {
      if (win.WeComLoginPanel) return resolve(win.WeComLoginPanel);
      const tag = doc.createElement('script');
      tag.src = config.panelSrc;
      tag.async = true;
      // A page with a nonce-based CSP allowed our tag; the same nonce lets the panel file run too.
      if (script?.nonce) tag.nonce = script.nonce;
      tag.onload = () =>
        win.WeComLoginPanel ? resolve(win.WeComLoginPanel) : reject(new Error(`${config.panelSrc} did not load`));
      tag.onerror = () => reject(new Error(`${config.panelSrc} did not load`));
      doc.head.append(tag);
    });
    panelModule.catch(() => {
      panelModule = null;
    });
    return panelModule;
  };

  let view: View | null = null;
  let panel: LoginPanel | null = null;
  /** Shows `message`, or the translation of `code`, which lives in the panel file to keep this one small. */
  const showError = async (code: string, message?: string): Promise<void> => {
    const text =
      message ??
      (await loadPanel().then(
        (module) => module.signInErrorMessage(code, locale),
        () => code,
      ));
    if (view) {
      view.error.textContent = text;
      view.error.hidden = false;
    }
    doc.dispatchEvent(new CustomEvent(ERROR_EVENT, { detail: { code, message: text } }));
  };

  const signIn = async (): Promise<void> => {
    const authenticator = await authenticatorName();
    // A page on another origin cannot be returned to: the server's landing page it is.
    const sameOrigin = new URL(config.baseUrl, win.location.href).origin === win.location.origin;
    const redirect = (sameOrigin && signInTarget(win.location, publicPath)) || undefined;
    const url = await getAuthUrl({ baseUrl: config.baseUrl, authenticator, redirect, fetch, locale });
    if (!inWeCom && view && canEmbedPanel(url)) {
      const target = view.panel;
      const module = await loadPanel().catch(() => null);
      if (module) {
        panel?.unmount();
        target.hidden = false;
        panel = module.mountLoginPanel({ el: target, url, onFallback: () => win.location.assign(url) });
        return;
      }
    }
    win.location.assign(url);
  };

  const render = (): void => {
    const host = config.target ? doc.querySelector(config.target) : null;
    if (!host) return;
    const element = <K extends keyof HTMLElementTagNameMap>(tag: K, part: string): HTMLElementTagNameMap[K] => {
      const node = doc.createElement(tag);
      node.className = `wecom-login__${part}`;
      return node;
    };
    const error = element('p', 'error');
    error.setAttribute('role', 'alert');
    error.hidden = true;
    const button = element('button', 'button');
    button.type = 'button';
    button.textContent = signInButtonLabel(locale);
    const panelHost = element('div', 'panel');
    panelHost.hidden = true;
    const root = doc.createElement('div');
    root.className = 'wecom-login';
    root.append(error, button, panelHost);
    // Not replaceChildren: older WeCom webviews lack it.
    host.textContent = '';
    host.append(root);
    view = { error, button, panel: panelHost };
    button.addEventListener('click', () => {
      button.disabled = true;
      error.hidden = true;
      signIn()
        .catch((failure: unknown) => {
          const code = failure instanceof WeComSignInError ? failure.code : 'SIGN_IN_FAILED';
          // The server's message is translated already and may name specifics, such as the IP to trust.
          const answered = failure instanceof WeComSignInError && failure.status !== null;
          return showError(code, answered ? failure.message : undefined);
        })
        .finally(() => {
          button.disabled = false;
        });
    });
  };

  const showCallbackError = async (): Promise<void> => {
    const failure = readSignInError(win.location.search);
    if (!failure) return;
    // Other sign-in plugins use `error=` too; only a WeCom authenticator's failure is ours to explain.
    const ours =
      !failure.authenticator ||
      failure.authenticator === config.authenticator ||
      (!config.authenticator &&
        (await listAuthenticators().catch(() => [])).some(({ name }) => name === failure.authenticator));
    if (ours) await showError(failure.code);
  };

  const silentSignIn: Promise<SilentSignInDecision | null> =
    inWeCom && config.auto
      ? startSilentSignIn({
          window: win,
          fetch,
          baseUrl: config.baseUrl,
          publicPath,
          authenticator: config.authenticator,
        })
      : Promise.resolve(null);

  void silentSignIn
    .then(
      (decision) => decision?.action === 'redirect',
      () => false,
    )
    .then((leaving) => {
      if (leaving || readNocoBaseSession(localStorage)) return;
      const show = (): void => {
        render();
        void showCallbackError();
      };
      if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', show, { once: true });
      else show();
    });

  const api: WeComLoginApi = {
    signIn,
    async registerJsSdk({ jsApiList, ww, url }: ScriptRegisterOptions): Promise<JsSdkRegistration> {
      const options = {
        baseUrl: config.baseUrl,
        authenticator: await authenticatorName(),
        jsApiList,
        fetch,
        url: url ?? win.location.href,
      };
      // Registration code lives in the panel file, which WeCom clients only load when a page asks for this.
      return (await loadPanel()).registerJsSdk({ ...options, sdk: ww ?? asRegisterSdk(win.ww) ?? undefined });
    },
    get session(): NocoBaseSession | null {
      return readNocoBaseSession(storageOf(() => win.localStorage));
    },
    silentSignIn,
  };
  win.WeComLogin = api;
  return api;
}
