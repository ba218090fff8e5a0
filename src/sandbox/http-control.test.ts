import { createSandboxControl, DEFAULT_SANDBOX_SETTINGS, startSandbox } from './index.ts';
import { mergeSettings } from './settings.ts';
import { APP, CORP_ID, fetchToken, getJson, MEMBERS, startTestSandbox, TEST_SETTINGS } from './test-support.ts';
import type { SandboxSettings, StartedSandbox } from './types.ts';

/** The control API: faults, call counts, validation, reset and seeding. */
let sandbox: StartedSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

function gettokenUrl(): string {
  return `${sandbox.url}/cgi-bin/gettoken?corpid=${CORP_ID}&corpsecret=${APP.secret}`;
}

async function control(method: string, path: string, body?: string): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${sandbox.url}${path}`, { method, ...(body === undefined ? {} : { body }) });
  return { status: response.status, json: await response.json() };
}

describe('faults', () => {
  it('answers with an HTTP status for the next N calls, then normally', async () => {
    await sandbox.control.fault({ endpoint: '/cgi-bin/gettoken', count: 2, status: 502 });
    expect((await fetch(gettokenUrl())).status).toBe(502);
    expect((await fetch(gettokenUrl())).status).toBe(502);
    const third = await fetch(gettokenUrl());
    expect(third.status).toBe(200);
    expect(await third.json()).toMatchObject({ errcode: 0 });
  });

  it('delays the normal answer', async () => {
    await sandbox.control.fault({ endpoint: '/cgi-bin/gettoken', count: 1, delayMs: 300 });
    const started = performance.now();
    const body = await getJson(gettokenUrl());
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect(body).toMatchObject({ errcode: 0 });
  });

  it('sends a body that is not JSON', async () => {
    await sandbox.control.fault({ endpoint: '/cgi-bin/gettoken', count: 1, malformed: true });
    const response = await fetch(gettokenUrl());
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow();
  });

  it('injects an errcode with a real-format errmsg, and a custom text', async () => {
    await sandbox.control.fault({ endpoint: '/cgi-bin/gettoken', count: 1, errcode: -1 });
    await sandbox.control.fault({ endpoint: '/cgi-bin/gettoken', count: 1, errcode: 45033, errmsg: 'concurrent' });
    const busy = await getJson(gettokenUrl());
    expect(busy.errcode).toBe(-1);
    expect(busy.errmsg).toMatch(/^system busy, hint: \[.+\], from ip: 127\.0\.0\.1, more info at .+\?e=-1$/);
    expect((await getJson(gettokenUrl())).errmsg).toMatch(/^concurrent, hint: /);
  });

  it('combines a delay with an errcode on an authenticated endpoint', async () => {
    const token = await fetchToken(sandbox);
    await sandbox.control.fault({ endpoint: '/cgi-bin/user/get', count: 1, delayMs: 50, errcode: 42001 });
    const body = await getJson(`${sandbox.url}/cgi-bin/user/get?access_token=${token}&userid=zhangsan`);
    expect(body.errcode).toBe(42001);
  });

  it('lists and clears pending faults', async () => {
    await sandbox.control.fault({ endpoint: '/cgi-bin/user/get', count: 3, status: 500 });
    expect((await control('GET', '/__sandbox/faults')).json).toEqual({
      faults: [{ endpoint: '/cgi-bin/user/get', count: 3, status: 500 }],
    });
    await control('DELETE', '/__sandbox/faults');
    expect((await control('GET', '/__sandbox/faults')).json).toEqual({ faults: [] });
    await sandbox.control.fault({ endpoint: '/cgi-bin/gettoken', count: 1, status: 502 });
    await sandbox.control.clearFaults();
    expect((await fetch(gettokenUrl())).status).toBe(200);
  });

  it('drops the connection without an answer, after the delay, then answers normally', async () => {
    await sandbox.control.fault({ endpoint: '/cgi-bin/gettoken', count: 1, delayMs: 100, drop: true });
    const started = performance.now();
    const dropped = await fetch(gettokenUrl()).then(
      () => 'answered',
      (error: Error) => error.message,
    );
    expect(dropped).toBe('fetch failed');
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect(await getJson(gettokenUrl())).toMatchObject({ errcode: 0 });
    expect((await sandbox.control.calls())['/cgi-bin/gettoken']).toBe(2);
  });

  it('answers a call normally under a fault with nothing set, so that the next fault reaches the call after', async () => {
    await sandbox.control.fault({ endpoint: '/cgi-bin/gettoken', count: 1 });
    await sandbox.control.fault({ endpoint: '/cgi-bin/gettoken', count: 1, status: 502 });
    expect(await getJson(gettokenUrl())).toMatchObject({ errcode: 0 });
    expect((await fetch(gettokenUrl())).status).toBe(502);
    expect(await getJson(gettokenUrl())).toMatchObject({ errcode: 0 });
  });

  it('refuses a dropped connection that should also answer something', async () => {
    for (const answer of [{ status: 502 }, { errcode: -1 }, { malformed: true }]) {
      const body = JSON.stringify({ endpoint: '/cgi-bin/gettoken', count: 1, drop: true, ...answer });
      expect((await control('POST', '/__sandbox/faults', body)).status).toBe(400);
    }
  });
});

describe('call counts', () => {
  it('counts every WeCom path and no control path', async () => {
    const token = await fetchToken(sandbox);
    await fetchToken(sandbox);
    await getJson(`${sandbox.url}/cgi-bin/user/get?access_token=${token}&userid=zhangsan`);
    await fetch(`${sandbox.url}/connect/oauth2/authorize?appid=x`);
    await fetch(`${sandbox.url}/wwlogin/sso/login?appid=x`);
    await sandbox.control.configure({});
    await fetch(`${sandbox.url}/`);
    expect(await sandbox.control.calls()).toEqual({
      '/cgi-bin/gettoken': 2,
      '/cgi-bin/user/get': 1,
      '/connect/oauth2/authorize': 1,
      '/wwlogin/sso/login': 1,
    });
  });

  it('counts calls answered by a fault', async () => {
    await sandbox.control.fault({ endpoint: '/cgi-bin/gettoken', count: 1, status: 503 });
    await fetch(gettokenUrl());
    expect(await sandbox.control.calls()).toEqual({ '/cgi-bin/gettoken': 1 });
  });

  it('resets the counts only', async () => {
    const token = await fetchToken(sandbox);
    await sandbox.control.resetCalls();
    expect(await sandbox.control.calls()).toEqual({});
    expect(await getJson(`${sandbox.url}/cgi-bin/user/get?access_token=${token}&userid=zhangsan`)).toMatchObject({
      errcode: 0,
    });
  });
});

describe('validation', () => {
  it.each([
    ['an unknown key', { trustedIP: ['1.2.3.4'] }, 'trustedIP'],
    ['a negative token lifetime', { tokenLifetimeSeconds: -5 }, 'tokenLifetimeSeconds'],
    [
      'a trusted domain with a scheme',
      { apps: [{ agentId: APP.agentId, trustedDomain: 'https://a.com' }] },
      'trustedDomain',
    ],
    ['a bad IP', { apps: [{ agentId: APP.agentId, trustedIps: ['not-an-ip'] }] }, 'trustedIps'],
    ['a new app without a secret', { apps: [{ agentId: 7, name: 'X', trustedDomain: 'x.com' }] }, 'needs name, secret'],
  ])('rejects settings with %s: 400 with a readable message', async (_name, patch, text) => {
    const { status, json } = await control('PATCH', '/__sandbox/settings', JSON.stringify(patch));
    expect(status).toBe(400);
    expect((json as { error: string }).error).toContain(text);
  });

  it('rejects members with a bad userid or duplicates', async () => {
    const bad = await control('PUT', '/__sandbox/members', JSON.stringify({ members: [{ userid: 'a:b', name: 'X' }] }));
    expect(bad.status).toBe(400);
    expect((bad.json as { error: string }).error).toContain('userid');
    const dup = [
      { userid: 'a', name: 'A' },
      { userid: 'a', name: 'B' },
    ];
    expect((await control('PUT', '/__sandbox/members', JSON.stringify({ members: dup }))).status).toBe(400);
  });

  it('rejects a fault without count or with a relative endpoint', async () => {
    expect((await control('POST', '/__sandbox/faults', JSON.stringify({ endpoint: '/cgi-bin/gettoken' }))).status).toBe(
      400,
    );
    expect(
      (await control('POST', '/__sandbox/faults', JSON.stringify({ endpoint: 'cgi-bin/gettoken', count: 1 }))).status,
    ).toBe(400);
  });

  it('rejects a body that is not JSON', async () => {
    const { status, json } = await control('PATCH', '/__sandbox/settings', 'corpId=x');
    expect(status).toBe(400);
    expect(json).toEqual({ error: 'body is not JSON' });
  });

  it('makes the typed client throw with the message', async () => {
    await expect(sandbox.control.configure({ tokenLifetimeSeconds: 0 })).rejects.toThrow(/400.*tokenLifetimeSeconds/s);
  });
});

describe('reset, seed and settings', () => {
  it('configure answers the merged settings', async () => {
    const settings = await sandbox.control.configure({
      corpId: 'wwother',
      apps: [{ agentId: APP.agentId, name: 'Renamed' }],
    });
    expect(settings.corpId).toBe('wwother');
    expect(settings.apps[0]).toMatchObject({ name: 'Renamed', secret: APP.secret });
    expect((await control('GET', '/__sandbox/settings')).json).toEqual(settings);
  });

  it('accepts a Partial<SandboxSettings>, full apps included', async () => {
    const partial: Partial<SandboxSettings> = { apps: [{ ...APP, name: 'Full app' }] };
    expect((await sandbox.control.configure(partial)).apps).toEqual([{ ...APP, name: 'Full app' }]);
  });

  it('seed replaces the directory', async () => {
    await sandbox.control.seed([{ userid: 'wangwu', name: '王五' }]);
    expect((await control('GET', '/__sandbox/members')).json).toEqual({
      members: [{ userid: 'wangwu', name: '王五' }],
    });
  });

  it('reset restores start-up settings and members and forgets tokens', async () => {
    const token = await fetchToken(sandbox);
    await sandbox.control.configure({ corpId: 'wwother' });
    await sandbox.control.seed([]);
    await sandbox.control.reset();
    const startUp = mergeSettings(DEFAULT_SANDBOX_SETTINGS, TEST_SETTINGS);
    expect((await control('GET', '/__sandbox/settings')).json).toEqual(startUp.ok && startUp.settings);
    expect((await control('GET', '/__sandbox/members')).json).toEqual({ members: MEMBERS });
    expect(await getJson(`${sandbox.url}/cgi-bin/user/get?access_token=${token}&userid=zhangsan`)).toMatchObject({
      errcode: 40014,
    });
  });
});

describe('home page', () => {
  it('shows the corp, apps, members and control endpoints', async () => {
    const html = await (await fetch(`${sandbox.url}/`)).text();
    expect(html).toContain(CORP_ID);
    expect(html).toContain(APP.secret);
    expect(html).toContain('张三');
    expect(html).toContain('/__sandbox/reset');
  });
});

describe('startSandbox and createSandboxControl', () => {
  it('starts with settings and members, and the client works with an injected fetch', async () => {
    const other = await startSandbox({ settings: { corpId: 'wwcustom' }, members: [{ userid: 'a', name: 'A' }] });
    try {
      expect(other.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const seen: string[] = [];
      const client = createSandboxControl(other.url, (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      });
      expect((await client.configure({})).corpId).toBe('wwcustom');
      expect(seen).toEqual([`${other.url}/__sandbox/settings`]);
    } finally {
      await other.close();
    }
  });

  it('refuses invalid start-up options', async () => {
    await expect(startSandbox({ settings: { tokenLifetimeSeconds: -1 } })).rejects.toThrow(/Invalid sandbox settings/);
    await expect(startSandbox({ members: [{ userid: '', name: 'x' }] })).rejects.toThrow(/Invalid sandbox members/);
  });
});
