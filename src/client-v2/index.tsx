import { Plugin } from '@nocobase/client-v2';
import PluginAuthClientV2 from '@nocobase/plugin-auth/client-v2';
import { SignInButton } from '../client/SignInButton';
import enUS from '../locale/en-US.json';
import ruRU from '../locale/ru-RU.json';
import zhCN from '../locale/zh-CN.json';
import { startPageSignIn } from '../sdk-shim';
import { AUTH_TYPE, NAMESPACE } from '../shared/constants';

// As in the classic shell (src/client/index.tsx): started as NocoBase evaluates the module, before any plugin loads.
const pageSignIn = startPageSignIn(window);

/**
 * The plugin in NocoBase's newer shell (`/v/signin`, `/v/admin`): the sign-in button and the silent sign-in.
 * Authenticators are still configured on the v1 settings page (/admin/settings/auth/authenticators).
 */
export class PluginWeComAuthClientV2 extends Plugin {
  /** Our first hook with the app; it does not return while the page is leaving, so NocoBase renders nothing. */
  override async afterAdd(): Promise<void> {
    await pageSignIn.handOver(this.app.apiClient.auth);
  }

  override async load(): Promise<void> {
    for (const [language, resources] of Object.entries({ 'en-US': enUS, 'zh-CN': zhCN, 'ru-RU': ruRU })) {
      this.app.i18n.addResources(language, NAMESPACE, resources);
    }
    this.app.pm
      .get(PluginAuthClientV2)
      .registerType(AUTH_TYPE, { signInButtonLoader: async () => ({ default: SignInButton }) });
  }
}

export default PluginWeComAuthClientV2;
