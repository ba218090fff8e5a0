import { accessTokenSchema } from '../wecom/schemas';
import {
  Browser,
  bindZhangSan,
  CORP_ID,
  type Harness,
  ORIGIN,
  SECRET,
  startHarness,
  tokenOf,
  UA,
  whoAmI,
} from './harness';

describe('WeCom misbehaving or refusing', () => {
  let harness: Harness;

  afterEach(async () => {
    await harness.close();
  });

  describe('with a bound member', () => {
    beforeEach(async () => {
      harness = await startHarness({ options: { timeoutMs: 400 } });
      await bindZhangSan(harness);
    });

    it('fetches a new token once when WeCom revoked the cached one (40014)', async () => {
      const browser = new Browser(harness, UA.weComIos, 'zhangsan');
      await browser.signIn();
      await harness.sandbox.control.revokeTokens();
      await harness.sandbox.control.resetCalls();
      const result = await browser.signIn();
      expect(await whoAmI(harness, tokenOf(result))).toMatchObject({ nickname: 'Zhang San' });
      expect(await harness.sandbox.control.calls()).toMatchObject({
        '/cgi-bin/gettoken': 1,
        '/cgi-bin/auth/getuserinfo': 2,
      });
    });

    it('fetches a new token once when the cached one expired at WeCom (42001)', async () => {
      const browser = new Browser(harness, UA.weComIos, 'zhangsan');
      await browser.signIn();
      // WeCom's clock runs past the token's 7200 s while ours still trusts it.
      await harness.sandbox.control.configure({ clockOffsetSeconds: 7300 });
      await harness.sandbox.control.resetCalls();
      const result = await browser.signIn();
      expect(await whoAmI(harness, tokenOf(result))).toMatchObject({ nickname: 'Zhang San' });
      expect((await harness.sandbox.control.calls())['/cgi-bin/gettoken']).toBe(1);
    });

    it('signs in during a token’s last second, when WeCom hands it out again with expires_in 0', async () => {
      // Shorter than a code's 5 minutes, so that WeCom's clock can reach the token's last second with a code valid.
      await harness.sandbox.control.configure({ tokenLifetimeSeconds: 200 });
      const browser = new Browser(harness, UA.weComIos, 'zhangsan');
      const callback = await browser.passWeCom((await browser.getAuthUrl()).body.data.url);
      const url = `${harness.sandbox.url}/cgi-bin/gettoken?corpid=${CORP_ID}&corpsecret=${SECRET}`;
      const gettoken = async () => accessTokenSchema.parse(await (await fetch(url)).json());
      const issued = await gettoken();
      await harness.sandbox.control.configure({ clockOffsetSeconds: 199 });
      expect(await gettoken()).toEqual({ access_token: issued.access_token, expires_in: 0 });
      await harness.sandbox.control.resetCalls();

      const answer = await browser.openNocoBase(callback);
      const landed = { location: new URL(answer.headers.location ?? '', ORIGIN) };
      expect(await whoAmI(harness, tokenOf(landed))).toMatchObject({ nickname: 'Zhang San' });
      // The last second's token served that sign-in only: the next one asks WeCom again.
      await browser.signIn();
      expect(await harness.sandbox.control.calls()).toMatchObject({
        '/cgi-bin/gettoken': 2,
        '/cgi-bin/auth/getuserinfo': 2,
      });
    });

    // Fault injection, so these do not depend on how the sandbox itself comes to answer each errcode.
    it.each([
      [50001, 'REDIRECT_DOMAIN_UNTRUSTED'],
      [40091, 'SECRET_OF_ANOTHER_CORP'],
      [50003, 'APP_DISABLED'],
    ])(
      'ends on the sign-in page with a configuration error when the code exchange answers %i',
      async (errcode, error) => {
        await harness.sandbox.control.fault({ endpoint: '/cgi-bin/auth/getuserinfo', count: 1, errcode });
        const result = await new Browser(harness, UA.weComIos, 'zhangsan').signIn();
        expect(result.hops.at(-1)).toBe(`${ORIGIN}/signin?error=${error}&authenticator=wecom&redirect=%2Fadmin`);
        expect((await harness.sandbox.control.calls())['/cgi-bin/auth/getuserinfo']).toBe(1);
      },
    );

    it('shares one gettoken among 50 concurrent sign-ins', async () => {
      // NocoBase's own token issuing needs a database that takes concurrent transactions.
      await harness.close();
      harness = await startHarness({ database: 'postgres' });
      await bindZhangSan(harness);
      const browsers = Array.from({ length: 50 }, () => new Browser(harness, UA.weComIos, 'zhangsan'));
      const results = await Promise.all(browsers.map((browser) => browser.signIn()));
      expect(results.every((result) => tokenOf(result).length > 20)).toBe(true);
      expect(await harness.sandbox.control.calls()).toMatchObject({
        '/cgi-bin/gettoken': 1,
        '/cgi-bin/auth/getuserinfo': 50,
      });
    });

    it('retries WeCom’s "system busy" (-1)', async () => {
      await harness.sandbox.control.fault({ endpoint: '/cgi-bin/auth/getuserinfo', count: 1, errcode: -1 });
      const result = await new Browser(harness, UA.weComIos, 'zhangsan').signIn();
      expect(await whoAmI(harness, tokenOf(result))).toMatchObject({ nickname: 'Zhang San' });
      expect((await harness.sandbox.control.calls())['/cgi-bin/auth/getuserinfo']).toBe(2);
    });

    it.each([
      ['a slow answer', { delayMs: 1500 }],
      ['an HTTP error', { status: 502 }],
      ['a body that is not JSON', { malformed: true }],
      ['busy three times in a row', { errcode: -1, count: 3 }],
      ['an unknown errcode', { errcode: 48002 }],
    ])('turns %s into a readable error instead of hanging', async (_, fault) => {
      await harness.sandbox.control.fault({ endpoint: '/cgi-bin/auth/getuserinfo', count: 1, ...fault });
      const started = Date.now();
      const result = await new Browser(harness, UA.weComIos, 'zhangsan').signIn();
      expect(result.location.searchParams.get('error')).toBe('WECOM_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(1400);
    });
  });

  it('names the IP to trust when WeCom refuses the server (60020)', async () => {
    harness = await startHarness({ sandbox: { apps: [{ agentId: 1000002, trustedIps: ['203.0.113.7'] }] } });
    await bindZhangSan(harness);
    const result = await new Browser(harness, UA.weComIos, 'zhangsan').signIn();
    expect(result.location.searchParams.get('error')).toBe('IP_NOT_TRUSTED');
    const answer = await new Browser(harness, UA.weComIos, 'zhangsan').agent
      .post('/wecom:getJsSdkConfig')
      .set('X-Authenticator', 'wecom')
      .send({ url: 'http://nocobase.test:13000/admin' });
    expect(answer.status).toBe(401);
    expect(answer.body.errors[0]).toMatchObject({ code: 'IP_NOT_TRUSTED' });
    expect(answer.body.errors[0].message).toContain('127.0.0.1');
  });

  it('says the settings are wrong when WeCom refuses the secret (40001)', async () => {
    harness = await startHarness({ options: { secret: 'not-the-secret' } });
    const result = await new Browser(harness, UA.weComIos, 'zhangsan').signIn();
    expect(result.location.searchParams.get('error')).toBe('CONFIG_INVALID');
  });
});
