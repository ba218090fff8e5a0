import {
  APP,
  authorizeUrl,
  CALLBACK,
  CORP_ID,
  consentFields,
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

/** An app disabled (停用) in the admin console: 50003 from the API, close: 1, refusal pages. */
let sandbox: StartedSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

function disable(disabled = true) {
  return sandbox.control.configure({ apps: [{ agentId: APP.agentId, disabled }] });
}

function api(path: string, token: string, query: Record<string, string> = {}) {
  return getJson(`${sandbox.url}${path}?${new URLSearchParams({ access_token: token, ...query })}`);
}

const ERRMSG_50003 =
  /^app is disabled, hint: \[\d{10}_\d+_[0-9a-f]+\], from ip: 127\.0\.0\.1, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=50003$/;

describe('the API', () => {
  it('gettoken answers 50003 with a WeCom-style errmsg', async () => {
    await disable();
    const body = await getJson(
      `${sandbox.url}/cgi-bin/gettoken?${new URLSearchParams({ corpid: CORP_ID, corpsecret: APP.secret })}`,
    );
    expect(body.errcode).toBe(50003);
    expect(body.errmsg).toMatch(ERRMSG_50003);
    expect(body).not.toHaveProperty('access_token');
  });

  it.each([
    ['/cgi-bin/user/get', { userid: 'zhangsan' }],
    ['/cgi-bin/auth/getuserinfo', { code: 'whatever' }],
    ['/cgi-bin/get_jsapi_ticket', {}],
    ['/cgi-bin/ticket/get', { type: 'agent_config' }],
  ])('%s answers 50003 to a token issued before the app was disabled', async (path, query) => {
    const token = await fetchToken(sandbox);
    await disable();
    const body = await api(path, token, query);
    expect(body.errcode).toBe(50003);
    expect(body.errmsg).toMatch(ERRMSG_50003);
  });

  it('agent/get still answers, with close: 1, and close: 0 once the app is enabled again', async () => {
    const token = await fetchToken(sandbox);
    await disable();
    expect(await api('/cgi-bin/agent/get', token, { agentid: String(APP.agentId) })).toMatchObject({
      errcode: 0,
      agentid: APP.agentId,
      close: 1,
    });
    await disable(false);
    expect(await api('/cgi-bin/agent/get', token, { agentid: String(APP.agentId) })).toMatchObject({ close: 0 });
    expect(await api('/cgi-bin/user/get', token, { userid: 'zhangsan' })).toMatchObject({ errcode: 0 });
  });

  it('leaves the other apps of the corp alone', async () => {
    await sandbox.control.configure({
      apps: [
        {
          agentId: 1000003,
          name: 'Other',
          secret: 'other-secret',
          trustedDomain: 'other.example.com',
          trustedIps: null,
        },
      ],
    });
    await disable();
    const token = await fetchToken(sandbox, 'other-secret');
    expect(await api('/cgi-bin/user/get', token, { userid: 'zhangsan' })).toMatchObject({ errcode: 0 });
  });
});

describe('the sign-in pages', () => {
  const inClient = { headers: { 'user-agent': UA.weComIos, cookie: sessionCookie('zhangsan') } };

  async function expectRefusal(response: Response, status = 200): Promise<void> {
    expect(response.status).toBe(status);
    expect(response.headers.get('location')).toBeNull();
    const html = await response.text();
    expect(html).toContain('id="wecom-error"');
    expect(html).toContain('应用已停用');
    expect(html).toContain(APP.name);
  }

  it.each([
    ['snsapi_base', {}],
    ['snsapi_privateinfo', { scope: 'snsapi_privateinfo' }],
    ['no agentid', { agentid: '' }],
  ])('in-client OAuth (%s) shows the refusal page instead of redirecting', async (_name, params) => {
    await disable();
    await expectRefusal(await fetchManual(authorizeUrl(sandbox, params), inClient));
  });

  it('refuses a consent posted after the app was disabled', async () => {
    await disable();
    const response = await postForm(`${sandbox.url}/connect/oauth2/authorize/consent`, {
      ...consentFields('zhangsan'),
      decision: 'allow',
    });
    await expectRefusal(response, 400);
  });

  it('refuses a member whose consent is remembered, too', async () => {
    await postForm(`${sandbox.url}/connect/oauth2/authorize/consent`, {
      ...consentFields('zhangsan'),
      decision: 'allow',
    });
    await disable();
    await expectRefusal(await fetchManual(authorizeUrl(sandbox, { scope: 'snsapi_privateinfo' }), inClient));
  });

  it('web login shows the refusal page, and refuses a scan', async () => {
    await disable();
    await expectRefusal(await fetchManual(webLoginUrl(sandbox, {}), { headers: { 'user-agent': UA.chrome } }));
    const scan = await postForm(`${sandbox.url}/wwlogin/sso/login/scan`, {
      login_type: 'CorpApp',
      appid: CORP_ID,
      agentid: String(APP.agentId),
      redirect_uri: CALLBACK,
      state: 'st4te',
      userid: 'zhangsan',
    });
    await expectRefusal(scan, 400);
  });

  it('works again once the app is enabled', async () => {
    await disable();
    await disable(false);
    expect((await fetchManual(authorizeUrl(sandbox, {}), inClient)).status).toBe(302);
  });
});

describe('the control API', () => {
  it('answers disabled in the settings, and the home page shows it', async () => {
    expect((await disable()).apps[0]).toMatchObject({ agentId: APP.agentId, disabled: true });
    const html = await (await fetch(`${sandbox.url}/`)).text();
    expect(html).toContain('disabled (停用)');
  });

  it('refuses a disabled that is not a boolean', async () => {
    const response = await fetch(`${sandbox.url}/__sandbox/settings`, {
      method: 'PATCH',
      body: JSON.stringify({ apps: [{ agentId: APP.agentId, disabled: 'yes' }] }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain('disabled');
  });
});
