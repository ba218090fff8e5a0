import { PANEL_DENIED } from './routes-web-login.ts';
import {
  APP,
  CALLBACK,
  CORP_ID,
  codeFrom,
  fetchManual,
  fetchToken,
  getJson,
  postForm,
  sessionCookie,
  startTestSandbox,
  UA,
  webLoginUrl,
} from './test-support.ts';
import type { StartedSandbox } from './types.ts';

/** Desktop web login: /wwlogin/sso/login, the "QR scan" page and the three redirect types. */
let sandbox: StartedSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

const scanFields = {
  login_type: 'CorpApp',
  appid: CORP_ID,
  agentid: String(APP.agentId),
  redirect_uri: CALLBACK,
  state: 'st4te',
};

function scan(fields: Record<string, string>): Promise<Response> {
  return postForm(`${sandbox.url}/wwlogin/sso/login/scan`, { ...scanFields, ...fields });
}

describe('login page', () => {
  it('lists the members to scan as, a deny button, and posts to the scan endpoint', async () => {
    const response = await fetchManual(webLoginUrl(sandbox, {}), { headers: { 'user-agent': UA.chrome } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('id="wecom-scan-zhangsan"');
    expect(html).toContain('data-userid="lisi"');
    expect(html).toContain('id="wecom-scan-deny"');
    expect(html).toContain('action="/wwlogin/sso/login/scan"');
    expect(html).toContain('name="state" value="st4te"');
  });

  it('offers the signed-in desktop client user first', async () => {
    const response = await fetchManual(webLoginUrl(sandbox, {}), { headers: { cookie: sessionCookie('lisi') } });
    const html = await response.text();
    expect(html).toContain('WeCom desktop is signed in');
    expect(html.indexOf('id="wecom-scan-lisi"')).toBeLessThan(html.indexOf('id="wecom-scan-zhangsan"'));
  });

  it.each([
    ['login_type ServiceApp', { login_type: 'ServiceApp' }, 'CorpApp'],
    ['a foreign appid', { appid: 'wwother' }, 'appid'],
    ['no agentid', { agentid: '' }, 'agentid'],
    ['an unknown agentid', { agentid: '999' }, '999'],
    [
      'a foreign callback domain',
      { redirect_uri: 'https://evil.example.com/cb' },
      'redirect_uri 与配置的授权完成回调域名不一致',
    ],
  ])('shows an error page for %s', async (_name, params, text) => {
    const response = await fetchManual(webLoginUrl(sandbox, params));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('id="wecom-error"');
    expect(html).toContain(text);
  });
});

describe('scan result', () => {
  it('redirects with code and state; the code yields the userid and never a user_ticket', async () => {
    const response = await scan({ userid: 'zhangsan' });
    expect(response.status).toBe(302);
    const location = new URL(String(response.headers.get('location')));
    expect(location.searchParams.get('state')).toBe('st4te');
    const token = await fetchToken(sandbox);
    const body = await getJson(
      `${sandbox.url}/cgi-bin/auth/getuserinfo?access_token=${token}&code=${location.searchParams.get('code')}`,
    );
    expect(body).toEqual({ errcode: 0, errmsg: 'ok', userid: 'zhangsan' });
  });

  it('deny: redirects with the state only', async () => {
    const response = await scan({ decision: 'deny' });
    expect(response.status).toBe(302);
    const location = new URL(String(response.headers.get('location')));
    expect(location.searchParams.has('code')).toBe(false);
    expect(location.searchParams.get('state')).toBe('st4te');
  });

  it('refuses a member outside the visible range', async () => {
    const response = await scan({ userid: 'sunqi' });
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('你没有此应用的使用权限');
  });

  it('re-validates the posted request', async () => {
    const response = await scan({ userid: 'zhangsan', redirect_uri: 'https://evil.example.com/cb' });
    expect(response.status).toBe(400);
  });

  it('gives a code that answers 50001 once the callback domain is no longer the trusted domain', async () => {
    const response = await scan({ userid: 'zhangsan' });
    const code = new URL(String(response.headers.get('location'))).searchParams.get('code');
    await sandbox.control.configure({ apps: [{ agentId: APP.agentId, trustedDomain: 'nocobase.example.com' }] });
    const token = await fetchToken(sandbox);
    const body = await getJson(`${sandbox.url}/cgi-bin/auth/getuserinfo?access_token=${token}&code=${code}`);
    expect(body.errcode).toBe(50001);
    expect(body.errmsg).toMatch(/^redirect_url not registered as trusted domain, hint: .+\?e=50001$/);
  });
});

describe('embedded panel', () => {
  function postedMessage(html: string): unknown {
    const match = /var message = ("(?:[^"\\]|\\.)*");/.exec(html);
    return match?.[1] === undefined ? undefined : JSON.parse(JSON.parse(match[1]));
  }

  it('redirect_type=callback posts onLoginSuccess with the code to window.parent', async () => {
    const response = await scan({ userid: 'zhangsan', redirect_type: 'callback' });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('window.parent.postMessage(message');
    const message = postedMessage(html) as { args: { payload: { code: string } } };
    expect(message).toMatchObject({
      type: 'ww-iframe-handle:call',
      args: { type: 'call', name: 'onLoginSuccess', payload: { code: expect.any(String) } },
    });
    const token = await fetchToken(sandbox);
    const body = await getJson(
      `${sandbox.url}/cgi-bin/auth/getuserinfo?access_token=${token}&code=${message.args.payload.code}`,
    );
    expect(body).toMatchObject({ errcode: 0, userid: 'zhangsan' });
  });

  it('redirect_type=callback posts onLoginFail on deny', async () => {
    const html = await (await scan({ decision: 'deny', redirect_type: 'callback' })).text();
    expect(postedMessage(html)).toEqual({
      type: 'ww-iframe-handle:call',
      args: { type: 'call', name: 'onLoginFail', payload: PANEL_DENIED },
    });
  });

  it('redirect_type=top navigates the top window to the callback', async () => {
    const html = await (await scan({ userid: 'zhangsan', redirect_type: 'top' })).text();
    const target = /window\.top\.location\.href = "([^"]+)"/.exec(html)?.[1];
    expect(target?.startsWith(`${CALLBACK}?code=`)).toBe(true);
    expect(codeFrom(target ?? null)).toBeDefined();
  });

  it('carries redirect_type through the login page form', async () => {
    const html = await (
      await fetchManual(webLoginUrl(sandbox, { redirect_type: 'callback', version: '2.4.4' }))
    ).text();
    expect(html).toContain('name="redirect_type" value="callback"');
  });
});
