import { Plugin } from '@nocobase/client-v2';
import type PluginAuthClientV2 from '@nocobase/plugin-auth/client-v2';
import { SignInButton } from '../client/SignInButton';
import enUS from '../locale/en-US.json';
import ruRU from '../locale/ru-RU.json';
import zhCN from '../locale/zh-CN.json';
import { startPageSignIn } from '../sdk-shim';
import { AUTH_TYPE, NAMESPACE, PLUGIN_AUTH } from '../shared/constants';

// As in the classic shell (src/client/index.tsx): started as NocoBase evaluates the module, before any plugin loads.
const pageSignIn = startPageSignIn(window);

/**
 * The plugin in NocoBase's newer shell (`/v/signin`, `/v/admin`): the sign-in button, the silent sign-in, and the
 * authenticator's settings form on `/v/admin/settings/auth/authenticators`.
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
    // By its package name, as in the classic shell: an import would hold this module back until plugin-auth's had run.
    const auth: PluginAuthClientV2 | undefined = this.app.pm.get(PLUGIN_AUTH);
    if (!auth) throw new Error(`${PLUGIN_AUTH} is not enabled: the WeCom sign-in needs it`);
    auth.registerType(AUTH_TYPE, {
      signInButtonLoader: async () => ({ default: SignInButton }),
      adminSettingsFormLoader: async () => ({
        default: (await import('./AdminSettingsForm')).adminSettingsForm(this.app.apiClient),
      }),
    });
  }
}

export default PluginWeComAuthClientV2;
