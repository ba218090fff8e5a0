import { passWeCom } from '../src/testing/wecom-member.ts';
import { API_PREFIX, WECOM_AUTHENTICATOR } from './nocobase-app.ts';

/** Real user agents, as in the server tests (wecom-protocol.md §6). */
export const UA = {
  weComIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh ColorScheme/Light wwmver/3.26.13.714',
  desktopChrome:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36',
} as const;

const BROWSER_COOKIE = 'nb_wecom_browser';

/** Where our callback sent the browser, and whether that is a signed-in landing page. */
export interface CallbackAnswer {
  status: number;
  location: string;
}

export function isSignedIn(answer: CallbackAnswer): boolean {
  return answer.status === 302 && new URL(answer.location).searchParams.has('token');
}

/**
 * One browser over real HTTP: NocoBase's browser-binding cookie, and the WeCom client's signed-in member
 * (the sandbox's session cookie). Only what a sign-in needs; every other cookie is ignored.
 */
export class BenchBrowser {
  private bindingCookie: string | null = null;

  constructor(
    private readonly origin: string,
    readonly userAgent: string,
    readonly weComUser: string,
  ) {}

  /** POST /api/wecom:getAuthUrl → WeCom's URL; the first answer sets the browser-binding cookie. */
  async authUrl(redirect = '/admin'): Promise<string> {
    const answer = await fetch(`${this.origin}${API_PREFIX}/wecom:getAuthUrl`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': this.userAgent,
        'x-authenticator': WECOM_AUTHENTICATOR,
        ...this.cookieHeader(),
      },
      body: JSON.stringify({ redirect }),
    });
    this.keepBindingCookie(answer);
    const body = (await answer.json()) as { data?: { url?: unknown } };
    if (answer.status !== 200 || typeof body.data?.url !== 'string') {
      throw new Error(`getAuthUrl answered ${answer.status}: ${JSON.stringify(body)}`);
    }
    return body.data.url;
  }

  /** Gets the browser-binding cookie before sign-ins run in parallel, so they all share one instead of racing. */
  async ensureBinding(): Promise<void> {
    if (!this.bindingCookie) await this.authUrl();
  }

  /** What WeCom sends the browser back with, passing the consent page or the QR page as the member would. */
  passWeCom(weComUrl: string): Promise<string> {
    const isWebLogin = new URL(weComUrl).pathname.endsWith('/wwlogin/sso/login');
    return passWeCom(weComUrl, this, isWebLogin ? { scanAs: this.weComUser } : {});
  }

  /** GET /api/wecom:redirect?code&state with this browser's cookie: the timed step. */
  async callback(callbackUrl: string): Promise<CallbackAnswer> {
    const answer = await fetch(callbackUrl, {
      redirect: 'manual',
      headers: { 'user-agent': this.userAgent, ...this.cookieHeader() },
    });
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

  private cookieHeader(): Record<string, string> {
    return this.bindingCookie ? { cookie: `${BROWSER_COOKIE}=${this.bindingCookie}` } : {};
  }

  private keepBindingCookie(answer: Response): void {
    for (const header of answer.headers.getSetCookie()) {
      const match = new RegExp(`^${BROWSER_COOKIE}=([^;]*)`).exec(header);
      if (match?.[1]) this.bindingCookie = match[1];
    }
  }
}
