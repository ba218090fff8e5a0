import type { Context, Next } from '@nocobase/actions';
import { type AuthConfig, BaseAuth } from '@nocobase/auth';
import type { Model } from '@nocobase/database';
import { type Application, Plugin } from '@nocobase/server';
import { FLOOR_AUTH_TYPE, FLOOR_AUTHENTICATOR, FLOOR_REDIRECT_RESOURCE } from './app-names.ts';

/**
 * "The floor": a sign-in that does only what every sign-in of an already-bound user must do, i.e. find the
 * binding (`usersAuthenticators`: authenticator + uuid), then the user, then let NocoBase issue a token.
 * Whatever the WeCom callback costs beyond this is the plugin's (and WeCom's) own.
 */
export class FloorAuth extends BaseAuth {
  constructor(config: AuthConfig) {
    super({ ...config, userCollection: config.ctx.db.getCollection('users') });
  }

  override async validate(): Promise<Model> {
    const params = (this.ctx.action?.params ?? {}) as { uuid?: unknown; values?: { uuid?: unknown } };
    const uuid = params.values?.uuid ?? params.uuid;
    if (typeof uuid !== 'string') return this.ctx.throw(400, 'uuid is required');
    // The same two lookups as the WeCom plugin's findLinkedUser, so the comparison is like for like.
    const binding = await this.ctx.db
      .getRepository('usersAuthenticators')
      .findOne({ filter: { authenticator: this.authenticator.name, uuid }, fields: ['userId'] });
    const userId: unknown = binding?.get('userId');
    const user =
      userId === undefined || userId === null
        ? null
        : await this.ctx.db.getRepository('users').findOne({ filterByTk: userId as number });
    if (!user) return this.ctx.throw(401, 'not bound');
    return user;
  }
}

/** Signs in through the floor and answers as the WeCom callback does: a 302 whose Location carries the token. */
async function floorRedirect(ctx: Context, next: Next): Promise<void> {
  const auth = await (ctx.app as Application).authManager.get(FLOOR_AUTHENTICATOR, ctx);
  const { token } = (await auth.signIn()) as { token: string };
  ctx.redirect(`/admin?${new URLSearchParams({ authenticator: FLOOR_AUTHENTICATOR, token })}`);
  await next();
}

/** Registers the floor's auth type and its callback-shaped action; loaded only by the bench. */
export class BenchFloorPlugin extends Plugin {
  override async load(): Promise<void> {
    this.app.authManager.registerTypes(FLOOR_AUTH_TYPE, { auth: FloorAuth, title: 'Bench floor' });
    this.app.resourceManager.define({ name: FLOOR_REDIRECT_RESOURCE, actions: { redirect: floorRedirect } });
    this.app.acl.allow(FLOOR_REDIRECT_RESOURCE, ['redirect'], 'public');
  }
}

// The default export is what NocoBase loads of a plugin package (the cluster bench installs this file as one).
export default BenchFloorPlugin;
