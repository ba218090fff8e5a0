import { randomBytes } from 'node:crypto';
import type { Context } from '@nocobase/actions';
import { encodeLandingSession } from '../../shared/session-fragment';
import { setLandingCookie } from '../sign-in-cookies';

/**
 * Where a finished sign-in sends the browser: the landing on Origin, with the token in the fragment (never in a
 * query, a Referer or a log), vouched for by a cookie set in the same answer. The fragment also stops WeCom's
 * `#wechat_redirect` from following the browser, as a Location without one would inherit it.
 */
export function landingUrl(
  ctx: Context,
  session: { origin: string; landing: string; token: string; authenticator: string },
): string {
  const nonce = randomBytes(16).toString('hex');
  setLandingCookie(ctx, nonce);
  const at = session.landing.indexOf('#');
  const path = at < 0 ? session.landing : session.landing.slice(0, at);
  const hash = at < 0 ? '' : session.landing.slice(at);
  const fragment = encodeLandingSession({ token: session.token, authenticator: session.authenticator, nonce, hash });
  return `${session.origin}${path}${fragment}`;
}
