import type { Context } from '@nocobase/actions';
import type Application from '@nocobase/server';
import { type AppPaths, landingPath, signInPagePath } from '../../shared/landing';
import type { SignInErrorCode } from '../../shared/sign-in-errors';
import { SignInError, signInErrorFromWeCom } from '../sign-in-error';
import { translate } from '../translate';
import { WeComError } from '../wecom/errors';
import { WeComAuth } from '../wecom-auth';

/** The enabled `wecom` authenticator of that name; NocoBase's own lookup would fall back to another one. */
export async function weComAuthNamed(ctx: Context, name: unknown): Promise<WeComAuth> {
  const unavailable = (): SignInError => new SignInError('AUTHENTICATOR_UNAVAILABLE', { status: 400 });
  if (typeof name !== 'string' || name === '') throw unavailable();
  let auth: unknown;
  try {
    auth = await (ctx.app as Application).authManager.get(name, ctx);
  } catch {
    throw unavailable();
  }
  if (!(auth instanceof WeComAuth) || auth.name !== name) throw unavailable();
  await auth.readFromDatabase();
  void auth.settings; // refuses an authenticator whose stored settings are broken
  return auth;
}

/** The landing the caller asked for, judged by the shared rule, or the authenticator's default when none was asked. */
export function landingOrDefault(requested: unknown, fallback: string, paths: AppPaths): string {
  if (requested === undefined || requested === null || requested === '') {
    const landing = landingPath(fallback, paths);
    if (!landing) throw new SignInError('CONFIG_INVALID', { status: 400 });
    return landing;
  }
  const landing = landingPath(requested, paths);
  if (!landing) throw new SignInError('REDIRECT_INVALID', { status: 400 });
  return landing;
}

export function asSignInError(ctx: Context, error: unknown): SignInError {
  if (error instanceof SignInError) return error;
  if (error instanceof WeComError) {
    const { endpoint, errcode, errmsg, kind } = error;
    ctx.logger?.warn?.('WeCom call failed', { endpoint, errcode, errmsg, kind });
    return signInErrorFromWeCom(error);
  }
  ctx.logger?.error?.('WeCom sign-in failed', { error: error instanceof Error ? error.stack : String(error) });
  return new SignInError('SIGN_IN_FAILED', { status: 500, cause: error });
}

/**
 * Answers a JSON action's failure as NocoBase does: `{ errors: [{ message, code }] }`, translated. `asSignInError` has
 * logged WeCom's failures and unexpected errors once, and the request log has every refusal with its body, so
 * NocoBase's error handler logs it only at debug instead of a second line, as an error with a stack.
 */
export function throwAsJson(ctx: Context, error: unknown): never {
  const failure = asSignInError(ctx, error);
  ctx.throw(failure.status, translate(ctx, failure.message, failure.params), { code: failure.code, logLevel: 'debug' });
}

/**
 * `/signin?error&authenticator&redirect`: NocoBase's sign-in page, never WeCom again, so a failure cannot loop;
 * without `error` when nothing failed.
 * `redirect` is judged again here: the sign-in page goes there after a password sign-in.
 */
export function signInPageUrl(
  auth: WeComAuth | null,
  code: SignInErrorCode | null,
  redirect: unknown,
  paths: AppPaths,
): string {
  const landing = landingPath(redirect, paths);
  const params = new URLSearchParams(code ? { error: code } : {});
  if (auth) params.set('authenticator', auth.name);
  if (landing) params.set('redirect', landing);
  const path = `${signInPagePath(landing, paths)}?${params}`;
  return auth ? `${auth.settings.origin}${path}` : path;
}
