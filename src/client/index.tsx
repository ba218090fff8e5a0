import { Plugin } from '@nocobase/client';
import type PluginAuthClient from '@nocobase/plugin-auth/client';
import enUS from '../locale/en-US.json';
import ruRU from '../locale/ru-RU.json';
import zhCN from '../locale/zh-CN.json';
import { startPageSignIn } from '../sdk-shim';
import { AUTH_TYPE, NAMESPACE, PLUGIN_AUTH } from '../shared/constants';
import { AdminSettingsForm } from './AdminSettingsForm';
import { SignInButton } from './SignInButton';

// NocoBase evaluates this module as the plugins' code arrives, before it adds them or loads any plugin: inside
// WeCom, a page opened without a session leaves for WeCom from here and comes back to the same deep link.
const pageSignIn = startPageSignIn(window);

export class PluginWeComAuthClient extends Plugin {
  /** Our first hook with the app; it does not return while the page is leaving, so NocoBase renders nothing. */
  override async afterAdd(): Promise<void> {
    await pageSignIn.handOver(this.app.apiClient.auth);
  }

  override async load(): Promise<void> {
    for (const [language, resources] of Object.entries({ 'en-US': enUS, 'zh-CN': zhCN, 'ru-RU': ruRU })) {
      this.app.i18n.addResources(language, NAMESPACE, resources);
    }
    // By its package name rather than an import of plugin-auth's module: requirejs would hold this module back
    // until plugin-auth's code had arrived and run, and the page leaves for WeCom as this module is evaluated.
    const auth: PluginAuthClient | undefined = this.app.pm.get(PLUGIN_AUTH);
    if (!auth) throw new Error(`${PLUGIN_AUTH} is not enabled: the WeCom sign-in needs it`);
    auth.registerType(AUTH_TYPE, { components: { SignInButton, AdminSettingsForm } });
  }
}

export default PluginWeComAuthClient;
