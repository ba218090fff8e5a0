import type { Context } from '@nocobase/actions';
import { type AuthConfig, BaseAuth } from '@nocobase/auth';
import type { Model } from '@nocobase/database';
import { AUTH_TYPE } from '../shared/constants';
import { findLinkedUser, type LinkScope, linkByMobile } from './link-user';
import { parseWeComSettings, type WeComSettings } from './options';
import { OPTION_KEYS } from './secret-rules';
import type { SecretSource } from './secret-store';
import type { WeComServices } from './services';
import { SignInError, signInErrorFromWeCom } from './sign-in-error';
import type { SignInAttempt } from './sign-in-state';
import { WeComError } from './wecom/errors';
import type { CodeIdentity } from './wecom/schemas';
import { buildAuthorizeUrl, buildWebLoginUrl, type OAuthScope } from './wecom/urls';

/** Thrown by `validate()` for an unbound member who came in silently: one more round, with consent, is needed. */
export class ConsentRequired extends SignInError {
  constructor(readonly url: string) {
    super('CONSENT_REQUIRED');
  }
}

/**
 * Thrown by `validate()` when the member's phone matched a user who is linked only once the person proves the
 * account is theirs: the pending link is in this browser's cookie, and `url` is the page that asks the password.
 */
export class LinkConfirmationRequired extends SignInError {
  constructor(readonly url: string) {
    super('LINK_CONFIRMATION_REQUIRED');
  }
}

/** An authenticator's settings, with where its secret is read from instead of the secret. */
export type SignInSettings = WeComSettings & { secret: SecretSource };

/** Per stored options object: the node's copy of a row keeps one until the row changes (AuthenticatorRows). */
const parsedOptions = new WeakMap<object, SignInSettings>();

export class WeComAuth extends BaseAuth {
  /**
   * NocoBase renders `{{$env.X}}` in every option not listed here, and sends the rendered record back to whoever
   * saved it. None of ours: only `secret` may name a variable, and it is rendered where it is used.
   */
  static override optionsKeysNotAllowedInEnv = [...OPTION_KEYS];

  constructor(config: AuthConfig) {
    super({ ...config, userCollection: config.ctx.db.getCollection('users') });
  }

  get name(): string {
    return this.authenticator.name;
  }

  /** The authenticator's settings, parsed once per stored options; the secret is read only to fetch a token. */
  get settings(): SignInSettings {
    const raw: unknown = this.options;
    const key = typeof raw === 'object' && raw !== null ? raw : {};
    const cached = parsedOptions.get(key);
    if (cached) return cached;
    const parsed = parseWeComSettings(raw);
    const secret = this.services.secrets.sourceFor(raw, Number(this.authenticator.id));
    if (!parsed || !secret) throw new SignInError('CONFIG_INVALID', { status: 400 });
    const settings = { ...parsed, secret };
    parsedOptions.set(key, settings);
    return settings;
  }

  private readCurrent: Promise<void> | null = null;

  /**
   * Takes this authenticator's options from its row as the database has it now, or refuses it when it is disabled or
   * gone; once per request. plugin-auth keeps the authenticators in a memory cache of each process, which only the
   * node that saves a change updates: another node's copy may hold old options, or an authenticator disabled since.
   */
  async readFromDatabase(): Promise<void> {
    this.readCurrent ??= (async () => {
      const row = await this.services.authenticatorRows.current(Number(this.authenticator.id));
      if (!row || row.authType !== AUTH_TYPE || !row.enabled) {
        throw new SignInError('AUTHENTICATOR_UNAVAILABLE', { status: 400 });
      }
      this.options = row.options;
    })();
    return this.readCurrent;
  }

  get redirectUri(): string {
    return `${this.settings.origin}${this.services.paths.apiBasePath}wecom:redirect`;
  }

  /** Set by the plugin on the subclass it registers (see `bindWeComAuth`). */
  protected get services(): WeComServices {
    throw new Error('WeComAuth is used through the subclass the plugin registers');
  }

  get linkScope(): LinkScope {
    return {
      db: this.ctx.db,
      authenticator: this.name,
      runExclusive: this.services.runExclusive,
      logger: this.ctx.logger,
    };
  }

  /** The page that asks for the account's password before a pending link is made (`wecom:confirmLink`). */
  get confirmLinkUrl(): string {
    return `${this.settings.origin}${this.services.paths.apiBasePath}wecom:confirmLink`;
  }

  /** A NocoBase session for a user linked outside `validate()`, issued and cookied as `BaseAuth.signIn` does. */
  async issueSession(user: Model): Promise<string> {
    const token = await this.signNewToken(Number(user.get('id')));
    const maxAge = await this.getSessionCookieMaxAge();
    this.setAuthCookies(token, maxAge);
    await this.setSessionCookies(user, maxAge);
    return token;
  }

