import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import enUS from '../../locale/en-US.json';
import { AGENT_ID, asRoot, type Harness, SECRET, startHarness } from './harness';

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
    [
      { corpId: 'wwunknown' },
      40013,
      "WeCom answered 40013: it knows no company with this Corp ID. Check Corp ID (WeCom's admin console: My company → Company information).",
    ],
    [
      { secret: 'wrong' },
      40001,
      "WeCom answered 40001: it does not accept the Secret. Check Secret: copy it again from the app's page in WeCom.",
    ],
    [
      { agentId: '1000999' },
      40056,
      'WeCom answered 40056: it knows no app with AgentId 1000999. Check AgentId (Apps → your self-built app in WeCom).',
    ],
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
        message:
          "WeCom answered 60020: it takes no calls from this server's IP address 127.0.0.1. Add 127.0.0.1 to the app's trusted IPs in WeCom (Apps → the app → Trusted IP).",
      }),
    );
  });

  // Fault injection, so these do not depend on how the sandbox itself comes to answer each errcode.
  it.each([
    [
      '/cgi-bin/gettoken',
      40091,
      'credentials',
      "WeCom answered 40091: the Secret belongs to another company's app, not to Corp ID wwtestcorp000001. Check Secret (copy it from this company's app in WeCom), or Corp ID.",
    ],
    [
      '/cgi-bin/agent/get',
      50001,
      'trustedDomain',
      "WeCom answered 50001: Origin's host nocobase.test:13000 is not the app's trusted domain, and WeCom returns sign-ins only there. Set the app's trusted domain in WeCom (Web authorization and JS-SDK) to nocobase.test:13000, or check Origin.",
    ],
    [
      '/cgi-bin/agent/get',
      50003,
      'agent',
      "WeCom answered 50003: the app with AgentId 1000002 is disabled. Enable it in WeCom's admin console (Apps → the app), or check AgentId.",
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
          '企业微信返回 50003：AgentId 为 1000002 的应用已停用。请在企业微信管理后台（应用管理 → 该应用）中启用，或检查“AgentId”。',
      }),
    );
  });

  describe('a WeCom that cannot be reached', () => {
    /** A port on this machine that nothing listens on: one a listener had, closed. */
    async function closedPort(): Promise<number> {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      return port;
    }

    it.each([
      ['a blocked port', async () => 'http://127.0.0.1:1', /^Could not reach 127\.0\.0\.1:1: its port may not be used/],
      [
        'a name that does not resolve',
        async () => 'http://wecom.invalid',
        /^Could not reach wecom\.invalid: the name does not resolve \((ENOTFOUND|EAI_AGAIN)\)\./,
      ],
      [
        'a port nothing listens on',
        async () => `http://127.0.0.1:${await closedPort()}`,
        /^Could not reach 127\.0\.0\.1:\d+: the connection was refused \(ECONNREFUSED\)\./,
      ],
    ])('says it could not reach %s, and which setting to check', async (_, address, message) => {
      const answer = await check(harness.options({ apiBaseUrl: await address() }));
      expect(answer.status).toBe(200);
      expect(answer.body.data.ok).toBe(false);
      const [finding, ...more] = answer.body.data.checks;
      expect(more).toEqual([]);
      expect(finding).toMatchObject({ key: 'credentials', ok: false, errcode: null });
      expect(finding.message).toMatch(message);
      expect(finding.message).toContain('Check the API base URL under WeCom addresses (advanced)');
      expect(answer.text).not.toContain(SECRET);
    });
  });

  it('names every refused setting at once', async () => {
    const answer = await check(harness.options({ corpId: '', origin: 'nocobase.test', timeoutMs: 5 }));
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      {
        code: 'INVALID_SETTINGS',
        message:
          'Corp ID is required; Origin must look like https://nocobase.example.com; The timeout must be between 100 and 60000 ms',
      },
    ]);
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
    expect(answer.body.data.checks[0].message).toBe(
      '企业微信返回 40001：不接受该 Secret。请检查“Secret”：从企业微信的应用页面重新复制。',
    );
    expect(Object.keys(enUS)).toContain(
      "WeCom answered 40001: it does not accept the Secret. Check Secret: copy it again from the app's page in WeCom.",
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
