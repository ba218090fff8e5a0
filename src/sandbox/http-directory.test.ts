import { FIELDS_HIDDEN_FROM_NEW_APPS } from './directory.ts';
import {
  APP,
  baseCode,
  fetchToken,
  getJson,
  postJson,
  privateInfoCode,
  startTestSandbox,
  type WeComBody,
} from './test-support.ts';
import type { StartedSandbox } from './types.ts';

/** The identity and directory APIs: getuserinfo, getuserdetail, user/get, getuserid, agent/get, tickets. */
let sandbox: StartedSandbox;
let token: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(async () => {
  await sandbox.control.reset();
  token = await fetchToken(sandbox);
});

function api(path: string, params: Record<string, string> = {}): string {
  return `${sandbox.url}${path}?${new URLSearchParams({ access_token: token, ...params })}`;
}

function exchange(code: string): Promise<WeComBody> {
  return getJson(api('/cgi-bin/auth/getuserinfo', { code }));
}

describe('auth/getuserinfo', () => {
  it('gives only the userid for a snsapi_base code', async () => {
    const body = await exchange(await baseCode(sandbox, 'zhangsan'));
    expect(body).toEqual({ errcode: 0, errmsg: 'ok', userid: 'zhangsan' });
  });

  it('gives a user_ticket for an allowed snsapi_privateinfo code of an in-range member', async () => {
    const body = await exchange(await privateInfoCode(sandbox, 'zhangsan'));
    expect(body).toMatchObject({ errcode: 0, userid: 'zhangsan', expires_in: 1800 });
    expect(typeof body.user_ticket).toBe('string');
  });

  it('gives no user_ticket to a member outside the visible range', async () => {
    const body = await exchange(await privateInfoCode(sandbox, 'sunqi'));
    expect(body).toEqual({ errcode: 0, errmsg: 'ok', userid: 'sunqi' });
  });

  it('accepts a code once: 40029 the second time', async () => {
    const code = await baseCode(sandbox, 'zhangsan');
    expect(await exchange(code)).toMatchObject({ errcode: 0 });
    const again = await exchange(code);
    expect(again.errcode).toBe(40029);
    expect(again.errmsg).toMatch(/^invalid code, hint: /);
  });

  it('expires an unused code after 5 minutes: 40029', async () => {
    const code = await baseCode(sandbox, 'zhangsan');
    await sandbox.control.configure({ clockOffsetSeconds: 301 });
    expect(await exchange(code)).toMatchObject({ errcode: 40029 });
  });

  it('answers 40029 for an unknown code and 41008 for none', async () => {
    expect(await exchange('bogus')).toMatchObject({ errcode: 40029 });
    expect(await getJson(api('/cgi-bin/auth/getuserinfo'))).toMatchObject({ errcode: 41008 });
  });
});

describe('auth/getuserdetail', () => {
  async function ticketFor(userid: string): Promise<string> {
    const body = await exchange(await privateInfoCode(sandbox, userid));
    return String(body.user_ticket);
  }

  it('returns the sensitive fields the member has', async () => {
    const body = await postJson(api('/cgi-bin/auth/getuserdetail'), { user_ticket: await ticketFor('zhangsan') });
    expect(body).toMatchObject({
      errcode: 0,
      errmsg: 'ok',
      userid: 'zhangsan',
      gender: '1',
      avatar: 'https://wework.qpic.cn/wwhead/zhangsan/0',
      mobile: '+86 138 0013 8000',
      email: 'zhangsan@example.com',
      biz_mail: 'zhangsan@sandbox.wecom.work',
      address: '广州市海珠区新港中路397号',
    });
    expect(String(body.qr_code)).toMatch(/^https:\/\/open\.work\.weixin\.qq\.com\/wwopen\/userQRCode\?vcode=/);
  });

  it('leaves out fields the member does not have', async () => {
    const body = await postJson(api('/cgi-bin/auth/getuserdetail'), { user_ticket: await ticketFor('lisi') });
    expect(body).not.toHaveProperty('email');
    expect(body).not.toHaveProperty('address');
    expect(body.mobile).toBe('139-1234-5678');
  });

  it('answers 84015 for an unknown ticket and 84014 for an expired one', async () => {
    expect(await postJson(api('/cgi-bin/auth/getuserdetail'), { user_ticket: 'nope' })).toMatchObject({
      errcode: 84015,
    });
    const ticket = await ticketFor('zhangsan');
    await sandbox.control.configure({ clockOffsetSeconds: 1801 });
    expect(await postJson(api('/cgi-bin/auth/getuserdetail'), { user_ticket: ticket })).toMatchObject({
      errcode: 84014,
    });
  });

  it('answers 40058 for a body that is not JSON', async () => {
    const body = await getJson(api('/cgi-bin/auth/getuserdetail'), { method: 'POST', body: 'user_ticket=x' });
    expect(body).toMatchObject({ errcode: 40058 });
  });
});

