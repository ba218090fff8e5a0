import { Plugin } from '@nocobase/client-v2';
import PluginAuthClientV2 from '@nocobase/plugin-auth/client-v2';
import { appRootUrl } from '../client/api-base';
import { SignInButton } from '../client/SignInButton';
import enUS from '../locale/en-US.json';
import ruRU from '../locale/ru-RU.json';
import zhCN from '../locale/zh-CN.json';
import { startSilentSignIn, takeSessionFromUrl } from '../sdk-shim';
import { AUTH_TYPE, NAMESPACE } from '../shared/constants';

/**
 * The plugin in NocoBase's newer shell (`/v/signin`, `/v/admin`): the sign-in button and the silent sign-in.
 * Authenticators are still configured on the v1 settings page (/admin/settings/auth/authenticators).
 */
export class PluginWeComAuthClientV2 extends Plugin {
  override async load(): Promise<void> {
    for (const [language, resources] of Object.entries({ 'en-US': enUS, 'zh-CN': zhCN, 'ru-RU': ruRU })) {
      this.app.i18n.addResources(language, NAMESPACE, resources);
    }
    this.app.pm
      .get(PluginAuthClientV2)
      .registerType(AUTH_TYPE, { signInButtonLoader: async () => ({ default: SignInButton }) });
    takeSessionFromUrl(window, this.app.apiClient.auth);
    void startSilentSignIn({ window, fetch: window.fetch.bind(window), baseUrl: appRootUrl(window) });
  }
}

export default PluginWeComAuthClientV2;
