/**
 * What the script bundle's two files agree on: `wecom-login.js` reads the page and its settings, and hands them to
 * `wecom-login-panel.js` once it has loaded. Types only, apart from the events' names, so that neither file carries
 * the other's code.
 */
import type { Fetch } from './api';
import type { JsSdkRegistration, RegisterJsSdkOptions, RegisterSdk } from './js-sdk';
import type { LoginPanel, LoginPanelOptions } from './panel';
import type { LandingWindow, NocoBaseSession } from './session';
import type { SilentSignInDecision, SilentSignInWindow } from './silent';

/** Dispatched on `document` once a sign-in's token was taken from the URL and stored; `detail` is the session. */
export const SIGNED_IN_EVENT = 'wecom-login:signed-in';
/** Dispatched on `document` when a sign-in failed; `detail` is `{ code, message }`. */
export const ERROR_EVENT = 'wecom-login:error';

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

/** The page as the main file read it, for the panel file. */
export interface ScriptPage {
  window: ScriptWindow;
  config: ScriptConfig;
}

/** The panel file's side of one page: everything the page shows, and the sign-ins started from it. */
export interface ScriptPanel {
  /** Renders the button into `data-target`, and the callback's error when it is a WeCom authenticator's. */
  show(): void;
  /** `WeComLogin.signIn()`. */
  signIn(): Promise<void>;
  /** `WeComLogin.registerJsSdk()`. */
  registerJsSdk(options: ScriptRegisterOptions): Promise<JsSdkRegistration>;
}

/** What `wecom-login-panel.js` puts on `window.WeComLoginPanel`. */
export interface ScriptPanelModule {
  /** Takes over the page's button, panel and errors; the main file calls it once per page. */
  start(page: ScriptPage): ScriptPanel;
  /*
   * The members below are what a main file of the previous release calls: both files are cached for a few minutes
   * and fetched on their own, so an upgrade can pair an old main file with a new panel file.
   */
  mountLoginPanel(options: Omit<LoginPanelOptions, 'loadSdk'>): LoginPanel;
  /** With `sdk`, the page's own `ww` is registered; else the panel file's copy of @wecom/jssdk. */
  registerJsSdk(options: Omit<RegisterJsSdkOptions, 'loadSdk'> & { sdk?: RegisterSdk }): Promise<JsSdkRegistration>;
  signInErrorMessage(code: string, locale?: string | null): string;
}
