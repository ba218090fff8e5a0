import { LOOPBACK_IPS, type StartedSandbox, startSandbox } from '../sandbox/index.ts';
import { passWeCom } from './wecom-member.ts';

/** passWeCom against the sandbox: through the consent page, or straight back when WeCom remembers the consent. */
let sandbox: StartedSandbox;

const CALLBACK = 'http://127.0.0.1:13000/api/wecom:redirect';
const WECOM_UA = 'Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 Mobile/15E148 wxwork/4.1.30 MicroMessenger/7.0.1';
const member = { userAgent: WECOM_UA, weComUser: 'zhangsan' };

beforeAll(async () => {
  sandbox = await startSandbox({
    members: [{ userid: 'zhangsan', name: '张三', mobile: '13800138000' }],
    settings: { apps: [{ agentId: 1000002, trustedIps: [...LOOPBACK_IPS] }] },
  });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.control.reset());

function privateInfoUrl(): string {
  const query = new URLSearchParams({
    appid: 'wwsandbox0000001',
    redirect_uri: CALLBACK,
    response_type: 'code',
    scope: 'snsapi_privateinfo',
    state: 'st4te',
    agentid: '1000002',
  });
  return `${sandbox.url}/connect/oauth2/authorize?${query}#wechat_redirect`;
}

function callback(location: string): URL {
  const url = new URL(location);
  expect(`${url.origin}${url.pathname}`).toBe(CALLBACK);
  return url;
}

describe('passWeCom with snsapi_privateinfo', () => {
  it('allows on the consent page the first time, and comes straight back the next time', async () => {
    const calls = async () => (await sandbox.control.calls())['/connect/oauth2/authorize/consent'] ?? 0;
    expect(callback(await passWeCom(privateInfoUrl(), member)).searchParams.get('code')).toBeTruthy();
    expect(await calls()).toBe(1);
    expect(callback(await passWeCom(privateInfoUrl(), member)).searchParams.get('code')).toBeTruthy();
    expect(await calls()).toBe(1);
  });

  it('denies on a fresh consent page, and refuses to pretend it denied when WeCom asked nothing', async () => {
    expect(callback(await passWeCom(privateInfoUrl(), member, { consent: 'deny' })).searchParams.has('code')).toBe(
      false,
    );
    await passWeCom(privateInfoUrl(), member, { consent: 'allow' });
    await expect(passWeCom(privateInfoUrl(), member, { consent: 'deny' })).rejects.toThrow(/remembered/);
    await sandbox.control.forgetConsents('zhangsan');
    expect(callback(await passWeCom(privateInfoUrl(), member, { consent: 'deny' })).searchParams.has('code')).toBe(
      false,
    );
  });
});
