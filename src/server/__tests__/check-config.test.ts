import enUS from '../../locale/en-US.json';
import { AGENT_ID, asRoot, type Harness, startHarness } from './harness';

describe('POST /api/wecom:checkConfig', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    await harness.close();
  });

  async function check(options: Record<string, unknown>, name = 'wecom') {
    return (await asRoot(harness)).post('/wecom:checkConfig').send({ name, options });
  }

  it('reports a working configuration, using the saved secret when the form’s is empty', async () => {
    const answer = await check(harness.options({ secret: '' }));
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({
      ok: true,
      checks: [
        expect.objectContaining({ key: 'credentials', ok: true }),
        expect.objectContaining({ key: 'agent', ok: true, message: 'The app "NocoBase" was found.' }),
        expect.objectContaining({ key: 'trustedDomain', ok: true }),
      ],
    });
  });

  it.each([
    [{ corpId: 'wwunknown' }, 40013, 'WeCom does not know this Corp ID (40013).'],
    [{ secret: 'wrong' }, 40001, "WeCom refused the Secret (40001). Copy it again from the app's page in WeCom."],
    [{ agentId: '1000999' }, 40056, 'WeCom knows no app with AgentId 1000999 (40056).'],
  ])('says in plain words what is wrong with %j', async (bad, errcode, message) => {
    const answer = await check(harness.options(bad));
    expect(answer.body.data.ok).toBe(false);
    expect(answer.body.data.checks).toContainEqual(expect.objectContaining({ ok: false, errcode, message }));
  });

  it('names the IP to trust (60020)', async () => {
    await harness.sandbox.control.configure({ apps: [{ agentId: AGENT_ID, trustedIps: ['203.0.113.7'] }] });
    const answer = await check(harness.options());
    expect(answer.body.data.checks).toContainEqual(
      expect.objectContaining({
        ok: false,
        errcode: 60020,
        message: "WeCom refused this server's IP address 127.0.0.1 (60020). Add it to the app's trusted IPs in WeCom.",
      }),
    );
  });

  // Fault injection, so these do not depend on how the sandbox itself comes to answer each errcode.
  it.each([
    [
      '/cgi-bin/gettoken',
      40091,
      'credentials',
      "The Secret belongs to another company's app, not to Corp ID wwtestcorp000001 (40091). Copy the Secret from this company's app in WeCom, or correct the Corp ID.",
    ],
    [
      '/cgi-bin/agent/get',
      50001,
      'trustedDomain',
      "WeCom returns sign-ins only to the app's trusted domain, and Origin's host nocobase.test:13000 is not it (50001). Set the app's trusted domain in WeCom (Web authorization and JS-SDK) to nocobase.test:13000, or correct Origin.",
    ],
    [
      '/cgi-bin/agent/get',
      50003,
      'agent',
      "The app with AgentId 1000002 is disabled in WeCom (50003). Enable it in WeCom's admin console (Apps → the app).",
    ],
  ])('says what to change when %s answers %i', async (endpoint, errcode, key, message) => {
    await harness.sandbox.control.fault({ endpoint, count: 1, errcode });
    const answer = await check(harness.options());
    expect(answer.status).toBe(200);
    expect(answer.body.data.ok).toBe(false);
    expect(answer.body.data.checks).toContainEqual({ key, ok: false, errcode, message, params: expect.any(Object) });
  });

  it('translates the finding of a disabled app (50003)', async () => {
    await harness.sandbox.control.fault({ endpoint: '/cgi-bin/agent/get', count: 1, errcode: 50003 });
    const answer = await (await asRoot(harness))
      .post('/wecom:checkConfig')
      .set('X-Locale', 'zh-CN')
      .send({ name: 'wecom', options: harness.options() });
    expect(answer.body.data.checks).toContainEqual(
      expect.objectContaining({
        key: 'agent',
        message:
          'AgentId 为 1000002 的应用在企业微信中已停用（50003）。请在企业微信管理后台（应用管理 → 该应用）中启用。',
      }),
    );
  });

  it('spots a trusted domain that is not Origin’s host', async () => {
    const answer = await check(harness.options({ origin: 'https://nocobase.example.com' }));
    expect(answer.body.data.checks).toContainEqual(
      expect.objectContaining({
        key: 'trustedDomain',
        ok: false,
        message: `The app's trusted domain in WeCom is "nocobase.test:13000", but Origin's host is "nocobase.example.com". WeCom returns sign-ins only to the trusted domain.`,
      }),
    );
  });

  it('translates its findings', async () => {
    const answer = await (await asRoot(harness))
      .post('/wecom:checkConfig')
      .set('X-Locale', 'zh-CN')
      .send({ name: 'wecom', options: harness.options({ secret: 'wrong' }) });
    expect(answer.body.data.checks[0].message).toBe('企业微信拒绝了 Secret（40001）。请从企业微信的应用页面重新复制。');
    expect(Object.keys(enUS)).toContain(
      "WeCom refused the Secret (40001). Copy it again from the app's page in WeCom.",
    );
  });

  it('is not for anonymous visitors', async () => {
    const answer = await harness.app
      .agent()
      .post('/wecom:checkConfig')
      .send({ name: 'wecom', options: harness.options() });
    expect(answer.status).toBe(401);
  });
});
