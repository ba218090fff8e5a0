import {
  addLookAlike,
  Browser,
  bindings,
  consentedCallback,
  countUsers,
  expectSignInPage,
  type Harness,
  landedSession,
  ORIGIN,
  startHarness,
  tokenOf,
  UA,
  whoAmI,
} from './harness';

describe('sign-in inside the WeCom client', () => {
  let harness: Harness;

  afterEach(async () => {
    await harness.close();
  });

  describe('with automatic sign-up off', () => {
    beforeEach(async () => {
      harness = await startHarness();
    });

    it('links a member to the NocoBase user with the same phone after one consent, then signs in silently', async () => {
      const browser = new Browser(harness, UA.weComIos, 'zhangsan');
      const first = await browser.signIn({ redirect: '/admin/orders?tab=2#row-7' });
      // snsapi_base first, then one round with consent for the phone number.
      expect(first.hops.filter((hop) => hop.includes('scope=snsapi_base'))).toHaveLength(1);
      expect(first.hops.filter((hop) => hop.includes('scope=snsapi_privateinfo'))).toHaveLength(1);
      expect(first.location.origin).toBe(ORIGIN);
      expect(first.location.pathname).toBe('/admin/orders');
      expect(first.location.search).toBe('?tab=2');
      expect(landedSession(first.location)).toMatchObject({ authenticator: 'wecom', hash: '#row-7' });
      const token = tokenOf(first);
      expect(await whoAmI(harness, token)).toMatchObject({ status: 200, nickname: 'Zhang San' });
      expect(await bindings(harness)).toEqual([{ uuid: 'zhangsan', userId: (await whoAmI(harness, token)).id }]);

      await harness.sandbox.control.resetCalls();
      const again = await browser.signIn({ redirect: '/m/tasks' });
      expect(again.hops.some((hop) => hop.includes('snsapi_privateinfo'))).toBe(false);
      expect(again.location.pathname).toBe('/m/tasks');
      expect(await whoAmI(harness, tokenOf(again))).toMatchObject({
        nickname: 'Zhang San',
      });
      // A returning member costs one WeCom API call, and no gettoken: the token is cached. The whole count, so
      // any extra call fails the test.
      expect(apiCalls(await harness.sandbox.control.calls())).toEqual({ '/cgi-bin/auth/getuserinfo': 1 });
    });

    it('signs in from the homepage link without a name, through the authenticator that signs in automatically', async () => {
      const browser = new Browser(harness, UA.weComIos, 'zhangsan');
      const leaving = await browser.openNocoBase(`${ORIGIN}/api/wecom:authorize?redirect=%2Fadmin%2Forders`);
      expect(leaving.status).toBe(302);
      const result = await browser.follow(leaving.headers.location ?? '');
      expect(result.location.pathname).toBe('/admin/orders');
      expect(landedSession(result.location)).toMatchObject({ authenticator: 'wecom' });
      expect(await whoAmI(harness, tokenOf(result))).toMatchObject({ status: 200, nickname: 'Zhang San' });
    });

    it('sends a homepage link without a name to the sign-in page when no authenticator signs in automatically', async () => {
      await harness.app.db
        .getRepository('authenticators')
        .update({ filter: { name: 'wecom' }, values: { options: harness.options({ autoLogin: false }) } });
      await harness.sandbox.control.resetCalls();
      const browser = new Browser(harness, UA.weComIos, 'zhangsan');
      const answer = await browser.openNocoBase(`${ORIGIN}/api/wecom:authorize?redirect=%2Fadmin%2Forders`);
      // Where NocoBase itself sends a page without a session, with no error: nothing failed.
      expect(answer.status).toBe(302);
      expect(answer.headers.location).toBe('/signin?redirect=%2Fadmin%2Forders');
      expect(answer.headers['set-cookie']).toBeUndefined();
      expect(apiCalls(await harness.sandbox.control.calls())).toEqual({});
    });

    it('lands on the workbench redirect link when the client names no page', async () => {
      await harness.app.db
        .getRepository('authenticators')
        .update({ filter: { name: 'wecom' }, values: { options: harness.options({ redirectPath: '/m' }) } });
      const result = await new Browser(harness, UA.weComIos, 'zhangsan').signIn();
      expect(result.location.pathname).toBe('/m');
      // The session rides in the fragment, never the query; having one also stops WeCom's `#wechat_redirect` following.
      expect(result.hops.at(-1)).toMatch(/^http:\/\/nocobase\.test:13000\/m#wecom-session:[^#]+$/);
      expect(result.location.search).toBe('');
      expect(tokenOf(result)).toBeTruthy();
    });

    it('refuses a member whose phone matches nobody, creating nothing', async () => {
      // Ends like lisi's number: the lookup must compare whole numbers, not the digits it searches by.
      await addLookAlike(harness);
      const users = await countUsers(harness);
      const result = await new Browser(harness, UA.weComIos, 'lisi').signIn({ redirect: '/admin' });
      expectSignInPage(result, 'USER_NOT_FOUND');
      expect(await countUsers(harness)).toBe(users);
      expect(await bindings(harness)).toEqual([]);
    });

    it('refuses a member who declines to share the phone number', async () => {
      const result = await new Browser(harness, UA.weComIos, 'zhangsan').signIn({}, { consent: 'deny' });
      expectSignInPage(result, 'ACCESS_DENIED');
      expect(await bindings(harness)).toEqual([]);
    });

    it('refuses a member outside the app’s visible range', async () => {
      const result = await new Browser(harness, UA.weComIos, 'wangwu').signIn();
      expectSignInPage(result, 'OUTSIDE_VISIBLE_RANGE');
    });

    it('refuses a member without a phone number in WeCom', async () => {
      const result = await new Browser(harness, UA.weComIos, 'zhaoliu').signIn();
      expectSignInPage(result, 'MOBILE_UNAVAILABLE');
    });

    it('refuses someone who is not a member of the corp', async () => {
      const result = await new Browser(harness, UA.weComIos, 'openid:oXyZ123').signIn();
      expectSignInPage(result, 'NOT_A_MEMBER');
    });

    it('refuses to link a phone whose NocoBase user is bound to another member', async () => {
      await new Browser(harness, UA.weComIos, 'zhangsan').signIn();
      await harness.sandbox.control.seed([
        { userid: 'zhangsan2', name: '张三二', mobile: '13800000001' },
        { userid: 'zhangsan', name: '张三', mobile: '13800000001' },
      ]);
      const result = await new Browser(harness, UA.weComIos, 'zhangsan2').signIn();
      expectSignInPage(result, 'PHONE_BOUND_ELSEWHERE');
      expect((await bindings(harness)).map((binding) => binding.uuid)).toEqual(['zhangsan']);
    });

    it('refuses to guess when several NocoBase users have the number in different spellings', async () => {
      await harness.app.db
        .getRepository('users')
        .create({ values: { nickname: 'Zhang Again', phone: '+86 138 0000 0001' } });
      const result = await new Browser(harness, UA.weComIos, 'zhangsan').signIn();
      expectSignInPage(result, 'PHONE_AMBIGUOUS');
      expect(await bindings(harness)).toEqual([]);
    });
  });

  describe('with automatic sign-up on', () => {
    beforeEach(async () => {
      harness = await startHarness({ options: { autoSignup: true } });
    });

    it('creates one user for a member whose phone matches nobody, and reuses it after', async () => {
      const users = await countUsers(harness);
      const browser = new Browser(harness, UA.weComIos, 'lisi');
      const first = await browser.signIn();
      const created = await whoAmI(harness, tokenOf(first));
      expect(created).toMatchObject({ status: 200, nickname: '李四' });
      const stored = await harness.app.db.getRepository('users').findOne({ filterByTk: created.id });
      expect(stored?.get('phone')).toBe('13900000002');

      const second = await browser.signIn();
      expect((await whoAmI(harness, tokenOf(second))).id).toBe(created.id);
      expect(await countUsers(harness)).toBe(users + 1);
    });

    it('still links by phone rather than creating a second account', async () => {
      const users = await countUsers(harness);
      const result = await new Browser(harness, UA.weComIos, 'zhangsan').signIn();
      expect(await whoAmI(harness, tokenOf(result))).toMatchObject({
        nickname: 'Zhang San',
      });
      expect(await countUsers(harness)).toBe(users);
    });

    it('creates the user once when the same consent comes back twice at once', async () => {
      // Two callbacks for one member, each under way while the other is: WeCom answers the mobile only after both
      // asked for it, so both looked for the member's link before either made one. PostgreSQL, as it takes the
      // concurrent writes that SQLite would serialise.
      await harness.close();
      harness = await startHarness({ database: 'postgres', options: { autoSignup: true } });
      const users = await countUsers(harness);
      const browsers = [new Browser(harness, UA.weComIos, 'lisi'), new Browser(harness, UA.weComIos, 'lisi')];
      const consents = await Promise.all(browsers.map((browser) => consentedCallback(browser)));
      await harness.sandbox.control.resetCalls();
      await harness.sandbox.control.fault({ endpoint: '/cgi-bin/auth/getuserdetail', count: 2, delayMs: 500 });
      const answers = await Promise.all(browsers.map((browser, index) => browser.openNocoBase(consents[index] ?? '')));
      const landed = answers.map((answer) => ({ location: new URL(answer.headers.location ?? '') }));
      const ids = await Promise.all(landed.map(async (landing) => (await whoAmI(harness, tokenOf(landing))).id));
      expect(ids[0]).toBeGreaterThan(0);
      expect(ids[1]).toBe(ids[0]);
      expect(await countUsers(harness)).toBe(users + 1);
      expect(await bindings(harness)).toEqual([{ uuid: 'lisi', userId: ids[0] }]);
      expect(apiCalls(await harness.sandbox.control.calls())).toEqual({
        '/cgi-bin/auth/getuserinfo': 2,
        '/cgi-bin/auth/getuserdetail': 2,
        // The new user's name, asked once: the other callback found the link made.
        '/cgi-bin/user/get': 1,
      });
    });
  });
});

/** The server API calls among the sandbox's counters (its pages, such as the authorize page, are not API calls). */
function apiCalls(calls: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(calls).filter(([path, count]) => path.startsWith('/cgi-bin/') && count > 0));
}
