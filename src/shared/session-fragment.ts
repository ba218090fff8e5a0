/**
 * How a fresh NocoBase token reaches the page it was issued for: in the URL's fragment, which browsers never send
 * to a server, never put in a Referer and which NocoBase's request log cannot see. The landing's own fragment rides
 * inside it and is put back when the page takes the session.
 *
 * A fragment alone could be forged into a link that signs a victim into someone else's account, so each carries a
 * nonce that must match a cookie the callback set on this origin: only a page the callback sent here can show it.
 */

export interface LandingSession {
  token: string;
  authenticator: string;
  /** Matches the landing cookie `LANDING_COOKIE_PREFIX + nonce`. */
  nonce: string;
  /** The landing's own fragment, `#…` or empty. */
  hash: string;
}

const MARKER = '#wecom-session:';
/** The callback's cookie that vouches for one landing fragment; its name ends with the fragment's nonce. */
export const LANDING_COOKIE_PREFIX = 'nb_wecom_landing_';
/** `__Host-` when the cookie is Secure: then no other host, a sibling subdomain included, can plant it. */
export const SECURE_COOKIE_PREFIX = '__Host-';
/** Long enough for a slow first page load in the WeCom webview, short enough to be of no use later. */
export const LANDING_COOKIE_MAX_AGE_SECONDS = 300;

export function encodeLandingSession(session: LandingSession): string {
  const params = new URLSearchParams({
    token: session.token,
    authenticator: session.authenticator,
    nonce: session.nonce,
    hash: session.hash.replace(/^#/, ''),
  });
  return `${MARKER}${params.toString()}`;
}

/** The session a landing fragment carries, or null when the fragment is not one. */
export function decodeLandingSession(hash: string): LandingSession | null {
  if (!hash.startsWith(MARKER)) return null;
  const params = new URLSearchParams(hash.slice(MARKER.length));
  const token = params.get('token');
  const authenticator = params.get('authenticator');
  const nonce = params.get('nonce');
  if (!token || !authenticator || !nonce || !/^[A-Za-z0-9]{16,64}$/.test(nonce)) return null;
  const inner = params.get('hash') ?? '';
  return { token, authenticator, nonce, hash: inner ? `#${inner}` : '' };
}

/** The names the landing cookie of `nonce` may have: Secure (`__Host-`) or plain. */
export function landingCookieNames(nonce: string): [string, string] {
  const name = `${LANDING_COOKIE_PREFIX}${nonce}`;
  return [`${SECURE_COOKIE_PREFIX}${name}`, name];
}
