import { LOOPBACK_IPS } from './settings.ts';
import {
  APP,
  authorizeUrl,
  CALLBACK,
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

/** snsapi_privateinfo consent, remembered for 30 days after a member allows it. */
let sandbox: StartedSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

const THIRTY_DAYS_SECONDS = 30 * 24 * 60 * 60;

function privateInfo(userid: string, params: Record<string, string> = {}): Promise<Response> {
  return fetchManual(authorizeUrl(sandbox, { scope: 'snsapi_privateinfo', state: 'again1', ...params }), {
    headers: { 'user-agent': UA.weComIos, cookie: sessionCookie(userid) },
  });
}

function decide(userid: string, decision: 'allow' | 'deny', fields: Record<string, string> = {}): Promise<Response> {
  return postForm(`${sandbox.url}/connect/oauth2/authorize/consent`, {
    ...consentFields(userid),
    ...fields,
    decision,
  });
}

async function exchange(location: string | null, secret: string = APP.secret) {
  const code = location ? new URL(location).searchParams.get('code') : null;
  const token = await fetchToken(sandbox, secret);
  return getJson(`${sandbox.url}/cgi-bin/auth/getuserinfo?access_token=${token}&code=${code ?? ''}`);
}

/** Whether the authorize answered with the consent page rather than a redirect. */
async function askedForConsent(response: Response): Promise<boolean> {
  const html = await response.text();
  return response.status === 200 && html.includes('id="wecom-consent-allow"');
}

describe('after a member allowed', () => {
  it('redirects straight back with code and state, and the code yields a user_ticket', async () => {
    expect(await askedForConsent(await privateInfo('zhangsan'))).toBe(true);
    await decide('zhangsan', 'allow');

    const again = await privateInfo('zhangsan');
    expect(again.status).toBe(302);
    const location = new URL(String(again.headers.get('location')));
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(location.searchParams.get('state')).toBe('again1');
    const body = await exchange(location.href);
    expect(body).toMatchObject({ errcode: 0, userid: 'zhangsan', expires_in: 1800 });
    expect(typeof body.user_ticket).toBe('string');
  });

  it('still asks once 30 days have passed on the sandbox clock', async () => {
    await decide('zhangsan', 'allow');
    await sandbox.control.configure({ clockOffsetSeconds: THIRTY_DAYS_SECONDS - 60 });
    expect((await privateInfo('zhangsan')).status).toBe(302);
    await sandbox.control.configure({ clockOffsetSeconds: THIRTY_DAYS_SECONDS + 1 });
    expect(await askedForConsent(await privateInfo('zhangsan'))).toBe(true);
  });

  it('asks other members, and asks the same member for another app', async () => {
    await sandbox.control.configure({
      apps: [
        {
          agentId: 1000003,
          name: 'Other',
          secret: 'other-secret',
          trustedDomain: APP.trustedDomain,
          trustedIps: [...LOOPBACK_IPS],
        },
      ],
    });
    await decide('zhangsan', 'allow');
    expect(await askedForConsent(await privateInfo('lisi'))).toBe(true);
    expect(await askedForConsent(await privateInfo('zhangsan', { agentid: '1000003' }))).toBe(true);
  });

  it('leaves snsapi_base as it was: a code without user_ticket', async () => {
    await decide('zhangsan', 'allow');
    const base = await fetchManual(authorizeUrl(sandbox, {}), {
      headers: { 'user-agent': UA.weComIos, cookie: sessionCookie('zhangsan') },
    });
    const body = await exchange(base.headers.get('location'));
    expect(body).toMatchObject({ errcode: 0, userid: 'zhangsan' });
    expect(body).not.toHaveProperty('user_ticket');
  });
});

describe('what is not remembered', () => {
  it('a denial: the page shows again', async () => {
    await decide('zhangsan', 'deny');
    expect(await askedForConsent(await privateInfo('zhangsan'))).toBe(true);
  });

  it('an allow posted for snsapi_base', async () => {
    await decide('zhangsan', 'allow', { scope: 'snsapi_base' });
    expect(await askedForConsent(await privateInfo('zhangsan'))).toBe(true);
  });
});

describe('forgetting consents', () => {
  it('reset forgets them', async () => {
    await decide('zhangsan', 'allow');
    await sandbox.control.reset();
    expect(await askedForConsent(await privateInfo('zhangsan'))).toBe(true);
  });

  it('DELETE /__sandbox/consents?userid= forgets one member’s only', async () => {
    await decide('zhangsan', 'allow');
    await decide('lisi', 'allow');
    await sandbox.control.forgetConsents('lisi');
    expect(await askedForConsent(await privateInfo('lisi'))).toBe(true);
    expect((await privateInfo('zhangsan')).status).toBe(302);
  });

  it('DELETE /__sandbox/consents forgets everyone’s, and keeps tokens', async () => {
    const token = await fetchToken(sandbox);
    await decide('zhangsan', 'allow');
    const response = await fetch(`${sandbox.url}/__sandbox/consents`, { method: 'DELETE' });
    expect(await response.json()).toEqual({ ok: true });
    expect(await askedForConsent(await privateInfo('zhangsan'))).toBe(true);
    expect(await fetchToken(sandbox)).toBe(token);
  });

  it('refuses a malformed userid or an unknown query key', async () => {
    const badUserid = await fetch(`${sandbox.url}/__sandbox/consents?userid=a:b`, { method: 'DELETE' });
    expect(badUserid.status).toBe(400);
    const unknownKey = await fetch(`${sandbox.url}/__sandbox/consents?user=zhangsan`, { method: 'DELETE' });
    expect(unknownKey.status).toBe(400);
  });
});
