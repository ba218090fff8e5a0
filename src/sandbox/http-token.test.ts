import { startSandbox } from './server.ts';
import { LOOPBACK_IPS } from './settings.ts';
import { APP, CORP_ID, fetchToken, getJson, MEMBERS, startTestSandbox } from './test-support.ts';
import type { StartedSandbox } from './types.ts';

/** gettoken and the checks every access_token endpoint makes, over real HTTP. */
let sandbox: StartedSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

function gettoken(params: Record<string, string>) {
  return getJson(`${sandbox.url}/cgi-bin/gettoken?${new URLSearchParams(params)}`);
}

function userGet(token: string) {
  return getJson(`${sandbox.url}/cgi-bin/user/get?access_token=${encodeURIComponent(token)}&userid=zhangsan`);
}

const ERRMSG_SHAPE =
  /^[^,]+, hint: \[\d{10}_\d+_[0-9a-f]+\], from ip: 127\.0\.0\.1, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=\d+$/;

describe('gettoken', () => {
  it('issues a token bound to the app and reuses it while valid', async () => {
    const first = await gettoken({ corpid: CORP_ID, corpsecret: APP.secret });
    const second = await gettoken({ corpid: CORP_ID, corpsecret: APP.secret });
    expect(first).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
    expect(typeof first.access_token).toBe('string');
    expect(second.access_token).toBe(first.access_token);
    expect(second.expires_in).toBeLessThanOrEqual(7200);
    expect(await userGet(String(first.access_token))).toMatchObject({ errcode: 0, userid: 'zhangsan' });
  });

  it('gives each app its own token', async () => {
    await sandbox.control.configure({
      apps: [{ agentId: 1000003, name: 'Other', secret: 'other-secret', trustedDomain: 'other.example.com' }],
    });
    expect(await fetchToken(sandbox, 'other-secret')).not.toBe(await fetchToken(sandbox));
  });

  it('answers 40013 for an unknown corp, with errmsg in the real format', async () => {
    const body = await gettoken({ corpid: 'wwunknown', corpsecret: APP.secret });
    expect(body.errcode).toBe(40013);
    expect(body.errmsg).toMatch(ERRMSG_SHAPE);
    expect(body.errmsg).toMatch(/^invalid corpid, /);
    expect(body.errmsg).toMatch(/e=40013$/);
  });

  it('answers 40001 for a secret of no app', async () => {
    expect(await gettoken({ corpid: CORP_ID, corpsecret: 'wrong' })).toMatchObject({ errcode: 40001 });
  });

  it('answers 45009 beyond the per-app rate limit, and recovers after the window', async () => {
    await sandbox.control.configure({ gettokenRateLimit: { max: 2, windowSeconds: 60 } });
    await fetchToken(sandbox);
    await fetchToken(sandbox);
    const limited = await gettoken({ corpid: CORP_ID, corpsecret: APP.secret });
    expect(limited.errcode).toBe(45009);
    expect(limited.errmsg).toMatch(ERRMSG_SHAPE);
    await sandbox.control.configure({ clockOffsetSeconds: 61 });
    expect(await gettoken({ corpid: CORP_ID, corpsecret: APP.secret })).toMatchObject({ errcode: 0 });
  });
});

describe('access_token checks', () => {
  it('answers 41001 without a token', async () => {
    expect(await getJson(`${sandbox.url}/cgi-bin/user/get?userid=zhangsan`)).toMatchObject({ errcode: 41001 });
  });

  it('answers 40014 for an unknown token', async () => {
    expect(await userGet('not-a-token')).toMatchObject({ errcode: 40014 });
  });

  it('answers 40014 after revocation, and gettoken then issues a new token', async () => {
    const token = await fetchToken(sandbox);
    await sandbox.control.revokeTokens();
    expect(await userGet(token)).toMatchObject({ errcode: 40014 });
    const fresh = await fetchToken(sandbox);
    expect(fresh).not.toBe(token);
    expect(await userGet(fresh)).toMatchObject({ errcode: 0 });
  });

  it('answers 42001 once the token lifetime has passed on the sandbox clock', async () => {
    const token = await fetchToken(sandbox);
    await sandbox.control.configure({ clockOffsetSeconds: 7199 });
    expect(await userGet(token)).toMatchObject({ errcode: 0 });
    await sandbox.control.configure({ clockOffsetSeconds: 7201 });
    const expired = await userGet(token);
    expect(expired.errcode).toBe(42001);
    expect(expired.errmsg).toMatch(ERRMSG_SHAPE);
  });

  it('honours a shorter configured token lifetime', async () => {
    await sandbox.control.configure({ tokenLifetimeSeconds: 60 });
    const token = await fetchToken(sandbox);
    await sandbox.control.configure({ clockOffsetSeconds: 61 });
    expect(await userGet(token)).toMatchObject({ errcode: 42001 });
  });

  it('answers 60020 with the caller IP when the app trusts other IPs', async () => {
    const token = await fetchToken(sandbox);
    await sandbox.control.configure({ apps: [{ agentId: APP.agentId, trustedIps: ['10.0.0.1'] }] });
    const body = await userGet(token);
    expect(body.errcode).toBe(60020);
    expect(body.errmsg).toContain('not allow to access from your ip');
    expect(body.errmsg).toContain('from ip: 127.0.0.1');
  });

  it('answers 60020 for an empty trusted-IP list and accepts a listed IP', async () => {
    const token = await fetchToken(sandbox);
    await sandbox.control.configure({ apps: [{ agentId: APP.agentId, trustedIps: [] }] });
    expect(await userGet(token)).toMatchObject({ errcode: 60020 });
    await sandbox.control.configure({ apps: [{ agentId: APP.agentId, trustedIps: ['127.0.0.1'] }] });
    expect(await userGet(token)).toMatchObject({ errcode: 0 });
  });

  it('answers 60020 naming the caller for a sandbox started with the defaults, whose app trusts no IP', async () => {
    const defaults = await startSandbox({ members: MEMBERS });
    try {
      const token = await fetchToken(defaults);
      const body = await getJson(`${defaults.url}/cgi-bin/user/get?access_token=${token}&userid=zhangsan`);
      expect(body.errcode).toBe(60020);
      expect(body.errmsg).toMatch(/^not allow to access from your ip, hint: .+, from ip: 127\.0\.0\.1, /);
    } finally {
      await defaults.close();
    }
  });

  it.each([
    ['created after 2022-06-20, given no trusted IPs', {}, 60020],
    ['created after 2022-06-20, check turned off with null', { trustedIps: null }, 0],
    ['created after 2022-06-20, trusting loopback', { trustedIps: [...LOOPBACK_IPS] }, 0],
    ['created before 2022-06-20, given no trusted IPs', { createdBefore20220620: true }, 0],
  ])('a new app %s answers %s', async (_name, fields, errcode) => {
    await sandbox.control.configure({
      apps: [
        { agentId: 1000003, name: 'Other', secret: 'other-secret', trustedDomain: 'other.example.com', ...fields },
      ],
    });
    const token = await fetchToken(sandbox, 'other-secret');
    expect(await userGet(token)).toMatchObject({ errcode });
  });

  it('does not apply the IP check to gettoken itself', async () => {
    await sandbox.control.configure({ apps: [{ agentId: APP.agentId, trustedIps: [] }] });
    expect(await gettoken({ corpid: CORP_ID, corpsecret: APP.secret })).toMatchObject({ errcode: 0 });
  });
});
