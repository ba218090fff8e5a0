import type { JsSdkRegistration, RegisterJsSdkOptions, RegisterSdk } from './js-sdk';
import type { LoginPanel, LoginPanelOptions } from './panel';

/** What `wecom-login-panel.js` puts on `window.WeComLoginPanel`. */
export interface ScriptPanelModule {
  mountLoginPanel(options: Omit<LoginPanelOptions, 'loadSdk'>): LoginPanel;
  /** With `sdk`, the page's own `ww` is registered; else the panel file's copy of @wecom/jssdk. */
  registerJsSdk(options: Omit<RegisterJsSdkOptions, 'loadSdk'> & { sdk?: RegisterSdk }): Promise<JsSdkRegistration>;
  /** Here rather than in the main file: the translations would triple the size of what WeCom clients load. */
  signInErrorMessage(code: string, locale?: string | null): string;
}