  /** WeCom's URL for a new sign-in: in-client OAuth for the WeCom client, web login (QR) for any other browser. */
  async authUrl(input: { redirect: string; inWeCom: boolean; scope?: OAuthScope }): Promise<string> {
    const { settings } = this;
    const flow = input.inWeCom ? 'oauth' : 'web';
    const scope = input.inWeCom ? (input.scope ?? 'snsapi_base') : null;
    const state = this.services.signIns.start(this.ctx as Context, {
      authenticator: this.name,
      redirect: input.redirect,
      flow,
      scope,
    });
    const common = { corpId: settings.corpId, agentId: settings.agentId, redirectUri: this.redirectUri, state };
    return scope
      ? buildAuthorizeUrl({ ...common, oauthBaseUrl: settings.oauthBaseUrl, scope })
      : buildWebLoginUrl({ ...common, loginBaseUrl: settings.loginBaseUrl, lang: this.language() });
  }

  private language(): 'zh' | 'en' {
    const locale = String((this.ctx as Context).get('X-Locale') || this.ctx.i18n?.language || 'zh-CN');
    return locale.startsWith('zh') ? 'zh' : 'en';
  }

  /**
   * A WeCom callback: `wecom:redirect?code&state`, or `auth:signIn` with `{ code, state }` from the embedded panel.
   * Both are checked by the same `SignInFlow.accept`.
   */
  override async validate(): Promise<Model> {
    // Reached through NocoBase's `auth:signIn` too, with the authenticator from this node's memory cache.
    await this.readFromDatabase();
    const client = this.services.clientAddressOf(this.ctx as Context);
    await this.services.failedCallbacks.ensureAllowed(client);
    const params = (this.ctx.action?.params ?? {}) as { values?: unknown; code?: unknown; state?: unknown };
    // `auth:signIn` posts `{ code, state }`; WeCom's GET callback has them in the query (and an empty `values`).
    const posted = params.values as { code?: unknown; state?: unknown } | undefined;
    const { code, state } = posted && typeof posted === 'object' && 'state' in posted ? posted : params;
    try {
      const accepted = await this.services.signIns.accept(this.ctx as Context, { code, state }, this.name);
      return await this.userFor(accepted.attempt, accepted.code);
    } catch (error) {
      const failure = error instanceof WeComError ? signInErrorFromWeCom(error) : error;
      if (error instanceof WeComError) this.logWeComError('WeCom refused a sign-in step', error);
      await this.services.failedCallbacks.record(client, failure);
      throw failure;
    }
  }

  /** Once per WeCom failure, with the call and WeCom's errcode, for the admin. */
  private logWeComError(message: string, error: WeComError): void {
    this.ctx.logger?.warn?.(message, {
      authenticator: this.name,
      endpoint: error.endpoint,
      errcode: error.errcode,
      errmsg: error.errmsg,
      kind: error.kind,
    });
  }

  private async userFor(attempt: SignInAttempt, code: string): Promise<Model> {
    const corpApp = this.services.corpApp(this.settings);
    const identity: CodeIdentity = await corpApp.identifyCode(code);
    if (!('userid' in identity)) throw new SignInError('NOT_A_MEMBER');
    const { userid } = identity;
    const linked = await findLinkedUser(this.linkScope, userid);
    if (linked) return linked;

    // An unbound member: we need their phone number to find their NocoBase account.
    if (attempt.flow === 'oauth' && attempt.scope === 'snsapi_base') {
      throw new ConsentRequired(
        await this.authUrl({ redirect: attempt.redirect, inWeCom: true, scope: 'snsapi_privateinfo' }),
      );
    }
    const name = async (): Promise<string> => {
      try {
        return (await corpApp.member(userid)).name;
      } catch (error) {
        // Only the new user's nickname depends on it: the userid stands in, and the sign-in goes on.
        if (error instanceof WeComError) this.logWeComError('WeCom gave no name for a new user', error);
        return userid;
      }
    };
    let mobile: string | undefined;
    if (attempt.flow === 'oauth') {
      // WeCom gives a user_ticket only to members inside the app's visible range.
      if (!identity.user_ticket) throw new SignInError('OUTSIDE_VISIBLE_RANGE');
      mobile = (await corpApp.userDetail(identity.user_ticket)).mobile;
      if (!mobile) throw new SignInError('MOBILE_UNAVAILABLE');
    } else {
      // Web login never gives a user_ticket; only apps created before 2022-06-20 still read the mobile here.
      mobile = (await corpApp.member(userid)).mobile;
      if (!mobile) throw new SignInError('SIGN_IN_FROM_WECOM_FIRST');
    }
    const outcome = await linkByMobile(this.linkScope, { userid, mobile, name }, this.settings);
    if (outcome.kind === 'linked') return outcome.user;
    this.services.linkConfirmations.start(this.ctx as Context, {
      authenticator: this.name,
      userid,
      userId: outcome.userId,
      landing: attempt.redirect,
    });
    throw new LinkConfirmationRequired(this.confirmLinkUrl);
  }
}

/** The auth class NocoBase instantiates per request, bound to the plugin's long-lived services. */
export function bindWeComAuth(services: WeComServices): typeof WeComAuth {
  return class BoundWeComAuth extends WeComAuth {
    protected override get services(): WeComServices {
      return services;
    }
  };
}
