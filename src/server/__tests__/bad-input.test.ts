import { Browser, bindZhangSan, countUsers, type Harness, startHarness, tokenOf, UA, whoAmI } from './harness';

describe('bad input changes nothing and says why', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
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

  it('refuses a WeCom code older than five minutes', async () => {
    const browser = new Browser(harness, UA.weComIos, 'zhangsan');
    const callback = await callbackFor(browser);
    await harness.sandbox.control.configure({ clockOffsetSeconds: 301 });
    const answer = await browser.openNocoBase(callback.href);
    expect(new URL(answer.headers.location ?? '').searchParams.get('error')).toBe('CODE_INVALID');
  });

  it('answers in the language the client asked for', async () => {
    const answer = await new Browser(harness, UA.weComIos, 'zhangsan').agent
      .post('/wecom:getAuthUrl')
      .set('X-Authenticator', 'wecom')
      .set('X-Locale', 'zh-CN')
      .send({ redirect: '//evil.example' });
    expect(answer.body.errors[0].message).toBe('登录后返回的页面必须属于本站点。');
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
