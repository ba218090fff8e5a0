import enUS from '../locale/en-US.json';
import ruRU from '../locale/ru-RU.json';
import zhCN from '../locale/zh-CN.json';
import { type ConfigCheck, checkWeComConfig } from './check-config';
import { parseWeComOptions, type WeComOptions } from './options';
import type { WeComHttp } from './wecom/request';

const SECRET = 'the-secret-0001';

function optionsOf(overrides: Record<string, unknown> = {}): WeComOptions {
  const parsed = parseWeComOptions({
    corpId: 'ww123abc',
    agentId: '1000002',
    secret: SECRET,
    origin: 'https://nb.example.com',
    apiBaseUrl: 'https://wecom-proxy.example:8443',
    timeoutMs: 1500,
    ...overrides,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.options;
}

const AGENT = {
  errcode: 0,
  errmsg: 'ok',
  agentid: 1000002,
  name: 'NocoBase',
  close: 0,
  redirect_domain: 'nb.example.com',
};
const TOKEN = { errcode: 0, errmsg: 'ok', access_token: 'token-1', expires_in: 7200 };

/** A WeCom whose gettoken and agent/get answer these bodies, or fail as `fetch` fails when given an error. */
function weCom(answers: { token?: unknown; agent?: unknown }): WeComHttp {
  return {
    apiBaseUrl: 'https://wecom-proxy.example:8443',
    timeoutMs: 1500,
    busyRetries: 0,
    busyRetryDelayMs: 0,
    fetch: async (input) => {
      const answer = new URL(String(input instanceof Request ? input.url : input)).pathname.endsWith('/gettoken')
        ? (answers.token ?? TOKEN)
        : (answers.agent ?? AGENT);
      if (answer instanceof Error) throw answer;
      return Response.json(answer);
    },
  };
}

const refusedWith = (errcode: number, errmsg = 'refused') => ({ errcode, errmsg });
const cannotConnect = (code: string) =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });

async function firstFailure(http: WeComHttp, overrides: Record<string, unknown> = {}): Promise<ConfigCheck> {
  const failed = (await checkWeComConfig(optionsOf(overrides), http)).find((check) => !check.ok);
  if (!failed) throw new Error('every check passed');
  return failed;
}

