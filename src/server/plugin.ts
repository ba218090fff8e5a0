import { join } from 'node:path';
import type { Context } from '@nocobase/actions';
import { Plugin } from '@nocobase/server';
import enUS from '../locale/en-US.json';
import ruRU from '../locale/ru-RU.json';
import zhCN from '../locale/zh-CN.json';
import { AUTH_TYPE, NAMESPACE } from '../shared/constants';
import { ADMIN_ACTIONS, createWeComActions, PUBLIC_ACTIONS } from './actions/index';
import { registerAuthenticatorVersionHooks } from './authenticator-rows';
import { guardWeComAuthenticators } from './authenticator-settings';
import { tryEnsureUniqueBindings } from './binding-index';
import { publicOptions } from './options';
import { guardSecrets } from './secret-guard';
import { moveSavedSecrets, registerSecretHooks } from './secret-hooks';
import { secretsCollection } from './secret-store';
import { createWeComServices } from './services';
import { bindWeComAuth } from './wecom-auth';

export class PluginWeComAuthServer extends Plugin {
  // Defined before load, so that install, `pm enable` and `upgrade` create its table with the others.
  override async beforeLoad(): Promise<void> {
    this.db.collection(secretsCollection);
  }

  override async load(): Promise<void> {
    // Added here, not only from dist/locale, so messages are translated however the plugin was loaded.
    for (const [lang, resources] of Object.entries({ 'en-US': enUS, 'zh-CN': zhCN, 'ru-RU': ruRU })) {
      this.app.i18n.addResourceBundle(lang, NAMESPACE, resources, true, true);
    }
    const { now, scriptDir: scriptDirOption } = (this.options ?? {}) as { now?: unknown; scriptDir?: unknown };
    // Built as dist/server/index.js, so the bundle is in dist/sdk; tests name the folder.
    const scriptDir = typeof scriptDirOption === 'string' ? scriptDirOption : join(__dirname, '..', 'sdk');
    const services = createWeComServices(this.app, typeof now === 'function' ? (now as () => number) : Date.now);
    const actions = createWeComActions(services, {
      main: join(scriptDir, 'wecom-login.js'),
      panel: join(scriptDir, 'wecom-login-panel.js'),
    });
    this.app.authManager.registerTypes(AUTH_TYPE, {
      auth: bindWeComAuth(services),
      title: 'WeCom',
      getPublicOptions: publicOptions,
    });
    registerSecretHooks(this.db, services.secrets);
    registerAuthenticatorVersionHooks(this.db, services.authenticatorRows, this.app.log);
    this.app.on('beforeStart', () => moveSavedSecrets(this.app));
    // On every start: installs and `pm add` run no migration, and an admin may have removed duplicates since.
    this.app.on('beforeStart', () => tryEnsureUniqueBindings(this.db, this.app.log));
    this.app.resourceManager.define({ name: 'wecom', actions });
    this.app.acl.allow('wecom', PUBLIC_ACTIONS, 'public');
    // Into plugin-auth's own snippet, which snippets of that name join: a role's rule matches snippet names as a
    // glob, so the role given "Authentication" (`pm.auth.authenticators`) would get no `pm.auth.wecom-…` of ours.
    this.app.acl.registerSnippet({
      name: 'pm.auth.authenticators',
      actions: ADMIN_ACTIONS.map((action) => `wecom:${action}`),
    });
    // The resource manager types its middleware context narrowly; at run time it is the full action context.
    this.app.resourceManager.use((ctx, next) => guardWeComAuthenticators(ctx as unknown as Context, next), {
      tag: 'wecom-authenticators',
      after: 'acl',
    });
    // Outside auth and ACL: it refuses every role, root included, and scrubs the secret from refused requests too.
    this.app.resourceManager.use((ctx, next) => guardSecrets(ctx as unknown as Context, next), {
      tag: 'wecom-secrets',
      before: ['validate-filter-params', 'auth', 'acl'],
    });
  }
}

export default PluginWeComAuthServer;
