import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Context, Next } from '@nocobase/actions';
import { buildRedirectPath, resolveSigninPrefix } from '@nocobase/plugin-auth';
import type Application from '@nocobase/server';
import { isSignInErrorCode, type SignInErrorCode } from '../shared/sign-in-errors';
import { browserBindingOf, ensureBrowserBinding } from './browser-cookie';
import { checkWeComConfig } from './check-config';
import { parseWeComOptions } from './options';
import { sameOriginPath, withQuery } from './redirect-path';
import type { WeComServices } from './services';
import { SignInError, signInErrorFromWeCom } from './sign-in-error';
import { translate } from './translate';
import { WeComError } from './wecom/errors';
import { createJsSdkSignature } from './wecom/signature';
import { isWeComUserAgent } from './wecom/urls';
import { type PendingSignIn, WeComAuth } from './wecom-auth';

/** Where the built script bundle lives: `dist/sdk` beside `dist/server`. */
export interface ScriptFiles {
  main: string;
  panel: string;
}

async function serveScript(ctx: Context, file: string): Promise<void> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    ctx.throw(404, `${basename(file)} is not built`);
  }
  // NocoBase wraps action bodies in `{ data }` unless told otherwise.
  ctx.withoutDataWrapping = true;
  ctx.type = 'application/javascript; charset=utf-8';
  // Short, so a plugin update reaches pages within minutes; the ETag makes revalidation cheap.
  ctx.set('Cache-Control', 'public, max-age=300');
  ctx.set('ETag', `"${createHash('sha1').update(source).digest('base64url')}"`);
  // Koa judges freshness only of a 2xx answer.
  ctx.status = 200;
  if (ctx.fresh) ctx.status = 304;
  else ctx.body = source;
}

function appPublicPath(): string {
  return process.env.APP_PUBLIC_PATH || '/';
}

/** The enabled `wecom` authenticator of that name; NocoBase's own lookup would fall back to another one. */
async function weComAuthNamed(ctx: Context, name: unknown): Promise<WeComAuth> {
  const unavailable = (): SignInError => new SignInError('AUTHENTICATOR_UNAVAILABLE', { status: 400 });
  if (typeof name !== 'string' || name === '') throw unavailable();
  let auth: unknown;
  try {
    auth = await (ctx.app as Application).authManager.get(name, ctx);
  } catch {
    throw unavailable();
  }
  if (!(auth instanceof WeComAuth) || auth.name !== name) throw unavailable();
  void auth.settings; // refuses an authenticator whose stored settings are broken
  return auth;
}

function redirectOrDefault(requested: unknown, fallback: string): string {
  if (requested === undefined || requested === null || requested === '') return fallback;
  const path = sameOriginPath(requested);
  if (!path) throw new SignInError('REDIRECT_INVALID', { status: 400 });
  return path;
}

/** Answers a JSON action's failure as NocoBase does: `{ errors: [{ message, code }] }`, translated. */
function throwAsJson(ctx: Context, error: unknown): never {
  const failure = asSignInError(ctx, error);
  ctx.throw(failure.status, translate(ctx, failure.message, failure.params), { code: failure.code });
}

function asSignInError(ctx: Context, error: unknown): SignInError {
  if (error instanceof SignInError) return error;
  if (error instanceof WeComError) {
    ctx.logger?.warn?.('WeCom call failed', { endpoint: error.endpoint, errcode: error.errcode, errmsg: error.errmsg });
    return signInErrorFromWeCom(error);
  }
  ctx.logger?.error?.('WeCom sign-in failed', { error: error instanceof Error ? error.stack : String(error) });
  return new SignInError('SIGN_IN_FAILED', { status: 500, cause: error });
}

/** `/signin?authenticator&error&redirect`: NocoBase's sign-in page, never WeCom again, so a failure cannot loop. */
function signInPageUrl(auth: WeComAuth | null, code: SignInErrorCode, redirect: string | null): string {
  const prefix = resolveSigninPrefix({ appPublicPath: appPublicPath(), redirect: redirect ?? undefined });
  const params: Record<string, string> = { error: code };
  if (auth) params.authenticator = auth.name;
  if (redirect) params.redirect = redirect;
  const path = withQuery(`${prefix}/signin`, params);
  return auth ? `${auth.settings.origin}${path}` : path;
}

export type WeComAction = (ctx: Context, next: Next) => Promise<void>;
export type WeComActionName =
  | 'getAuthUrl'
  | 'authorize'
  | 'redirect'
  | 'getJsSdkConfig'
  | 'checkConfig'
  | 'script'
  | 'scriptPanel';

/** The actions any visitor may call; `checkConfig` is for those who manage authenticators. */
export const PUBLIC_ACTIONS: WeComActionName[] = [
  'getAuthUrl',
  'authorize',
  'redirect',
  'getJsSdkConfig',
  'script',
  'scriptPanel',
];

