import { type Fetch, fetchPublicAuthenticators, getAuthUrl, getJsSdkConfig } from './api';
import { WeComSignInError } from './errors';

type Call = { url: string; init: RequestInit | undefined };

function fakeFetch(answer: () => Response | Promise<Response>): { fetch: Fetch; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, init });
      return answer();
    },
  };
}

const WEB_LOGIN = 'https://login.work.weixin.qq.com/wwlogin/sso/login?login_type=CorpApp&appid=ww1&agentid=1000002';

describe('getAuthUrl', () => {
  it('posts the page to return to, names the authenticator, and sends cookies', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({ data: { url: WEB_LOGIN } }));
    const url = await getAuthUrl({
      baseUrl: 'https://example.com/nocobase/',
      authenticator: 'wecom',
      redirect: '/nocobase/admin/x',
      locale: 'zh-CN',
      fetch,
    });
    expect(url).toBe(WEB_LOGIN);
    expect(calls).toEqual([
      {
        url: 'https://example.com/nocobase/api/wecom:getAuthUrl',
        init: {
          method: 'POST',
          credentials: 'include',
          headers: { 'Content-Type': 'application/json', 'X-Authenticator': 'wecom', 'X-Locale': 'zh-CN' },
          body: JSON.stringify({ redirect: '/nocobase/admin/x' }),
        },
      },
    ]);
  });

  it('leaves the landing page to the server when there is none', async () => {
    const { fetch, calls } = fakeFetch(() => Response.json({ data: { url: WEB_LOGIN } }));
    await getAuthUrl({ baseUrl: 'https://example.com', authenticator: 'wecom', fetch });
    expect(calls[0]?.init?.body).toBe('{}');
    expect(calls[0]?.init?.headers).not.toHaveProperty('X-Locale');
  });

  it("throws NocoBase's error answer as a typed error with the translated message", async () => {
    const { fetch } = fakeFetch(() =>
      Response.json(
        { errors: [{ message: '登录后返回的页面必须属于本站点。', code: 'REDIRECT_INVALID' }] },
        { status: 400 },
      ),
    );
    const failure = await getAuthUrl({
      baseUrl: 'https://example.com',
      authenticator: 'wecom',
      redirect: '//evil',
      fetch,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WeComSignInError);
    expect(failure).toMatchObject({
      code: 'REDIRECT_INVALID',
      status: 400,
      message: '登录后返回的页面必须属于本站点。',
    });
  });

  it.each([
    [
      'an unknown code',
      () => Response.json({ errors: [{ message: 'Nope', code: 'SOMETHING_ELSE' }] }, { status: 500 }),
      500,
    ],
    ['an HTML error page', () => new Response('<html>502 Bad Gateway</html>', { status: 502 }), 502],
    ['no url in the answer', () => Response.json({ data: {} }), null],
  ] as const)('reads %s as SIGN_IN_FAILED', async (_, answer, status) => {
    const { fetch } = fakeFetch(answer);
    await expect(getAuthUrl({ baseUrl: 'https://example.com', authenticator: 'wecom', fetch })).rejects.toMatchObject({
      name: 'WeComSignInError',
      code: 'SIGN_IN_FAILED',
      status,
    });
  });

  it('reads a network failure as SIGN_IN_FAILED without a status', async () => {
    const fetch: Fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const failure = await getAuthUrl({ baseUrl: 'https://example.com', authenticator: 'wecom', fetch }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'SIGN_IN_FAILED', status: null });
    expect((failure as Error).cause).toBeInstanceOf(TypeError);
  });
});

describe('fetchPublicAuthenticators', () => {
  it("reads NocoBase's public list", async () => {
    const { fetch, calls } = fakeFetch(() =>
      Response.json({
        data: [
          { name: 'basic', authType: 'Email/Password', title: 'Password', options: {} },
          {
            name: 'wecom',
            authType: 'wecom',
            title: 'WeCom',
            options: { corpId: 'ww1', agentId: '1000002', autoLogin: true },
          },
        ],
      }),
    );
    const list = await fetchPublicAuthenticators({ baseUrl: 'https://example.com/', fetch });
    expect(calls[0]?.url).toBe('https://example.com/api/authenticators:publicList');
    expect(calls[0]?.init?.method).toBe('GET');
    expect(list.map(({ name }) => name)).toEqual(['wecom']);
  });
});

describe('getJsSdkConfig', () => {
  it('posts the page URL and returns both signatures', async () => {
    const answer = {
      corpId: 'ww1',
      agentId: '1000002',
      config: {
        timestamp: 1_764_000_000,
        nonceStr: 'Wm3WZYTPz0wzccnW',
        signature: '0f9de62fce790f9a083d5c99e95740ceb90c27ed',
      },
      agentConfig: { timestamp: 1_764_000_000, nonceStr: 'Wm3WZYTPz0wzccnW', signature: 'ab'.repeat(20) },
    };
    const { fetch, calls } = fakeFetch(() => Response.json({ data: answer }));
    expect(
      await getJsSdkConfig({
        baseUrl: 'https://example.com',
        authenticator: 'wecom',
        url: 'https://example.com/m?x=1',
        fetch,
      }),
    ).toEqual(answer);
    expect(calls[0]?.url).toBe('https://example.com/api/wecom:getJsSdkConfig');
    expect(calls[0]?.init?.body).toBe('{"url":"https://example.com/m?x=1"}');
    expect(calls[0]?.init?.headers).toMatchObject({ 'X-Authenticator': 'wecom' });
  });

  it('refuses an answer without signatures', async () => {
    const { fetch } = fakeFetch(() => Response.json({ data: { corpId: 'ww1', agentId: '1', config: {} } }));
    await expect(
      getJsSdkConfig({ baseUrl: 'https://example.com', authenticator: 'wecom', url: 'https://example.com/', fetch }),
    ).rejects.toMatchObject({
      code: 'SIGN_IN_FAILED',
    });
  });

  it('passes on PAGE_URL_INVALID', async () => {
    const { fetch } = fakeFetch(() =>
      Response.json(
        { errors: [{ message: 'The page to sign must be on this site.', code: 'PAGE_URL_INVALID' }] },
        { status: 400 },
      ),
    );
    await expect(
      getJsSdkConfig({ baseUrl: 'https://example.com', authenticator: 'wecom', url: 'https://evil.example/', fetch }),
    ).rejects.toMatchObject({
      code: 'PAGE_URL_INVALID',
      status: 400,
    });
  });
});
