import {
  Browser,
  bindings,
  bindZhangSan,
  expectSignInPage,
  type Harness,
  startHarness,
  tokenOf,
  UA,
  whoAmI,
} from './harness';

describe('desktop sign-in with the WeCom QR code', () => {
  let harness: Harness;

  afterEach(async () => {
    await harness.close();
  });

  it('sends a desktop browser to WeCom web login, not to in-client OAuth', async () => {
    harness = await startHarness();
    const answer = await new Browser(harness, UA.desktopChrome, null).getAuthUrl({ redirect: '/admin' });
    const url = new URL(answer.body.data.url);
    expect(url.pathname).toBe('/wwlogin/sso/login');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      login_type: 'CorpApp',
      appid: 'wwtestcorp000001',
      agentid: '1000002',
      redirect_uri: 'http://nocobase.test:13000/api/wecom:redirect',
    });
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9]{1,128}$/);
  });

  it('signs a bound member in with one WeCom call', async () => {
    harness = await startHarness();
    await bindZhangSan(harness);
    await harness.sandbox.control.resetCalls();
    const result = await new Browser(harness, UA.desktopChrome, null).signIn(
      { redirect: '/admin/settings' },
      { scanAs: 'zhangsan' },
    );
    expect(result.location.pathname).toBe('/admin/settings');
    expect(await whoAmI(harness, tokenOf(result))).toMatchObject({
      nickname: 'Zhang San',
    });
    // The whole count, WeCom's pages included, so that any extra call fails the test: the QR page and its scan, the
    // first access token of this app, and the code exchange.
    expect(await harness.sandbox.control.calls()).toEqual({
      '/wwlogin/sso/login': 1,
      '/wwlogin/sso/login/scan': 1,
      '/cgi-bin/gettoken': 1,
      '/cgi-bin/auth/getuserinfo': 1,
    });
  });

  it('tells an unbound member of a new app to sign in once from the WeCom app', async () => {
    harness = await startHarness({ options: { autoSignup: true } });
    const result = await new Browser(harness, UA.desktopChrome, null).signIn({}, { scanAs: 'zhangsan' });
    expectSignInPage(result, 'SIGN_IN_FROM_WECOM_FIRST');
    expect(await bindings(harness)).toEqual([]);
  });

  it('links an unbound member by the directory mobile where WeCom still gives it (apps before 2022-06-20)', async () => {
    harness = await startHarness({
      sandbox: { apps: [{ agentId: 1000002, createdBefore20220620: true }] },
    });
    const result = await new Browser(harness, UA.desktopChrome, null).signIn({}, { scanAs: 'zhangsan' });
    expect(await whoAmI(harness, tokenOf(result))).toMatchObject({
      nickname: 'Zhang San',
    });
    expect((await bindings(harness)).map((binding) => binding.uuid)).toEqual(['zhangsan']);
  });

  it('shows the sign-in page when the user declines on the QR page', async () => {
    harness = await startHarness();
    const result = await new Browser(harness, UA.desktopChrome, null).signIn({}, { scanAs: 'deny' });
    expectSignInPage(result, 'ACCESS_DENIED');
  });
});