/** The `wecom` resource's actions, bound to the plugin's services. */
export function createWeComActions(
  services: WeComServices,
  scripts: ScriptFiles,
): Record<WeComActionName, WeComAction> {
  return {
    /** POST, header X-Authenticator, body `{ redirect? }` → `{ url }`. */
    async getAuthUrl(ctx: Context, next: Next): Promise<void> {
      try {
        const auth = await weComAuthNamed(ctx, ctx.get('X-Authenticator'));
        const values = (ctx.action.params.values ?? {}) as { redirect?: unknown };
        const redirect = redirectOrDefault(values.redirect, auth.settings.redirectPath);
        const url = await auth.authUrl({
          redirect,
          inWeCom: isWeComUserAgent(ctx.get('user-agent')),
          browser: ensureBrowserBinding(ctx),
        });
        ctx.body = { url };
      } catch (error) {
        throwAsJson(ctx, error);
      }
      await next();
    },

    /** GET `?authenticator&redirect` → 302 to WeCom: the link an admin puts on the WeCom workbench. */
    async authorize(ctx: Context, next: Next): Promise<void> {
      const { authenticator, redirect } = ctx.action.params as { authenticator?: unknown; redirect?: unknown };
      let auth: WeComAuth | null = null;
      try {
        auth = await weComAuthNamed(ctx, authenticator);
        const target = redirectOrDefault(redirect, auth.settings.redirectPath);
        ctx.redirect(
          await auth.authUrl({
            redirect: target,
            inWeCom: isWeComUserAgent(ctx.get('user-agent')),
            browser: ensureBrowserBinding(ctx),
          }),
        );
      } catch (error) {
        ctx.redirect(signInPageUrl(auth, asSignInError(ctx, error).code, sameOriginPath(redirect)));
      }
      await next();
    },

    /** GET `?code&state`: WeCom's callback. 302 to the landing page with a token, or to the sign-in page with an error. */
    async redirect(ctx: Context, next: Next): Promise<void> {
      const { code, state } = ctx.action.params as { code?: unknown; state?: unknown };
      const attempt = await services.states.consume(state);
      let auth: WeComAuth | null = null;
      try {
        if (!attempt) throw new SignInError('STATE_INVALID');
        auth = await weComAuthNamed(ctx, attempt.authenticator);
        if (attempt.browser !== browserBindingOf(ctx)) throw new SignInError('STATE_INVALID');
        // WeCom sends the user back without a code when they decline.
        if (typeof code !== 'string' || code === '') throw new SignInError('ACCESS_DENIED');
        const pending: PendingSignIn = { attempt, code };
        ctx.state.wecomSignIn = pending;
        const { token } = (await auth.signIn()) as { token: string };
        const landing = withQuery(buildRedirectPath({ appPublicPath: appPublicPath(), target: attempt.redirect }), {
          authenticator: auth.name,
          token,
        });
        // A Location without a fragment inherits the request's: WeCom's `#wechat_redirect` followed the browser here.
        ctx.redirect(`${auth.settings.origin}${landing}${landing.includes('#') ? '' : '#'}`);
      } catch (error) {
        // BaseAuth.signIn rethrows validate()'s errors as HTTP errors carrying the same fields.
        const { code: reason, url } = error as { code?: unknown; url?: unknown };
        if (reason === 'CONSENT_REQUIRED' && typeof url === 'string') {
          ctx.redirect(url);
        } else {
          const failure = isSignInErrorCode(reason) ? reason : asSignInError(ctx, error).code;
          ctx.logger?.info?.('WeCom sign-in refused', { authenticator: attempt?.authenticator, reason: failure });
          ctx.redirect(signInPageUrl(auth, failure, attempt?.redirect ?? null));
        }
      }
      await next();
    },

    /** POST `{ url }`, header X-Authenticator → what `ww.register` needs to sign `config` and `agentConfig`. */
    async getJsSdkConfig(ctx: Context, next: Next): Promise<void> {
      try {
        const auth = await weComAuthNamed(ctx, ctx.get('X-Authenticator'));
        const { url } = (ctx.action.params.values ?? {}) as { url?: unknown };
        const { settings } = auth;
        if (typeof url !== 'string' || !URL.canParse(url) || new URL(url).origin !== settings.origin) {
          throw new SignInError('PAGE_URL_INVALID', { status: 400 });
        }
        const corpApp = services.corpApp(settings);
        const [corpTicket, agentTicket] = await Promise.all([corpApp.corpTicket.get(), corpApp.agentTicket.get()]);
        const now = services.now();
        ctx.body = {
          corpId: settings.corpId,
          agentId: settings.agentId,
          config: createJsSdkSignature(corpTicket, url, now),
          agentConfig: createJsSdkSignature(agentTicket, url, now),
        };
      } catch (error) {
        throwAsJson(ctx, error);
      }
      await next();
    },

    /**
     * POST `{ name?, options }` → `{ ok, checks: [{ key, ok, message, errcode }] }`: the admin form's "check
     * configuration". An empty secret means the one saved for authenticator `name`.
     */
    async checkConfig(ctx: Context, next: Next): Promise<void> {
      const values = (ctx.action.params.values ?? {}) as { name?: unknown; options?: unknown };
      const options: Record<string, unknown> =
        typeof values.options === 'object' && values.options !== null ? { ...(values.options as object) } : {};
      if (!options.secret && typeof values.name === 'string' && values.name !== '') {
        const saved = await ctx.db.getRepository('authenticators').findOne({ filter: { name: values.name } });
        options.secret = (saved?.get('options') as { secret?: unknown } | undefined)?.secret;
      }
      const app = ctx.app as Application;
      const parsed = parseWeComOptions(app.environment.renderJsonTemplate(options));
      if (!parsed.ok) ctx.throw(400, translate(ctx, parsed.message), { code: 'INVALID_SETTINGS', field: parsed.field });
      const checks = await checkWeComConfig(parsed.options, services.http(parsed.options));
      ctx.body = {
        ok: checks.every((check) => check.ok),
        checks: checks.map((check) => ({ ...check, message: translate(ctx, check.message, check.params) })),
      };
      await next();
    },

    /** GET: the script-tag bundle, for pages that cannot load the plugin's client. */
    async script(ctx: Context, next: Next): Promise<void> {
      await serveScript(ctx, scripts.main);
      await next();
    },

    /** GET: the embedded login panel's part of the bundle, loaded by the script on desktop only. */
    async scriptPanel(ctx: Context, next: Next): Promise<void> {
      await serveScript(ctx, scripts.panel);
      await next();
    },
  };
}
