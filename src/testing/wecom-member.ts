import { SANDBOX_SESSION_COOKIE } from '../sandbox/index.ts';

export interface MemberChoice {
  /**
   * On the consent page of `snsapi_privateinfo`. @default 'allow'. WeCom shows no page to a member who allowed
   * within the last 30 days, so 'deny' needs a fresh consent (`control.forgetConsents`, or `reset`).
   */
  consent?: 'allow' | 'deny';
  /** On the web-login (QR) page: the member who "scans", or 'deny'. */
  scanAs?: string;
}

/**
 * What the sandbox WeCom sends a browser back with (our callback URL with code and state) for a URL of ours,
 * passing the consent page or the QR page on the way as the member would. `weComUser` is who is signed in to
 * the WeCom client (a userid, or `openid:X` for a non-member). A `snsapi_privateinfo` authorization comes back
 * either through the consent page or, for a member whose consent WeCom remembers, straight away.
 */
export async function passWeCom(
  url: string,
  browser: { userAgent: string; weComUser: string | null },
  choice: MemberChoice = {},
): Promise<string> {
  const headers: Record<string, string> = { 'user-agent': browser.userAgent };
  if (browser.weComUser) headers.cookie = `${SANDBOX_SESSION_COOKIE}=${encodeURIComponent(browser.weComUser)}`;
  const answer = await fetch(url, { redirect: 'manual', headers });
  const page = await answer.text();
  const weComUrl = new URL(url);
  const params = Object.fromEntries(weComUrl.searchParams);
  const isWebLogin = weComUrl.pathname.endsWith('/wwlogin/sso/login');
  if (answer.status === 302) {
    // A remembered consent leaves nothing to deny: say so, rather than let the test see a sign-in it did not ask for.
    if (!isWebLogin && params.scope === 'snsapi_privateinfo' && choice.consent === 'deny') {
      throw new Error('WeCom remembered this member’s consent, so there was no page to deny on; forget it first');
    }
    return answer.headers.get('location') ?? '';
  }
  if (!isWebLogin && !page.includes('wecom-consent-allow')) throw new Error(`WeCom showed no consent page: ${page}`);
  const form = isWebLogin
    ? { ...params, ...(choice.scanAs === 'deny' ? { decision: 'deny' } : { userid: choice.scanAs ?? '' }) }
    : { ...params, userid: browser.weComUser ?? '', decision: choice.consent ?? 'allow' };
  const posted = await fetch(
    new URL(isWebLogin ? '/wwlogin/sso/login/scan' : '/connect/oauth2/authorize/consent', url),
    {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': browser.userAgent },
      body: new URLSearchParams(form),
    },
  );
  const body = await posted.text();
  if (posted.status !== 302) throw new Error(`WeCom answered ${posted.status}: ${body}`);
  return posted.headers.get('location') ?? '';
}
