import type { Context } from '@nocobase/actions';
import { getAuthCookieOptions } from '@nocobase/utils';
import { LANDING_COOKIE_MAX_AGE_SECONDS, landingCookieNames, SECURE_COOKIE_PREFIX } from '../shared/session-fragment';
import { PENDING_LINK_TTL_MS } from './pending-link';
import { peekUnsealed } from './sealed-value';
import { type IssuedSignIn, SEALED_FIELDS, SIGN_IN_COOKIE_PREFIX, STATE_TTL_MS } from './sign-in-state';

/** Sign-ins a browser may have under way at once (tabs); older ones are dropped so cookies cannot pile up. */
const MAX_OPEN_SIGN_INS = 3;

interface CookieSecurity {
  /** The request is HTTPS as NocoBase judges it (its own auth cookies get `Secure` exactly then). */
  secure: boolean;
  options: { httpOnly: boolean; sameSite: 'lax'; path: '/'; secure?: boolean; secureProxy?: boolean };
}

/**
 * NocoBase's own rule for its auth cookies (`getAuthCookieOptions`: HTTPS, or `X-Forwarded-Proto: https` from a
 * proxy), with the path widened to `/` so a Secure cookie can take the `__Host-` prefix, which no sibling subdomain
 * can set.
 */
function cookieSecurity(ctx: Context, httpOnly: boolean): CookieSecurity {
  const nocobase = getAuthCookieOptions(ctx, httpOnly) as { secure?: boolean; secureProxy?: boolean };
  const secure = Boolean(nocobase.secure || nocobase.secureProxy);
  return {
    secure,
    options: {
      httpOnly,
      sameSite: 'lax',
      path: '/',
      ...(nocobase.secure ? { secure: true } : {}),
      ...(nocobase.secureProxy ? { secureProxy: true } : {}),
    },
  };
}

/** On HTTPS only the `__Host-` name counts: a plain one could have been planted from another host. */
function nameFor(security: CookieSecurity, name: string): string {
  return security.secure ? `${SECURE_COOKIE_PREFIX}${name}` : name;
}

function requestCookies(ctx: Context): Array<{ name: string; value: string }> {
  return String(ctx.get('cookie') ?? '')
    .split(';')
    .map((pair) => {
      const at = pair.indexOf('=');
      return at < 0 ? null : { name: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim() };
    })
    .filter((cookie): cookie is { name: string; value: string } => cookie !== null);
}

/**
 * The first cookie of this name the request carries. Not `ctx.cookies.get`: koa's reader compiles and keeps a RegExp
 * for every name it is asked for, for good, and a sign-in cookie's name comes from the request's `state`.
 */
function requestCookie(ctx: Context, name: string): string | undefined {
  return requestCookies(ctx).find((cookie) => cookie.name === name)?.value || undefined;
}

/** When a sign-in cookie was issued, read without trusting it: only to decide which old ones to drop. */
function issuedAtOf(value: string): number {
  const issuedAt = peekUnsealed(value, SEALED_FIELDS)?.[5];
  return typeof issuedAt === 'number' ? issuedAt : 0;
}

export function setSignInCookie(ctx: Context, issued: IssuedSignIn): void {
  const security = cookieSecurity(ctx, true);
  const open = requestCookies(ctx)
    .filter(({ name }) => name.startsWith(nameFor(security, SIGN_IN_COOKIE_PREFIX)))
    .sort((a, b) => issuedAtOf(b.value) - issuedAtOf(a.value));
  for (const stale of open.slice(MAX_OPEN_SIGN_INS - 1)) {
    ctx.cookies.set(stale.name, null, { ...security.options, overwrite: true });
  }
  ctx.cookies.set(nameFor(security, issued.cookieName), issued.cookieValue, {
    ...security.options,
    maxAge: STATE_TTL_MS,
    overwrite: true,
  });
}

/** The cookie of the sign-in with this nonce, under the only name this request may use for it. */
export function signInCookieOf(ctx: Context, nonce: string): string | undefined {
  return requestCookie(ctx, nameFor(cookieSecurity(ctx, true), `${SIGN_IN_COOKIE_PREFIX}${nonce}`));
}

export function clearSignInCookie(ctx: Context, nonce: string): void {
  const security = cookieSecurity(ctx, true);
  ctx.cookies.set(nameFor(security, `${SIGN_IN_COOKIE_PREFIX}${nonce}`), null, {
    ...security.options,
    overwrite: true,
  });
}

/** Vouches for the landing fragment carrying `nonce`; the page reads it, so it is not httpOnly, and deletes it. */
export function setLandingCookie(ctx: Context, nonce: string): void {
  const security = cookieSecurity(ctx, false);
  const [secureName, plainName] = landingCookieNames(nonce);
  ctx.cookies.set(security.secure ? secureName : plainName, '1', {
    ...security.options,
    maxAge: LANDING_COOKIE_MAX_AGE_SECONDS * 1000,
    overwrite: true,
  });
}

/** One per browser: a newer pending link replaces the one before. */
const PENDING_LINK_COOKIE = 'nb_wecom_link';

export function setPendingLinkCookie(ctx: Context, value: string): void {
  const security = cookieSecurity(ctx, true);
  ctx.cookies.set(nameFor(security, PENDING_LINK_COOKIE), value, {
    ...security.options,
    maxAge: PENDING_LINK_TTL_MS,
    overwrite: true,
  });
}

/** The pending link's cookie, under the only name this request may use for it. */
export function pendingLinkCookieOf(ctx: Context): string | undefined {
  return requestCookie(ctx, nameFor(cookieSecurity(ctx, true), PENDING_LINK_COOKIE));
}

export function clearPendingLinkCookie(ctx: Context): void {
  const security = cookieSecurity(ctx, true);
  ctx.cookies.set(nameFor(security, PENDING_LINK_COOKIE), null, { ...security.options, overwrite: true });
}
