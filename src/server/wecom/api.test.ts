import {
  fetchAccessToken,
  getAgent,
  getAgentJsapiTicket,
  getCorpJsapiTicket,
  getMember,
  getUserDetail,
  getUserInfoByCode,
} from './api';
import { WeComError } from './errors';
import type { WeComHttp } from './request';

/** A WeCom that answers every call with `body`, as JSON over HTTP 200. */
function answering(body: unknown): WeComHttp {
  return {
    apiBaseUrl: 'https://qyapi.weixin.qq.com',
    fetch: async () => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }),
    timeoutMs: 1000,
    busyRetries: 0,
    busyRetryDelayMs: 0,
  };
}

async function refusal(call: Promise<unknown>): Promise<WeComError> {
  const error = await call.catch((caught: unknown) => caught);
  if (!(error instanceof WeComError)) throw new Error(`expected a WeComError, got ${String(error)}`);
  return error;
}

const ok = { errcode: 0, errmsg: 'ok' };

/** A WeCom that never answers: every call fails the way `fetch` fails. */
function failingWith(error: unknown): WeComHttp {
  return {
    ...answering(null),
    fetch: async () => {
      throw error;
    },
  };
}

describe('a call that gets no answer', () => {
  it('says why, from the causes undici keeps behind its "fetch failed"', async () => {
    const dropped = new TypeError('fetch failed', { cause: new Error('other side closed') });
    const error = await refusal(fetchAccessToken(failingWith(dropped), 'corp', 'secret'));
    expect(error).toMatchObject({
      kind: 'network',
      errcode: null,
      endpoint: '/cgi-bin/gettoken',
      errmsg: 'fetch failed: other side closed',
      host: 'qyapi.weixin.qq.com',
      unreachable: null,
    });
    expect(error.cause).toBe(dropped);
  });

  it('never carries a credential the request sent, however a cause quotes it', async () => {
    const quoting = new TypeError('fetch failed', {
      cause: new Error('bad response for /cgi-bin/gettoken?corpid=corp&corpsecret=s3cret-value'),
    });
    const error = await refusal(fetchAccessToken(failingWith(quoting), 'corp', 's3cret-value'));
    expect(error.message).not.toContain('s3cret-value');
    expect(error.errmsg).toBe('fetch failed: bad response for /cgi-bin/gettoken?corpid=corp&corpsecret=[redacted]');
  });

  it('says the host could not be reached, and why, when no connection was made', async () => {
    const unresolved = new TypeError('fetch failed', {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND qyapi.weixin.qq.com'), { code: 'ENOTFOUND' }),
    });
    expect(await refusal(fetchAccessToken(failingWith(unresolved), 'corp', 'secret'))).toMatchObject({
      kind: 'unreachable',
      errcode: null,
      host: 'qyapi.weixin.qq.com',
      unreachable: { reason: 'dns', code: 'ENOTFOUND' },
    });
  });

  it('is not retried: only WeCom’s own "busy" is', async () => {
    let calls = 0;
    const http: WeComHttp = {
      ...answering(null),
      busyRetries: 2,
      fetch: async () => {
        calls++;
        throw new TypeError('fetch failed');
      },
    };
    expect(await refusal(fetchAccessToken(http, 'corp', 'secret'))).toMatchObject({ errmsg: 'fetch failed' });
    expect(calls).toBe(1);
  });
});

describe('gettoken and the JS-SDK tickets', () => {
  it('accept expires_in 0, a token in its last second', async () => {
    await expect(
      fetchAccessToken(answering({ ...ok, access_token: 'tok', expires_in: 0 }), 'corp', 'secret'),
    ).resolves.toEqual({ access_token: 'tok', expires_in: 0 });
    for (const getTicket of [getCorpJsapiTicket, getAgentJsapiTicket]) {
      await expect(getTicket(answering({ ...ok, ticket: 'tkt', expires_in: 0 }), 'tok')).resolves.toEqual({
        ticket: 'tkt',
        expires_in: 0,
      });
    }
  });

  it.each([
    ['a negative lifetime', { access_token: 'tok', expires_in: -1 }],
    ['no lifetime', { access_token: 'tok' }],
    ['a lifetime that is not a number', { access_token: 'tok', expires_in: '7200' }],
    ['no token', { expires_in: 7200 }],
  ])('refuse %s, which they cannot do without', async (_, fields) => {
    const error = await refusal(fetchAccessToken(answering({ ...ok, ...fields }), 'corp', 'secret'));
    expect(error).toMatchObject({ kind: 'malformed-response', errcode: null, endpoint: '/cgi-bin/gettoken' });
  });

  it('take an answer whose errmsg is missing or not a string', async () => {
    await expect(
      fetchAccessToken(answering({ errcode: 0, errmsg: null, access_token: 'tok', expires_in: 7200 }), 'c', 's'),
    ).resolves.toEqual({ access_token: 'tok', expires_in: 7200 });
  });
});

