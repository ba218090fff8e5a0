/**
 * What `wecom-login-panel.js` does on the page the main file hands it: the button in `data-target`, a sign-in
 * through WeCom's embedded panel or a redirect, and the callback's error and other errors, translated. The
 * decisions are the browser core's; this file reads the page and draws.
 */
import { type Fetch, fetchPublicAuthenticators } from './api';
import { chooseAuthenticator, type WeComAuthenticator } from './authenticators';
import { describeSignInFailure, ownSignInError, readSignInError, WeComSignInError } from './errors';
import type { RegisterSdk } from './js-sdk';
import { signInButtonLabel } from './messages';
import type { LoginPanel } from './panel';
import {
  ERROR_EVENT,
  type ScriptConfig,
  type ScriptPage,
  type ScriptPanel,
  type ScriptPanelModule,
  type ScriptRegisterOptions,
  type ScriptWindow,
} from './script-types';
import { storageOf } from './session';
import { startSignIn } from './start-sign-in';
import { createWeComMark, WECOM_BLUE } from './wecom-mark';

/** The panel file's own functions: the JS-SDK's panel and registration, and the translations. */
export type PanelParts = Pick<ScriptPanelModule, 'mountLoginPanel' | 'registerJsSdk' | 'signInErrorMessage'>;

interface View {
  error: HTMLElement;
  button: HTMLButtonElement;
  panel: HTMLElement;
}

/** `data-locale`, else NocoBase's stored locale, `<html lang>`, the browser's language. */
function pageLocale(win: ScriptWindow, config: ScriptConfig): string | null {
  return (
    config.locale ||
    storageOf(() => win.localStorage)?.getItem('NOCOBASE_LOCALE') ||
    win.document.documentElement.lang ||
    win.navigator.language ||
    null
  );
}

/** `authenticators:publicList`, asked once; a failed answer is forgotten, so that the next click asks again. */
function authenticatorList(baseUrl: string, fetch: Fetch): () => Promise<WeComAuthenticator[]> {
  let list: Promise<WeComAuthenticator[]> | null = null;
  return () => {
    if (!list) {
      list = fetchPublicAuthenticators({ baseUrl, fetch });
      list.catch(() => {
        list = null;
      });
    }
    return list;
  };
}

/** The WeCom authenticators the page signs in with: the tag's, else every one of the public list. */
async function pageAuthenticators(given: string | null, list: () => Promise<WeComAuthenticator[]>): Promise<string[]> {
  if (given) return [given];
  return (await list().catch((): WeComAuthenticator[] => [])).map(({ name }) => name);
}

/** The error line, the button (WeCom's mark and the label) and the panel's place, in `host` instead of what it held. */
function renderView(doc: Document, host: Element, label: string): View {
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
  const text = element('span', 'label');
  text.textContent = label;
  // In WeCom's blue: what people look for. The label alone names the button.
  const mark = createWeComMark(doc, { className: 'wecom-login__mark', color: WECOM_BLUE });
  // Beside the label on a page that styles nothing. Set through CSSOM, which a Content-Security-Policy allows
  // where it refuses style attributes; being inline, a page's rule needs `!important` to change them.
  mark.style.verticalAlign = '-0.125em';
  // Not margin-inline-end: Chrome 66, in older WeCom webviews, lacks it.
  mark.style.marginRight = '0.5em';
  button.append(mark, text);
  const panel = element('div', 'panel');
  panel.hidden = true;
  const root = doc.createElement('div');
  root.className = 'wecom-login';
  root.append(error, button, panel);
  // Not replaceChildren: older WeCom webviews lack it.
  host.textContent = '';
  host.append(root);
  return { error, button, panel };
}

/** A click signs in; the button stays disabled meanwhile, so a double click asks once. */
function onClick(view: View, signIn: () => Promise<void>, refused: (failure: unknown) => void): void {
  view.button.addEventListener('click', () => {
    view.button.disabled = true;
    view.error.hidden = true;
    signIn()
      .catch(refused)
      .finally(() => {
        view.button.disabled = false;
      });
  });
}

function asRegisterSdk(value: unknown): RegisterSdk | null {
  const candidate = value as { register?: unknown } | null | undefined;
  return typeof candidate?.register === 'function' ? (value as RegisterSdk) : null;
}

/** The panel file's side of `page`: see `ScriptPanel`. */
export function startPanel(page: ScriptPage, parts: PanelParts): ScriptPanel {
  const { window: win, config } = page;
  const doc = win.document;
  const fetch: Fetch = (input, init) => win.fetch(input, init);
  const locale = pageLocale(win, config);
  const list = authenticatorList(config.baseUrl, fetch);
  let view: View | null = null;
  let mounted: LoginPanel | null = null;

  const showError = (code: string, message = parts.signInErrorMessage(code, locale)): void => {
    if (view) {
      view.error.textContent = message;
      view.error.hidden = false;
    }
    doc.dispatchEvent(new CustomEvent(ERROR_EVENT, { detail: { code, message } }));
  };

  const embed = (host: HTMLElement, url: string): void => {
    mounted?.unmount();
    host.hidden = false;
    mounted = parts.mountLoginPanel({ el: host, url });
  };

  const signIn = async (): Promise<void> => {
    const start = await startSignIn({
      baseUrl: config.baseUrl,
      authenticator: config.authenticator,
      authenticators: list,
      location: win.location,
      publicPath: config.publicPath,
      userAgent: win.navigator.userAgent,
      canShowPanel: () => view !== null,
      locale,
      fetch,
    });
    if (start.kind === 'panel' && view) embed(view.panel, start.url);
    else win.location.assign(start.url);
  };

  const showCallbackError = async (): Promise<void> => {
    // The public list is asked for only when there is an error to judge.
    if (!readSignInError(win.location.search)) return;
    const failure = ownSignInError(win.location.search, await pageAuthenticators(config.authenticator, list));
    if (failure) showError(failure.code);
  };

  return {
    show(): void {
      const host = config.target ? doc.querySelector(config.target) : null;
      if (host) {
        view = renderView(doc, host, signInButtonLabel(locale));
        onClick(view, signIn, (failure) => {
          const { code, message } = describeSignInFailure(failure);
          showError(code, message);
        });
      }
      void showCallbackError();
    },
    signIn,
    async registerJsSdk({ jsApiList, ww, url }: ScriptRegisterOptions) {
      const authenticator = await chooseAuthenticator({ given: config.authenticator, list, silent: false });
      if (!authenticator) throw new WeComSignInError('AUTHENTICATOR_UNAVAILABLE');
      return parts.registerJsSdk({
        baseUrl: config.baseUrl,
        authenticator,
        jsApiList,
        fetch,
        url: url ?? win.location.href,
        sdk: ww ?? asRegisterSdk(win.ww) ?? undefined,
      });
    },
  };
}
