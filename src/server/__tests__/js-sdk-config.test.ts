import { AGENT_ID, Browser, CORP_ID, type Harness, ORIGIN, startHarness, UA } from './harness';

describe('POST /api/wecom:getJsSdkConfig', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    await harness.close();
  });

  const configFor = (url: unknown) =>
    new Browser(harness, UA.weComIos, null).agent
      .post('/wecom:getJsSdkConfig')
      .set('X-Authenticator', 'wecom')
      .send({ url });

  it('signs config and agentConfig so that WeCom accepts them, from cached tickets', async () => {
    const page = `${ORIGIN}/m/tasks?id=7#details`;
    const answer = await configFor(page);
    expect(answer.status).toBe(200);
    const { corpId, agentId, config, agentConfig } = answer.body.data;
    expect({ corpId, agentId }).toEqual({ corpId: CORP_ID, agentId: String(AGENT_ID) });
    expect(await harness.sandbox.control.verifyJsSdkSignature({ kind: 'corp', url: page, ...config })).toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
    expect(
      await harness.sandbox.control.verifyJsSdkSignature({
        kind: 'agent',
        agentId: AGENT_ID,
        url: page,
        ...agentConfig,
      }),
    ).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(
      (await harness.sandbox.control.verifyJsSdkSignature({ kind: 'corp', url: `${ORIGIN}/other`, ...config })).errcode,
    ).toBe(40093);

    await configFor(`${ORIGIN}/admin`);
    const calls = await harness.sandbox.control.calls();
    expect(calls['/cgi-bin/get_jsapi_ticket']).toBe(1);
    expect(calls['/cgi-bin/ticket/get']).toBe(1);
    expect(calls['/cgi-bin/gettoken']).toBe(1);
  });

  it.each([['https://evil.example/page'], ['/relative'], [''], [42]])('refuses to sign %j', async (url) => {
    const answer = await configFor(url);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toMatchObject({ code: 'PAGE_URL_INVALID' });
    expect((await harness.sandbox.control.calls())['/cgi-bin/get_jsapi_ticket'] ?? 0).toBe(0);
  });
});
