import type { Context, Next } from '@nocobase/actions';
import { isSignInErrorCode } from '../../shared/sign-in-error-code';
import { isWeComUserAgent } from '../../shared/user-agent';
import { automaticAuthenticators } from '../automatic-authenticators';
import type { WeComServices } from '../services';
import { SignInError } from '../sign-in-error';
import type { WeComAuth } from '../wecom-auth';
import { landingUrl } from './landing-redirect';
import { asSignInError, landingOrDefault, signInPageUrl, throwAsJson, weComAuthNamed } from './respond';

export type WeComAction = (ctx: Context, next: Next) => Promise<void>;

/** POST, header X-Authenticator, body `{ redirect? }` → `{ url }`. */
export function getAuthUrl(services: WeComServices): WeComAction {
  return async (ctx, next) => {
    try {
      const auth = await weComAuthNamed(ctx, ctx.get('X-Authenticator'));
      const values = (ctx.action.params.values ?? {}) as { redirect?: unknown };
      const redirect = landingOrDefault(values.redirect, auth.settings.redirectPath, services.paths);
      ctx.body = { url: await auth.authUrl({ redirect, inWeCom: isWeComUserAgent(ctx.get('user-agent')) }) };
    } catch (error) {
      throwAsJson(ctx, error);
    }
    await next();
  };
}

/**
 * GET `?authenticator&redirect` → 302 to WeCom: the link an admin puts on the WeCom workbench. Without
 * `authenticator`, the one that signs in automatically, so that a page leaving for WeCom need not ask which first;
 * when none does, NocoBase's sign-in page, where NocoBase itself would have sent a page without a session.
 */
export function authorize(services: WeComServices): WeComAction {
  return async (ctx, next) => {
    const { authenticator, redirect } = ctx.action.params as { authenticator?: unknown; redirect?: unknown };
    let auth: WeComAuth | null = null;
    try {
      const named = authenticator ?? (await automaticAuthenticators(ctx.db))[0];
      if (named === undefined) {
        ctx.redirect(signInPageUrl(null, null, redirect, services.paths));
      } else {
        auth = await weComAuthNamed(ctx, named);
        const target = landingOrDefault(redirect, auth.settings.redirectPath, services.paths);
        ctx.redirect(await auth.authUrl({ redirect: target, inWeCom: isWeComUserAgent(ctx.get('user-agent')) }));
      }
    } catch (error) {
      ctx.redirect(signInPageUrl(auth, asSignInError(ctx, error).code, redirect, services.paths));
    }
    await next();
  };
}

/** GET `?code&state`: WeCom's callback. 302 to the landing with the session in its fragment, or to the sign-in page. */
export function redirect(services: WeComServices): WeComAction {
  return async (ctx, next) => {
    const { state } = ctx.action.params as { state?: unknown };
    // Only to know which authenticator and page this is for; `validate()` checks the callback in full.
    const claimed = services.signIns.peek(ctx, state);
    let auth: WeComAuth | null = null;
    try {
      if (!claimed) throw new SignInError('STATE_INVALID');
      auth = await weComAuthNamed(ctx, claimed.authenticator);
      const { token } = (await auth.signIn()) as { token: string };
      ctx.redirect(
        landingUrl(ctx, { origin: auth.settings.origin, landing: claimed.redirect, token, authenticator: auth.name }),
      );
    } catch (error) {
      // BaseAuth.signIn rethrows validate()'s errors as HTTP errors carrying the same fields.
      const { code: reason, url } = error as { code?: unknown; url?: unknown };
      // One more round at WeCom for consent, or our page that asks for the matched account's password.
      if ((reason === 'CONSENT_REQUIRED' || reason === 'LINK_CONFIRMATION_REQUIRED') && typeof url === 'string') {
        ctx.redirect(url);
      } else {
        const failure = isSignInErrorCode(reason) ? reason : asSignInError(ctx, error).code;
        ctx.logger?.info?.('WeCom sign-in refused', { authenticator: claimed?.authenticator, reason: failure });
        ctx.redirect(signInPageUrl(auth, failure, claimed?.redirect ?? null, services.paths));
      }
    }
    await next();
  };
}
