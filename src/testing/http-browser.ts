import { SANDBOX_SESSION_COOKIE } from '../sandbox/index.ts';
import { decodeLandingSession } from '../shared/session-fragment.ts';
import { DESKTOP_USER_AGENT } from './chromium.ts';

/** Real user agents (wecom-protocol.md §6). */
export const USER_AGENTS = {
  weComIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 wxwork/4.1.30 MicroMessenger/7.0.1 Language/zh ColorScheme/Light wwmver/3.26.13.714',
  desktopChrome: DESKTOP_USER_AGENT,
} as const;

/** What the person does on WeCom's pages: allow or deny consent, or whom to scan the QR page as. */
export interface WeComChoice {
  consent?: 'allow' | 'deny';
  scanAs?: string;
}

export interface HttpSignIn {
  /** Where the sign-in finally sent the browser, on the NocoBase origin. */
  landed: URL;
  /** The token the landing URL carries in its fragment, when the sign-in succeeded. */
  token?: string;
  /** `error` of the landing URL (the sign-in page), when it failed. */
  error?: string;
  /** Whether WeCom showed its consent page on the way. */
  consentAsked: boolean;
  /** Every URL the browser went through, for error messages. */
  hops: string[];
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** The hidden fields of the sandbox's consent or scan form, as a browser would submit them. */
function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[decodeEntities(match[1] ?? '')] = decodeEntities(match[2] ?? '');
  }
  return fields;
}

/**
 * A browser over plain HTTP: follows redirects by hand, keeps NocoBase's cookies (the plugin binds the
 * sign-in state to one), and carries the sandbox's session cookie naming who is signed in to the WeCom
 * client. Enough to drive a whole WeCom sign-in against a running app without a real browser.
 */
export class HttpBrowser {
  private readonly cookies = new Map<string, Map<string, string>>();

  constructor(
    readonly appUrl: string,
    readonly userAgent: string,
    /** The WeCom client user: a userid, or `openid:X` for someone outside the corp; null when signed out. */
    readonly weComUser: string | null = null,
  ) {}

  private cookieHeader(url: URL, sandboxSession: boolean): string {
    const jar = new Map(this.cookies.get(url.host));
    if (sandboxSession && this.weComUser) jar.set(SANDBOX_SESSION_COOKIE, encodeURIComponent(this.weComUser));
    return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(url: URL, answer: Response): void {
    const jar = this.cookies.get(url.host) ?? new Map<string, string>();
    for (const line of answer.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    this.cookies.set(url.host, jar);
  }

  async request(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<Response> {
    const target = new URL(url);
    const isApp = target.origin === new URL(this.appUrl).origin;
    const headers: Record<string, string> = { 'User-Agent': this.userAgent, ...init.headers };
    const cookie = this.cookieHeader(target, !isApp);
    if (cookie) headers.Cookie = cookie;
    const answer = await fetch(target, { method: init.method ?? 'GET', headers, body: init.body, redirect: 'manual' });
    this.remember(target, answer);
    return answer;
  }

  /** `POST /api/wecom:getAuthUrl`: the WeCom URL a sign-in starts at; `headers` are sent besides (a forged one, say). */
  async getAuthUrl(authenticator: string, redirect?: string, headers: Record<string, string> = {}): Promise<string> {
    const answer = await this.request(`${this.appUrl}/api/wecom:getAuthUrl`, {
      method: 'POST',
      headers: { ...headers, 'X-Authenticator': authenticator, 'Content-Type': 'application/json' },
      body: JSON.stringify(redirect ? { redirect } : {}),
    });
    const text = await answer.text();
    if (answer.status !== 200) throw new Error(`getAuthUrl answered ${answer.status}: ${text}`);
    const url: unknown = (JSON.parse(text) as { data?: { url?: unknown } }).data?.url;
    if (typeof url !== 'string') throw new Error(`getAuthUrl returned no url: ${text}`);
    return url;
  }

  /** Submits the consent or scan form of a sandbox page, as the person's click would. */
  private async submitWeComPage(pageUrl: URL, html: string, choice: WeComChoice): Promise<Response> {
    const isScan = html.includes('/wwlogin/sso/login/scan');
    const fields = hiddenFields(html);
    if (isScan) {
      if (choice.scanAs) fields.userid = choice.scanAs;
      else fields.decision = 'deny';
    } else {
      fields.decision = choice.consent ?? 'allow';
    }
    const action = isScan ? '/wwlogin/sso/login/scan' : '/connect/oauth2/authorize/consent';
    return this.request(new URL(action, pageUrl).href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /**
   * Follows a sign-in from `startUrl` until it lands on a NocoBase page (not `/api/`), answering WeCom's
   * consent and scan pages on the way. At most 12 hops, so a redirect loop fails instead of hanging.
   */
  async follow(startUrl: string, choice: WeComChoice = {}): Promise<HttpSignIn> {
    const hops: string[] = [];
    let consentAsked = false;
    let url = new URL(startUrl, this.appUrl);
    for (let hop = 0; hop < 12; hop++) {
      hops.push(url.href);
      if (url.origin === new URL(this.appUrl).origin && !url.pathname.startsWith('/api/')) {
        const token = decodeLandingSession(url.hash)?.token;
        const error = url.searchParams.get('error') ?? undefined;
        return { landed: url, token, error, consentAsked, hops };
      }
      let answer = await this.request(url.href);
      if (answer.status === 200) {
        const html = await answer.text();
        if (!html.includes('<form method="post"')) {
          throw new Error(`stuck on a page without a form at ${url.href}: ${html.slice(0, 400)}`);
        }
        consentAsked ||= html.includes('wecom-consent-allow');
        answer = await this.submitWeComPage(url, html, choice);
      }
      const location = answer.headers.get('location');
      if (answer.status !== 302 || !location) {
        throw new Error(
          `expected a redirect from ${url.href}, got ${answer.status}: ${(await answer.text()).slice(0, 400)}`,
        );
      }
      url = new URL(location, url);
    }
    throw new Error(`the sign-in did not land on NocoBase: ${hops.join(' → ')}`);
  }

  async signIn(authenticator: string, choice: WeComChoice = {}): Promise<HttpSignIn> {
    return this.follow(await this.getAuthUrl(authenticator), choice);
  }
}
