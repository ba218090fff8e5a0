import type { Fetch } from './api';
import type { WeComAuthenticator } from './authenticators';
import { WeComSignInError } from './errors';
import { type StartSignInOptions, startSignIn } from './start-sign-in';
import { OTHER_USER_AGENTS, WECOM_USER_AGENTS } from './user-agents.fixture';

const ORIGIN = 'https://nocobase.example.com';
const WEB_LOGIN =
  'https://login.work.weixin.qq.com/wwlogin/sso/login?login_type=CorpApp&appid=ww1&agentid=1000002&redirect_uri=https%3A%2F%2Fnocobase.example.com%2Fapi%2Fwecom%3Aredirect&state=Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z';
const SANDBOX_LOGIN = WEB_LOGIN.replace('https://login.work.weixin.qq.com', 'http://127.0.0.1:8787');
const IN_CLIENT = 'https://open.weixin.qq.com/connect/oauth2/authorize?appid=ww1&scope=snsapi_base#wechat_redirect';

const entry = (name: string, autoLogin: boolean): WeComAuthenticator => ({
  name,
  authType: 'wecom',
  title: name,
  options: { corpId: 'ww1', agentId: '1000002', autoLogin },
});

const page = (path: string) => {
  const url = new URL(path, ORIGIN);
  return { origin: url.origin, pathname: url.pathname, search: url.search, hash: url.hash };
};

interface Server {
  fetch: Fetch;
  /** The bodies and headers `getAuthUrl` was asked with. */
  asked: { authenticator: string | undefined; body: unknown }[];
  urls: string[];
}

/** NocoBase answering `getAuthUrl` with `url`, and the public list with `list`. */
function server(url: string, list: WeComAuthenticator[] = [entry('wecom', true)]): Server {
  const asked: Server['asked'] = [];
  const urls: string[] = [];
  const fetch: Fetch = async (input, init) => {
    urls.push(input);
    if (input.endsWith('/api/authenticators:publicList')) return Response.json({ data: list });
    const headers = (init?.headers ?? {}) as Record<string, string>;
    asked.push({ authenticator: headers['X-Authenticator'], body: JSON.parse(String(init?.body)) });
    return Response.json({ data: { url } });
  };
  return { fetch, asked, urls };
}

const desktop = (fetch: Fetch, change: Partial<StartSignInOptions> = {}): StartSignInOptions => ({
  baseUrl: ORIGIN,
  authenticator: 'wecom',
  location: page('/v/signin?redirect=%2Fv%2Fadmin%2Fusers'),
  userAgent: OTHER_USER_AGENTS.chromeWindows,
  fetch,
  ...change,
});

describe('startSignIn', () => {
  it("embeds WeCom's panel on a desktop, asking to land where the sign-in page was to return to", async () => {
    const { fetch, asked } = server(WEB_LOGIN);
    expect(await startSignIn(desktop(fetch))).toEqual({ kind: 'panel', url: WEB_LOGIN });
    expect(asked).toEqual([{ authenticator: 'wecom', body: { redirect: '/v/admin/users' } }]);
  });

  it('redirects where the panel cannot be shown: a sandbox or private login host', async () => {
    const { fetch } = server(SANDBOX_LOGIN);
    expect(await startSignIn(desktop(fetch))).toEqual({ kind: 'redirect', url: SANDBOX_LOGIN });
  });

  it('redirects in the WeCom client, which gets the in-client OAuth URL', async () => {
    const { fetch } = server(IN_CLIENT);
    expect(await startSignIn(desktop(fetch, { userAgent: WECOM_USER_AGENTS.ios }))).toEqual({
      kind: 'redirect',
      url: IN_CLIENT,
    });
    // Even should the server answer with a web-login URL: the webview has no use for the QR panel.
    const { fetch: webLogin } = server(WEB_LOGIN);
    expect((await startSignIn(desktop(webLogin, { userAgent: WECOM_USER_AGENTS.windows }))).kind).toBe('redirect');
  });

  it('redirects when the caller has nowhere to show the panel, asking once the URL is known', async () => {
    const { fetch } = server(WEB_LOGIN);
    const canShowPanel = vi.fn(() => false);
    expect(await startSignIn(desktop(fetch, { canShowPanel }))).toEqual({ kind: 'redirect', url: WEB_LOGIN });
    expect(canShowPanel).toHaveBeenCalledOnce();
  });

  it('chooses the authenticator from the public list when the page names none', async () => {
    const { fetch, asked, urls } = server(WEB_LOGIN, [entry('wecom-qr', false), entry('wecom', true)]);
    await startSignIn(desktop(fetch, { authenticator: null }));
    expect(urls[0]).toBe(`${ORIGIN}/api/authenticators:publicList`);
    expect(asked[0]?.authenticator).toBe('wecom');
    // A list the caller keeps is used instead of asking again.
    const kept = server(WEB_LOGIN, []);
    await startSignIn(
      desktop(kept.fetch, { authenticator: null, authenticators: async () => [entry('wecom-qr', false)] }),
    );
    expect(kept.urls).toEqual([`${ORIGIN}/api/wecom:getAuthUrl`]);
    expect(kept.asked[0]?.authenticator).toBe('wecom-qr');
  });

  it('is refused with AUTHENTICATOR_UNAVAILABLE when there is no WeCom authenticator, asking nothing more', async () => {
    const { fetch, urls } = server(WEB_LOGIN, []);
    const failure: unknown = await startSignIn(desktop(fetch, { authenticator: null })).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WeComSignInError);
    expect(failure).toMatchObject({ code: 'AUTHENTICATOR_UNAVAILABLE' });
    expect(urls).toEqual([`${ORIGIN}/api/authenticators:publicList`]);
  });

  it('lands by the shared rule: the page itself, never an API route, and the server decides for another origin', async () => {
    const { fetch, asked } = server(WEB_LOGIN);
    await startSignIn(desktop(fetch, { location: page('/admin/orders?tab=2#row-7') }));
    await startSignIn(desktop(fetch, { location: page('/signin?redirect=%2Fapi%2Fusers%3Adestroy') }));
    await startSignIn(desktop(fetch, { location: page('/v/signin') }));
    await startSignIn(desktop(fetch, { location: { ...page('/portal'), origin: 'https://portal.example.com' } }));
    await startSignIn(desktop(fetch, { baseUrl: `${ORIGIN}/nocobase`, location: page('/nocobase/signin') }));
    expect(asked.map(({ body }) => body)).toEqual([
      { redirect: '/admin/orders?tab=2#row-7' },
      { redirect: '/admin' },
      { redirect: '/v/admin' },
      {},
      { redirect: '/nocobase/admin' },
    ]);
  });

  it("passes on the server's refusal", async () => {
    const fetch: Fetch = async () =>
      Response.json({ errors: [{ code: 'REDIRECT_INVALID', message: 'no' }] }, { status: 400 });
    await expect(startSignIn(desktop(fetch))).rejects.toMatchObject({ code: 'REDIRECT_INVALID', status: 400 });
  });
});
