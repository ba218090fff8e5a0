import { Plugin } from '@nocobase/client';
import PluginAuthClient from '@nocobase/plugin-auth/client';
import enUS from '../locale/en-US.json';
import ruRU from '../locale/ru-RU.json';
import zhCN from '../locale/zh-CN.json';
import { startSilentSignIn, takeSessionFromUrl } from '../sdk-shim';
import { AUTH_TYPE, NAMESPACE } from '../shared/constants';
import { AdminSettingsForm } from './AdminSettingsForm';
import { appRootUrl } from './api-base';
import { SignInButton } from './SignInButton';

export class PluginWeComAuthClient extends Plugin {
  override async load(): Promise<void> {
    for (const [language, resources] of Object.entries({ 'en-US': enUS, 'zh-CN': zhCN, 'ru-RU': ruRU })) {
      this.app.i18n.addResources(language, NAMESPACE, resources);
    }
    this.app.pm.get(PluginAuthClient).registerType(AUTH_TYPE, { components: { SignInButton, AdminSettingsForm } });
    takeSessionFromUrl(window, this.app.apiClient.auth);
    // Inside WeCom, a page opened without a session goes to WeCom and comes back to the same deep link.
    // Not awaited: outside WeCom it decides at once, and inside it the page is about to be replaced anyway.
    void startSilentSignIn({ window, fetch: window.fetch.bind(window), baseUrl: appRootUrl(window) });
  }
}

export default PluginWeComAuthClient;
