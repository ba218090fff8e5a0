import { decodeLandingSession } from '../src/shared/session-fragment.ts';
import { passWeCom } from '../src/testing/wecom-member.ts';
import { API_PREFIX, WECOM_AUTHENTICATOR } from './app-names.ts';

/** Real user agents, as in the server tests (wecom-protocol.md §6). */
export const UA = {
  weComIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh ColorScheme/Light wwmver/3.26.13.714',
  desktopChrome:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36',
} as const;

/** Each sign-in's cookie is named after the nonce that starts its state (`src/server/sign-in-state.ts`). */
const SIGN_IN_COOKIE = /^(nb_wecom_signin_([0-9a-f]{24}))=([^;]*)/;

/** Where our callback sent the browser, and whether that is a signed-in landing page. */
export interface CallbackAnswer {
  status: number;
  location: string;
}

export function isSignedIn(answer: CallbackAnswer): boolean {
  return answer.status === 302 && decodeLandingSession(new URL(answer.location).hash) !== null;
}

/**
 * One browser over real HTTP: the cookie of each sign-in it started, and the WeCom client's signed-in member
 * (the sandbox's session cookie). Only what a sign-in needs; every other cookie is ignored. It keeps every
 * sign-in's cookie (a real browser keeps three), so the bench can prepare many sign-ins before timing them.
 */
export class BenchBrowser {
  /** nonce → `name=value` of that sign-in's cookie */
  private readonly signInCookies = new Map<string, string>();

  constructor(
    private readonly origin: string,
    readonly userAgent: string,
    readonly weComUser: string,
    private readonly authenticator: string = WECOM_AUTHENTICATOR,
  ) {}

  /** POST /api/wecom:getAuthUrl → WeCom's URL; the first answer sets the browser-binding cookie. */
  async authUrl(redirect = '/admin'): Promise<string> {
    const answer = await fetch(`${this.origin}${API_PREFIX}/wecom:getAuthUrl`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': this.userAgent,
        'x-authenticator': this.authenticator,
      },
      body: JSON.stringify({ redirect }),
    });
    this.keepSignInCookies(answer);
    const body = (await answer.json()) as { data?: { url?: unknown } };
    if (answer.status !== 200 || typeof body.data?.url !== 'string') {
      throw new Error(`getAuthUrl answered ${answer.status}: ${JSON.stringify(body)}`);
    }
    return body.data.url;
  }

  /** What WeCom sends the browser back with, passing the consent page or the QR page as the member would. */
  passWeCom(weComUrl: string): Promise<string> {
    const isWebLogin = new URL(weComUrl).pathname.endsWith('/wwlogin/sso/login');
    return passWeCom(weComUrl, this, isWebLogin ? { scanAs: this.weComUser } : {});
  }

  /** GET /api/wecom:redirect?code&state with the cookie of the sign-in it finishes: the timed step. */
  async callback(callbackUrl: string): Promise<CallbackAnswer> {
    const nonce = (new URL(callbackUrl).searchParams.get('state') ?? '').slice(0, 24);
    const cookie = this.signInCookies.get(nonce);
    this.signInCookies.delete(nonce);
    const answer = await fetch(callbackUrl, {
      redirect: 'manual',
      headers: { 'user-agent': this.userAgent, ...(cookie ? { cookie } : {}) },
    });
    // The consent round starts a sign-in of its own.
    this.keepSignInCookies(answer);
    await answer.arrayBuffer();
    return { status: answer.status, location: answer.headers.get('location') ?? '' };
  }

  /** A whole sign-in, following our callback back to WeCom (the consent round) until it lands on NocoBase. */
  async signIn(): Promise<CallbackAnswer> {
    let weComUrl = await this.authUrl();
    // base round, then at most the privateinfo round; more would be a loop.
    for (let round = 0; round < 3; round++) {
      const answer = await this.callback(await this.passWeCom(weComUrl));
      if (answer.status !== 302 || answer.location.startsWith(this.origin)) return answer;
      weComUrl = answer.location;
    }
    throw new Error('the sign-in kept going back to WeCom');
  }

  private keepSignInCookies(answer: Response): void {
    for (const header of answer.headers.getSetCookie()) {
      const match = SIGN_IN_COOKIE.exec(header);
      if (match?.[1] && match[2] && match[3]) this.signInCookies.set(match[2], `${match[1]}=${match[3]}`);
    }
  }
}
