import { STATE_TTL_MS } from '../sign-in-state';
import { Browser, bindZhangSan, countUsers, type Harness, ORIGIN, startHarness, tokenOf, UA, whoAmI } from './harness';

describe('bad input changes nothing and says why', () => {
  let harness: Harness;
  let clock = Date.now();

  beforeEach(async () => {
    clock = Date.now();
    harness = await startHarness({ now: () => clock });
    await bindZhangSan(harness);
  });

  afterEach(async () => {
    await harness.close();
  });

  /** Runs a sign-in up to WeCom's answer and returns the callback URL it gave, unused. */
  async function callbackFor(browser: Browser): Promise<URL> {
    const started = await browser.getAuthUrl({ redirect: '/admin' });
    return new URL(await browser.passWeCom(started.body.data.url, { scanAs: 'zhangsan' }));
  }

  it('refuses a forged state', async () => {
    const browser = new Browser(harness, UA.weComIos, 'zhangsan');
    const answer = await browser.openNocoBase(
      `${ORIGIN}/api/wecom:redirect?code=abc&state=ForgedState0123456789abcdef`,
    );
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/signin?error=STATE_INVALID');
  });

  it('refuses a replayed callback', async () => {
    const browser = new Browser(harness, UA.weComIos, 'zhangsan');
    const callback = await callbackFor(browser);
    const first = await browser.openNocoBase(callback.href);
    expect(tokenOf({ location: new URL(first.headers.location ?? '') })).toBeTruthy();
    const replay = await browser.openNocoBase(callback.href);
    expect(replay.headers.location).toBe('/signin?error=STATE_INVALID');
  });

  it('refuses a callback opened in another browser than the one that started it, one with a sign-in of its own', async () => {
    const victim = new Browser(harness, UA.weComIos, 'zhangsan');
    const callback = await callbackFor(victim);
    const thief = new Browser(harness, UA.weComIos, 'zhangsan');
    expect((await thief.getAuthUrl({ redirect: '/admin' })).headers['set-cookie']?.[0]).toMatch(/^nb_wecom_signin_/);
    const stolen = await thief.openNocoBase(callback.href);
    expect(stolen.headers.location).toBe('/signin?error=STATE_INVALID');
    // Seeing the state spoiled nothing: the rightful browser still signs in with it.
    const rightful = await victim.openNocoBase(callback.href);
    expect(tokenOf({ location: new URL(rightful.headers.location ?? '') })).toBeTruthy();
  });

  it('refuses a state older than ten minutes', async () => {
    const browser = new Browser(harness, UA.weComIos, 'zhangsan');
    const callback = await callbackFor(browser);
    clock += STATE_TTL_MS + 1000;
    expect((await browser.openNocoBase(callback.href)).headers.location).toBe('/signin?error=STATE_INVALID');
  });

  it('refuses a WeCom code used twice, even with a fresh state', async () => {
    const browser = new Browser(harness, UA.weComIos, 'zhangsan');
    const used = await callbackFor(browser);
    await browser.openNocoBase(used.href);
    const fresh = await callbackFor(browser);
    fresh.searchParams.set('code', used.searchParams.get('code') ?? '');
    const answer = await browser.openNocoBase(fresh.href);
    expect(new URL(answer.headers.location ?? '').searchParams.get('error')).toBe('CODE_INVALID');
  });

  it('refuses a WeCom code older than five minutes', async () => {
    const browser = new Browser(harness, UA.weComIos, 'zhangsan');
    const callback = await callbackFor(browser);
    await harness.sandbox.control.configure({ clockOffsetSeconds: 301 });
    const answer = await browser.openNocoBase(callback.href);
    expect(new URL(answer.headers.location ?? '').searchParams.get('error')).toBe('CODE_INVALID');
  });

  it.each([['//evil.example/x'], ['https://evil.example/'], ['/\\evil.example'], ['javascript:alert(1)']])(
    'refuses to send anyone to %s after sign-in',
    async (redirect) => {
      const answer = await new Browser(harness, UA.weComIos, 'zhangsan')
        .getAuthUrl({ redirect })
        .then((response) => response);
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0]).toMatchObject({
        code: 'REDIRECT_INVALID',
        message: 'The page to return to must be on this site.',
      });
    },
  );

  it('answers in the language the client asked for', async () => {
    const answer = await new Browser(harness, UA.weComIos, 'zhangsan').agent
      .post('/wecom:getAuthUrl')
      .set('X-Authenticator', 'wecom')
      .set('X-Locale', 'zh-CN')
      .send({ redirect: '//evil.example' });
    expect(answer.body.errors[0].message).toBe('登录后返回的页面必须属于本站点。');
  });

  it('sends the homepage link with an open-redirect payload to the sign-in page, not away', async () => {
    const answer = await new Browser(harness, UA.weComIos, 'zhangsan').agent
      .get('/wecom:authorize')
      .query({ authenticator: 'wecom', redirect: '//evil.example' });
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe(`${ORIGIN}/signin?error=REDIRECT_INVALID&authenticator=wecom`);
  });

  it.each([['nope'], ['basic'], ['']])('refuses the authenticator %j', async (name) => {
    const answer = await new Browser(harness, UA.weComIos, 'zhangsan').getAuthUrl({}, name);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].code).toBe('AUTHENTICATOR_UNAVAILABLE');
  });

  it('refuses a disabled authenticator, even mid-sign-in', async () => {
    const browser = new Browser(harness, UA.weComIos, 'zhangsan');
    const callback = await callbackFor(browser);
    await harness.app.db
      .getRepository('authenticators')
      .update({ filter: { name: 'wecom' }, values: { enabled: false } });
    const users = await countUsers(harness);
    const answer = await browser.openNocoBase(callback.href);
    expect(answer.headers.location).toBe('/signin?error=AUTHENTICATOR_UNAVAILABLE&redirect=%2Fadmin');
    expect((await browser.getAuthUrl()).body.errors[0].code).toBe('AUTHENTICATOR_UNAVAILABLE');
    expect(await countUsers(harness)).toBe(users);
  });

  it('signs in through the homepage link, before any client code runs', async () => {
    const browser = new Browser(harness, UA.weComIos, 'zhangsan');
    const answer = await browser.agent
      .get('/wecom:authorize')
      .set('User-Agent', UA.weComIos)
      .query({ authenticator: 'wecom', redirect: '/m/inbox' });
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toContain('/connect/oauth2/authorize?appid=wwtestcorp000001');
    const result = await browser.follow(answer.headers.location ?? '');
    expect(result.location.pathname).toBe('/m/inbox');
    expect(await whoAmI(harness, tokenOf(result))).toMatchObject({
      nickname: 'Zhang San',
    });
  });
});