describe('user/get', () => {
  it('hides the post-2022-06-20 fields from a new app', async () => {
    const body = await getJson(api('/cgi-bin/user/get', { userid: 'zhangsan' }));
    expect(body).toMatchObject({
      errcode: 0,
      userid: 'zhangsan',
      name: '张三',
      department: [1, 2],
      position: '产品经理',
    });
    for (const key of FIELDS_HIDDEN_FROM_NEW_APPS) {
      expect(body).not.toHaveProperty(key);
    }
  });

  it('still shows them to an app created before 2022-06-20', async () => {
    await sandbox.control.configure({ apps: [{ agentId: APP.agentId, createdBefore20220620: true }] });
    const body = await getJson(api('/cgi-bin/user/get', { userid: 'zhangsan' }));
    expect(body).toMatchObject({
      mobile: '+86 138 0013 8000',
      gender: '1',
      email: 'zhangsan@example.com',
      biz_mail: 'zhangsan@sandbox.wecom.work',
      avatar: 'https://wework.qpic.cn/wwhead/zhangsan/0',
      address: '广州市海珠区新港中路397号',
    });
    expect(body).toHaveProperty('qr_code');
  });

  it('answers 60111 for an unknown userid, 60011 outside the visible range, 41009 without userid', async () => {
    expect(await getJson(api('/cgi-bin/user/get', { userid: 'nobody' }))).toMatchObject({ errcode: 60111 });
    expect(await getJson(api('/cgi-bin/user/get', { userid: 'sunqi' }))).toMatchObject({ errcode: 60011 });
    expect(await getJson(api('/cgi-bin/user/get'))).toMatchObject({ errcode: 41009 });
  });
});

describe('user/getuserid', () => {
  it.each(['13800138000', '+8613800138000', '+86 138-0013-8000'])('finds the member by %s', async (mobile) => {
    expect(await postJson(api('/cgi-bin/user/getuserid'), { mobile })).toEqual({
      errcode: 0,
      errmsg: 'ok',
      userid: 'zhangsan',
    });
  });

  it('answers 46004 for an unknown mobile', async () => {
    const body = await postJson(api('/cgi-bin/user/getuserid'), { mobile: '13000000000' });
    expect(body.errcode).toBe(46004);
    expect(body.errmsg).toMatch(/e=46004$/);
  });

  it('answers 60011 for a member outside the visible range and 40058 without a mobile', async () => {
    expect(await postJson(api('/cgi-bin/user/getuserid'), { mobile: '15000000007' })).toMatchObject({
      errcode: 60011,
    });
    expect(await postJson(api('/cgi-bin/user/getuserid'), {})).toMatchObject({ errcode: 40058 });
  });
});

describe('agent/get', () => {
  it("describes the token's own app", async () => {
    await sandbox.control.configure({ apps: [{ agentId: APP.agentId, homeUrl: 'http://127.0.0.1:13000/' }] });
    const body = await getJson(api('/cgi-bin/agent/get', { agentid: String(APP.agentId) }));
    expect(body).toMatchObject({
      errcode: 0,
      agentid: APP.agentId,
      name: 'NocoBase',
      allow_userinfos: { user: [{ userid: 'zhangsan' }, { userid: 'lisi' }] },
      allow_partys: { partyid: [] },
      allow_tags: { tagid: [] },
      close: 0,
      redirect_domain: '127.0.0.1:13000',
      report_location_flag: 0,
      isreportenter: 0,
      home_url: 'http://127.0.0.1:13000/',
    });
    expect(typeof body.square_logo_url).toBe('string');
    expect(typeof body.description).toBe('string');
  });

  it('answers 40056 for an agentid of no app and 301002 for another app of the corp', async () => {
    await sandbox.control.configure({
      apps: [{ agentId: 1000003, name: 'Other', secret: 'other-secret', trustedDomain: 'other.example.com' }],
    });
    expect(await getJson(api('/cgi-bin/agent/get', { agentid: '999' }))).toMatchObject({ errcode: 40056 });
    expect(await getJson(api('/cgi-bin/agent/get', { agentid: '1000003' }))).toMatchObject({ errcode: 301002 });
    expect(await getJson(api('/cgi-bin/agent/get'))).toMatchObject({ errcode: 41011 });
  });
});

describe('JS-SDK tickets', () => {
  it('issues a corp ticket', async () => {
    const body = await getJson(api('/cgi-bin/get_jsapi_ticket'));
    expect(body).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
    expect(typeof body.ticket).toBe('string');
  });

  it('issues an app ticket for type=agent_config only', async () => {
    const body = await getJson(api('/cgi-bin/ticket/get', { type: 'agent_config' }));
    expect(body).toMatchObject({ errcode: 0, expires_in: 7200 });
    expect(typeof body.ticket).toBe('string');
    expect(await getJson(api('/cgi-bin/ticket/get'))).toMatchObject({ errcode: 40058 });
    expect(await getJson(api('/cgi-bin/ticket/get', { type: 'jsapi' }))).toMatchObject({ errcode: 40058 });
  });

  it('limits app tickets to 100 an hour (doc/96909), so a client must cache them', async () => {
    for (let i = 0; i < 100; i += 1) {
      await getJson(api('/cgi-bin/ticket/get', { type: 'agent_config' }));
    }
    expect(await getJson(api('/cgi-bin/ticket/get', { type: 'agent_config' }))).toMatchObject({ errcode: 45009 });
  });

  it('needs a valid token', async () => {
    expect(await getJson(`${sandbox.url}/cgi-bin/get_jsapi_ticket?access_token=bad`)).toMatchObject({
      errcode: 40014,
    });
  });
});