describe('what "Check configuration" says', () => {
  it('passes a working configuration', async () => {
    const checks = await checkWeComConfig(optionsOf(), weCom({}));
    expect(checks.map((check) => [check.key, check.ok])).toEqual([
      ['credentials', true],
      ['agent', true],
      ['trustedDomain', true],
    ]);
  });

  it.each([
    ['ENOTFOUND', 'the name does not resolve'],
    ['ECONNREFUSED', 'the connection was refused'],
    ['EHOSTUNREACH', 'there is no route to it'],
    ['UND_ERR_CONNECT_TIMEOUT', 'the connection timed out'],
    ['CERT_HAS_EXPIRED', 'the secure connection failed'],
  ])('names the host it could not reach, and why, for %s', async (code, why) => {
    const failure = await firstFailure(weCom({ token: cannotConnect(code) }));
    expect(failure).toMatchObject({ key: 'credentials', errcode: null, params: { host: 'wecom-proxy.example:8443' } });
    expect(failure.message).toMatch(new RegExp(`^Could not reach \\{\\{host\\}\\}: ${why} \\(\\{\\{code\\}\\}\\)\\.`));
    expect(failure.message).toContain('API base URL under WeCom addresses (advanced)');
    expect(failure.params.code).toBe(code);
  });

  it('says a blocked port could not be reached', async () => {
    const failure = await firstFailure(
      weCom({ token: new TypeError('fetch failed', { cause: new Error('bad port') }) }),
    );
    expect(failure.message).toMatch(/^Could not reach \{\{host\}\}: its port may not be used/);
  });

  it('says no answer came in time as not reached, with the timeout', async () => {
    const failure = await firstFailure(weCom({ token: new DOMException('timed out', 'TimeoutError') }));
    expect(failure.message).toMatch(/^Could not reach \{\{host\}\}: no answer within \{\{timeoutMs\}\} ms\./);
    expect(failure.params).toEqual({ host: 'wecom-proxy.example:8443', timeoutMs: '1500' });
  });

  it('says a connection that closed without an answer was not reached', async () => {
    const dropped = new TypeError('fetch failed', { cause: new Error('other side closed') });
    const failure = await firstFailure(weCom({ agent: dropped }));
    expect(failure).toMatchObject({ key: 'agent', params: { host: 'wecom-proxy.example:8443' } });
    expect(failure.message).toMatch(/^Could not reach \{\{host\}\}: the connection closed without an answer/);
  });

  it.each([
    [{ token: refusedWith(40013) }, 'credentials', 40013, 'Check Corp ID'],
    [{ token: refusedWith(40001) }, 'credentials', 40001, 'Check Secret'],
    [{ token: refusedWith(40091) }, 'credentials', 40091, 'Check Secret'],
    [{ agent: refusedWith(40056) }, 'agent', 40056, 'Check AgentId'],
    [{ agent: refusedWith(301002) }, 'agent', 301002, 'Check AgentId'],
    [{ agent: refusedWith(50003) }, 'agent', 50003, 'check AgentId'],
    [{ agent: refusedWith(50001) }, 'trustedDomain', 50001, 'check Origin'],
    [
      { token: refusedWith(60020, 'not allow to access from your ip, hint: [x], from ip: 203.0.113.7') },
      'credentials',
      60020,
      'trusted IPs in WeCom',
    ],
  ])('says what WeCom answered and which setting to check: %j', async (answers, key, errcode, setting) => {
    const failure = await firstFailure(weCom(answers));
    expect(failure).toMatchObject({ key, errcode });
    expect(failure.message.startsWith(`WeCom answered ${errcode}: `)).toBe(true);
    expect(failure.message).toContain(setting);
    expect(failure.message).not.toMatch(/^Could not reach/);
  });

  it('names the IP WeCom saw (60020)', async () => {
    const failure = await firstFailure(weCom({ token: refusedWith(60020, 'from ip: 203.0.113.7, more info') }));
    expect(failure.params).toEqual({ ip: '203.0.113.7' });
  });

  it('quotes an errcode it has no words for, without the secret', async () => {
    const failure = await firstFailure(weCom({ token: refusedWith(48002, `api forbidden for ${SECRET}`) }));
    expect(failure).toMatchObject({
      message: 'WeCom answered {{errcode}}: {{errmsg}}',
      params: { errcode: '48002', errmsg: 'api forbidden for [secret]' },
    });
  });

  it('never quotes the secret from a transport failure', async () => {
    const quoting = new TypeError('fetch failed', { cause: new Error(`closed while sending corpsecret=${SECRET}`) });
    const failure = await firstFailure(weCom({ token: quoting }));
    expect(JSON.stringify(failure)).not.toContain(SECRET);
  });

  it.each([
    ['en-US', enUS],
    ['zh-CN', zhCN],
    ['ru-RU', ruRU],
  ])('says each of these in %s', async (_, locale) => {
    const cases: Array<{ token?: unknown; agent?: unknown }> = [
      { token: cannotConnect('ENOTFOUND') },
      { token: cannotConnect('ECONNREFUSED') },
      { token: cannotConnect('ENETUNREACH') },
      { token: cannotConnect('ETIMEDOUT') },
      { token: cannotConnect('EPROTO') },
      { token: new TypeError('fetch failed', { cause: new Error('bad port') }) },
      { token: new DOMException('timed out', 'TimeoutError') },
      { agent: new TypeError('fetch failed') },
      ...[-1, 45009, 60011, 40013, 40001, 40091, 60020, 48002].map((errcode) => ({ token: refusedWith(errcode) })),
      ...[40056, 301002, 50001, 50003].map((errcode) => ({ agent: refusedWith(errcode) })),
      { agent: { ...AGENT, close: 1 } },
      { agent: { ...AGENT, redirect_domain: 'other.example' } },
    ];
    for (const answers of cases) {
      for (const check of await checkWeComConfig(optionsOf(), weCom(answers))) {
        expect(Object.keys(locale)).toContain(check.message);
      }
    }
  });
});
