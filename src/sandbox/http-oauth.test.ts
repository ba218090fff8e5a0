import {
  APP,
  authorizeUrl,
  CALLBACK,
  CORP_ID,
  codeFrom,
  consentFields,
  fetchManual,
  fetchToken,
  getJson,
  postForm,
  sessionCookie,
  startTestSandbox,
  UA,
} from './test-support.ts';
import type { StartedSandbox } from './types.ts';

/** In-client OAuth2: /connect/oauth2/authorize and its consent page. */
let sandbox: StartedSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

/** `userid` null: no session cookie at all. */
function inClient(url: string, userid: string | null = 'zhangsan'): Promise<Response> {
  return fetchManual(url, {
    headers: { 'user-agent': UA.weComIos, ...(userid === null ? {} : { cookie: sessionCookie(userid) }) },
  });
}

async function exchange(code: string | undefined) {
  const token = await fetchToken(sandbox);
  return getJson(`${sandbox.url}/cgi-bin/auth/getuserinfo?access_token=${token}&code=${code ?? ''}`);
}

describe('outside the WeCom client', () => {
  it.each([
    ['a desktop browser', UA.chrome],
    ['personal WeChat', UA.weChatWindows],
  ])('shows "open in the WeCom client" to %s and never redirects', async (_name, userAgent) => {
    const response = await fetchManual(authorizeUrl(sandbox, {}), {
      headers: { 'user-agent': userAgent, cookie: sessionCookie('zhangsan') },
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('请在企业微信客户端打开链接');
    expect(html).toContain('Please open this link in the WeCom client');
  });

  it('accepts the private-deployment client (wxworklocal/)', async () => {
    const response = await fetchManual(authorizeUrl(sandbox, {}), {
      headers: { 'user-agent': UA.weComPrivate, cookie: sessionCookie('zhangsan') },
    });
    expect(response.status).toBe(302);
  });
});

describe('request validation', () => {
  it.each([
    ['a foreign appid', { appid: 'wwother' }, 'appid'],
    ['snsapi_privateinfo without agentid', { scope: 'snsapi_privateinfo', agentid: '' }, 'agentid'],
    ['an unknown agentid', { agentid: '999' }, '999'],
    [
      'another port than the trusted domain',
      { redirect_uri: 'http://127.0.0.1:13001/cb' },
      'redirect_uri需使用应用可信域名',
    ],
    ['another host', { redirect_uri: 'https://evil.example.com/cb' }, 'redirect_uri需使用应用可信域名'],
    ['a redirect_uri that is not a URL', { redirect_uri: 'cb' }, '参数错误'],
    ['no agentid and a domain of no app', { agentid: '', redirect_uri: 'http://x.example.com/cb' }, '可信域名'],
    ['a state outside a-zA-Z0-9', { state: 'a-b' }, 'state'],
  ])('shows an error page for %s', async (_name, params, text) => {
    const response = await inClient(authorizeUrl(sandbox, params));
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    const html = await response.text();
    expect(html).toContain('id="wecom-error"');
    expect(html).toContain(text);
  });

  it('refuses an explicit :443 the trusted domain lacks (a proxy appending the port)', async () => {
    await sandbox.control.configure({ apps: [{ agentId: APP.agentId, trustedDomain: 'nocobase.example.com' }] });
    const refused = await inClient(authorizeUrl(sandbox, { redirect_uri: 'https://nocobase.example.com:443/cb' }));
    expect(await refused.text()).toContain('redirect_uri需使用应用可信域名');
    const accepted = await inClient(authorizeUrl(sandbox, { redirect_uri: 'https://nocobase.example.com/cb' }));
    expect(accepted.status).toBe(302);
  });

  it('accepts no agentid when some app of the corp has the domain', async () => {
    const response = await inClient(authorizeUrl(sandbox, { agentid: '' }));
    expect(response.status).toBe(302);
  });

  it('shows "not signed in" without a session or default client user', async () => {
    const html = await (await inClient(authorizeUrl(sandbox, {}), null)).text();
    expect(html).toContain('not signed in');
  });

  it('uses defaultClientUser when there is no session cookie', async () => {
    await sandbox.control.configure({ defaultClientUser: 'lisi' });
    const response = await inClient(authorizeUrl(sandbox, {}), null);
    expect(await exchange(codeFrom(response.headers.get('location')))).toMatchObject({ userid: 'lisi' });
  });

  it('refuses a session naming no member', async () => {
    const html = await (await inClient(authorizeUrl(sandbox, {}), 'ghost')).text();
    expect(html).toContain('not a member');
  });
});

describe('snsapi_base', () => {
  it('redirects silently with code and state, keeping the redirect_uri query', async () => {
    const redirectUri = `${CALLBACK}?authenticator=wecom&next=%2Fadmin`;
    const response = await inClient(authorizeUrl(sandbox, { redirect_uri: redirectUri, state: 'Abc123' }));
    expect(response.status).toBe(302);
    const location = new URL(String(response.headers.get('location')));
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(location.searchParams.get('authenticator')).toBe('wecom');
    expect(location.searchParams.get('next')).toBe('/admin');
    expect(location.searchParams.get('state')).toBe('Abc123');
    expect(location.searchParams.get('code')).toMatch(/^[\w-]{20,512}$/);
  });

  it('gives a non-member an openid code', async () => {
    const response = await inClient(authorizeUrl(sandbox, {}), 'openid:oGuest01');
    const body = await exchange(codeFrom(response.headers.get('location')));
    expect(body).toMatchObject({ errcode: 0, openid: 'oGuest01' });
    expect(typeof body.external_userid).toBe('string');
    expect(body).not.toHaveProperty('userid');
  });
});

describe('the trusted domain at the code exchange (50001)', () => {
  const ERRMSG_50001 =
    /^redirect_url not registered as trusted domain, hint: \[\d{10}_\d+_[0-9a-f]+\], from ip: 127\.0\.0\.1, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=50001$/;

  async function codeFor(params: Record<string, string> = {}): Promise<string | undefined> {
    return codeFrom((await inClient(authorizeUrl(sandbox, params))).headers.get('location'));
  }

  it('answers 50001 when the admin changed the trusted domain between authorize and callback', async () => {
    const code = await codeFor();
    await sandbox.control.configure({ apps: [{ agentId: APP.agentId, trustedDomain: 'nocobase.example.com' }] });
    const body = await exchange(code);
    expect(body.errcode).toBe(50001);
    expect(body.errmsg).toMatch(ERRMSG_50001);
    expect(body).not.toHaveProperty('userid');
  });

  it('uses the code up: a retry after the domain is back answers 40029', async () => {
    const code = await codeFor();
    await sandbox.control.configure({ apps: [{ agentId: APP.agentId, trustedDomain: 'nocobase.example.com' }] });
    await exchange(code);
    await sandbox.control.configure({ apps: [{ agentId: APP.agentId, trustedDomain: APP.trustedDomain }] });
    expect(await exchange(code)).toMatchObject({ errcode: 40029 });
  });

  it('compares the host at exchange time, port included', async () => {
    const code = await codeFor();
    const [hostname] = APP.trustedDomain.split(':');
    await sandbox.control.configure({ apps: [{ agentId: APP.agentId, trustedDomain: `${hostname}:13001` }] });
    await sandbox.control.configure({ apps: [{ agentId: APP.agentId, trustedDomain: APP.trustedDomain }] });
    expect(await exchange(code)).toMatchObject({ errcode: 0, userid: 'zhangsan' });
    const other = await codeFor();
    await sandbox.control.configure({ apps: [{ agentId: APP.agentId, trustedDomain: `${hostname}:13001` }] });
    expect(await exchange(other)).toMatchObject({ errcode: 50001 });
  });

  it('answers 50001 for a consented snsapi_privateinfo code and a non-member code too', async () => {
    const consented = codeFrom(
      (
        await postForm(`${sandbox.url}/connect/oauth2/authorize/consent`, {
          ...consentFields('zhangsan'),
          decision: 'allow',
        })
      ).headers.get('location'),
    );
    const external = codeFrom((await inClient(authorizeUrl(sandbox, {}), 'openid:oGuest01')).headers.get('location'));
    await sandbox.control.configure({ apps: [{ agentId: APP.agentId, trustedDomain: 'nocobase.example.com' }] });
    expect(await exchange(consented)).toMatchObject({ errcode: 50001 });
    expect(await exchange(external)).toMatchObject({ errcode: 50001 });
  });
});

describe('snsapi_privateinfo consent', () => {
  const privateInfo = { scope: 'snsapi_privateinfo' };

  it('shows a consent page naming the app and the fields, with stable button ids', async () => {
    const response = await inClient(authorizeUrl(sandbox, privateInfo));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(APP.name);
    expect(html).toContain('手机 mobile');
    expect(html).toContain('action="/connect/oauth2/authorize/consent"');
    expect(html).toContain('id="wecom-consent-allow"');
    expect(html).toContain('id="wecom-consent-deny"');
    expect(html).toContain('name="userid" value="zhangsan"');
  });

  const consentFields = {
    appid: CORP_ID,
    redirect_uri: CALLBACK,
    scope: 'snsapi_privateinfo',
    state: 'st4te',
    agentid: String(APP.agentId),
    userid: 'zhangsan',
  };

  it('allow: redirects with a code that yields a user_ticket', async () => {
    const response = await postForm(`${sandbox.url}/connect/oauth2/authorize/consent`, {
      ...consentFields,
      decision: 'allow',
    });
    expect(response.status).toBe(302);
    const location = new URL(String(response.headers.get('location')));
    expect(location.searchParams.get('state')).toBe('st4te');
    const body = await exchange(location.searchParams.get('code') ?? undefined);
    expect(body).toMatchObject({ errcode: 0, userid: 'zhangsan', expires_in: 1800 });
    expect(typeof body.user_ticket).toBe('string');
  });

  it('deny: redirects with the state only', async () => {
    const response = await postForm(`${sandbox.url}/connect/oauth2/authorize/consent`, {
      ...consentFields,
      decision: 'deny',
    });
    expect(response.status).toBe(302);
    const location = new URL(String(response.headers.get('location')));
    expect(location.searchParams.has('code')).toBe(false);
    expect(location.searchParams.get('state')).toBe('st4te');
  });

  it('re-validates the posted request', async () => {
    const response = await postForm(`${sandbox.url}/connect/oauth2/authorize/consent`, {
      ...consentFields,
      redirect_uri: 'https://evil.example.com/cb',
      decision: 'allow',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('skips consent for a non-member, who has no private info', async () => {
    const response = await inClient(authorizeUrl(sandbox, privateInfo), 'openid:oGuest01');
    expect(response.status).toBe(302);
    expect(await exchange(codeFrom(response.headers.get('location')))).toMatchObject({ openid: 'oGuest01' });
  });
});

describe('session endpoint', () => {
  it('signs the browser in to the simulated client and redirects to next', async () => {
    const next = authorizeUrl(sandbox, {});
    const response = await fetchManual(
      `${sandbox.url}/__sandbox/session?${new URLSearchParams({ userid: 'lisi', next })}`,
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(next);
    const cookie = String(response.headers.get('set-cookie'));
    expect(cookie).toContain('wecom_sandbox_user=lisi');
    expect(cookie).toContain('Path=/');
  });

  it('clears the session with an empty userid and shows a page without next', async () => {
    const response = await fetchManual(`${sandbox.url}/__sandbox/session?userid=`);
    expect(response.status).toBe(200);
    expect(String(response.headers.get('set-cookie'))).toContain('Max-Age=0');
  });

  it('refuses an unknown member', async () => {
    const response = await fetchManual(`${sandbox.url}/__sandbox/session?userid=ghost`);
    expect(response.status).toBe(400);
  });
});