describe('auth/getuserinfo', () => {
  it('reads a member, whatever the fields it does not use hold', async () => {
    const identity = await getUserInfoByCode(
      answering({ ...ok, userid: 'lisi', user_ticket: 'TICKET', expires_in: '1800', DeviceId: 7, foo: { bar: null } }),
      'tok',
      'code',
    );
    expect(identity).toEqual({ userid: 'lisi', user_ticket: 'TICKET' });
  });

  it.each([null, '', 42, {}])('counts user_ticket %j as absent', async (userTicket) => {
    const identity = await getUserInfoByCode(answering({ ...ok, userid: 'lisi', user_ticket: userTicket }), 't', 'c');
    expect(identity).toEqual({ userid: 'lisi' });
  });

  it('reads a non-member, who has no userid', async () => {
    const identity = await getUserInfoByCode(
      answering({ ...ok, openid: 'oABC', external_userid: null, userid: null }),
      'tok',
      'code',
    );
    expect('userid' in identity).toBe(false);
  });

  it('refuses an answer with neither a userid nor an openid', async () => {
    const error = await refusal(getUserInfoByCode(answering({ ...ok, userid: 42, user_ticket: 'T' }), 't', 'c'));
    expect(error.kind).toBe('malformed-response');
  });
});

describe('auth/getuserdetail', () => {
  it('reads the mobile of doc/96443’s answer, with its other fields of any type', async () => {
    const detail = await getUserDetail(
      answering({
        ...ok,
        userid: 'lisi',
        gender: 1,
        avatar: null,
        qr_code: 'https://open.work.weixin.qq.com/wwopen/userQRCode?vcode=vc123',
        mobile: '13800000000',
        email: null,
        biz_mail: false,
        address: { city: '广州' },
      }),
      'tok',
      'ticket',
    );
    expect(detail).toEqual({ mobile: '13800000000' });
  });

  it.each([13800000000, null, '', ['13800000000']])('counts mobile %j as absent', async (mobile) => {
    const detail = await getUserDetail(answering({ ...ok, userid: 'lisi', gender: '1', mobile }), 'tok', 'ticket');
    expect(detail.mobile).toBeUndefined();
  });
});

describe('user/get', () => {
  it('reads name and mobile of doc/96255’s answer, with odd values elsewhere', async () => {
    const member = await getMember(
      answering({
        ...ok,
        userid: 'zhangsan',
        name: '张三',
        department: '1',
        order: null,
        position: 3,
        mobile: '+86 138-0000-0001',
        gender: 1,
        email: null,
        is_leader_in_dept: [1],
        direct_leader: null,
        avatar: false,
        status: '1',
        extattr: null,
        main_department: '1',
        external_profile: 'none',
      }),
      'tok',
      'zhangsan',
    );
    expect(member).toEqual({ name: '张三', mobile: '+86 138-0000-0001' });
  });

  it('reads an app created after 2022-06-20, which gets no mobile', async () => {
    const member = await getMember(answering({ ...ok, userid: 'zhangsan', name: '张三', status: 1 }), 't', 'u');
    expect(member).toEqual({ name: '张三' });
  });

  it.each([null, 7, undefined])('takes name %j as empty, for the caller to fall back on', async (name) => {
    const member = await getMember(answering({ ...ok, userid: 'zhangsan', name, mobile: '13800000001' }), 't', 'u');
    expect(member).toEqual({ name: '', mobile: '13800000001' });
  });
});

describe('agent/get', () => {
  it('reads name, trusted domain and state, whatever the rest holds', async () => {
    const agent = await getAgent(
      answering({
        ...ok,
        agentid: '1000002',
        name: 'NocoBase',
        square_logo_url: null,
        allow_userinfos: { user: 'all' },
        allow_partys: null,
        close: 0,
        redirect_domain: 'nocobase.example.com',
        report_location_flag: '0',
        home_url: 7,
      }),
      'tok',
      '1000002',
    );
    expect(agent).toEqual({ name: 'NocoBase', redirect_domain: 'nocobase.example.com', close: 0 });
  });

  it('reads a name or trusted domain of another type as none, and "1" as disabled', async () => {
    const agent = await getAgent(answering({ ...ok, name: null, redirect_domain: 42, close: '1' }), 'tok', '1');
    expect(agent).toEqual({ name: '', redirect_domain: '', close: 1 });
  });

  it('reads an unreadable state as enabled', async () => {
    const agent = await getAgent(
      answering({ ...ok, name: 'NocoBase', redirect_domain: 'a.test', close: null }),
      't',
      '1',
    );
    expect(agent.close).toBe(0);
  });
});
