import type * as WeComJsSdk from '@wecom/jssdk';
import type { WWLoginParams } from '@wecom/jssdk';
import { canEmbedPanel, webLoginPanelParams } from './web-login';

/** The part of @wecom/jssdk the panel uses; the script bundle passes its own tree-shaken copy. */
export type LoginPanelSdk = Pick<typeof WeComJsSdk, 'createWWLoginPanel'>;

export interface LoginPanelOptions {
  /** Where the panel's iframe goes. */
  el: HTMLElement;
  /** The web-login URL from `getAuthUrl`. */
  url: string;
  /**
   * Called instead of showing the panel when it cannot be shown (the URL is not WeCom's, the JS-SDK did not load).
   * @default going to `url`, the full-page redirect the panel stands in for
   */
  onFallback?: () => void;
  /** WeCom's panel reports a failed login (e.g. a parameter it refuses). */
  onLoginFail?: (error: { errCode?: number; errMsg?: string }) => void;
  /** Whether the WeCom desktop app is signed in, which offers a one-click login. */
  onCheckWeComLogin?: (state: { isWeComLogin: boolean }) => void;
  /** `middle` is 480×416, `small` 320×380. @default 'middle' */
  panelSize?: 'middle' | 'small';
  /** @default () => import('@wecom/jssdk') */
  loadSdk?: () => Promise<LoginPanelSdk>;
}

export type LoginPanelOutcome = 'embedded' | 'fallback' | 'unmounted';

export interface LoginPanel {
  unmount(): void;
  /** Settles once the panel is shown, the fallback was called, or it was unmounted first. */
  ready: Promise<LoginPanelOutcome>;
}

/**
 * WeCom's web login as an embedded panel (wecom-protocol.md §3.3). `redirect_type: 'top'` sends the whole page to
 * our callback, as the full-page redirect would, so the state cookie set by `getAuthUrl` comes along and the server
 * flow stays the same. @wecom/jssdk is only loaded here: it reads `navigator` when it loads.
 */
export function mountLoginPanel(options: LoginPanelOptions): LoginPanel {
  return mountLoginPanelWith(options.loadSdk ?? (() => import('@wecom/jssdk')), options);
}

/**
 * `mountLoginPanel` with the SDK given: the script bundle's panel file passes a statically imported, tree-shaken
 * `createWWLoginPanel`, where a dynamic import would keep all of @wecom/jssdk.
 */
export function mountLoginPanelWith(loadSdk: () => Promise<LoginPanelSdk>, options: LoginPanelOptions): LoginPanel {
  let unmounted = false;
  let instance: { unmount(): void } | null = null;
  const params = canEmbedPanel(options.url) ? webLoginPanelParams(options.url) : null;
  const fallback = options.onFallback ?? (() => options.el.ownerDocument.defaultView?.location.assign(options.url));

  const ready = (async (): Promise<LoginPanelOutcome> => {
    if (!params) {
      fallback();
      return 'fallback';
    }
    let sdk: LoginPanelSdk;
    try {
      sdk = await loadSdk();
    } catch {
      if (unmounted) return 'unmounted';
      fallback();
      return 'fallback';
    }
    if (unmounted) return 'unmounted';
    const panelParams: Record<string, string> = {};
    // Empty values would reach WeCom as `agentid=` and the like, which it refuses with 参数错误.
    for (const [key, value] of Object.entries(params)) if (value) panelParams[key] = value;
    panelParams.redirect_type = 'top';
    panelParams.panel_size = options.panelSize ?? 'middle';
    instance = sdk.createWWLoginPanel({
      el: options.el,
      // The SDK types these values as its enums; the strings are the enums' values.
      params: panelParams as WWLoginParams,
      onLoginFail: options.onLoginFail,
      onCheckWeComLogin: options.onCheckWeComLogin,
    });
    return 'embedded';
  })();

  return {
    ready,
    unmount(): void {
      unmounted = true;
      instance?.unmount();
      instance = null;
    },
  };
}
