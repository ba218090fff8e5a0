import { Browser, type Harness, ORIGIN, UA, startHarness, whoAmI } from './harness';

describe('sign-in inside the WeCom client', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    await harness.close();
  });

  it('links a member to the NocoBase user with the same phone after one consent, then signs in silently', async () => {
    const browser = new Browser(harness, UA.weComIos, 'zhangsan');
    const first = await browser.signIn({ redirect: '/admin/orders?tab=2#row-7' });
    // snsapi_base first, then one round with consent for the phone number.
    expect(first.hops.filter((hop) => hop.includes('scope=snsapi_base'))).toHaveLength(1);
    expect(first.hops.filter((hop) => hop.includes('scope=snsapi_privateinfo'))).toHaveLength(1);
    expect(first.location.origin).toBe(ORIGIN);
    expect(first.location.pathname).toBe('/admin/orders');
    expect(first.location.hash).toBe('#row-7');
    expect(first.location.searchParams.get('tab')).toBe('2');
    expect(first.location.searchParams.get('authenticator')).toBe('wecom');
    const token = first.location.searchParams.get('token') ?? '';
    expect(await whoAmI(harness, token)).toMatchObject({ status: 200, nickname: 'Zhang San' });

    await harness.sandbox.control.resetCalls();
    const again = await browser.signIn({ redirect: '/admin' });
    expect(again.hops.some((hop) => hop.includes('snsapi_privateinfo'))).toBe(false);
    expect(await whoAmI(harness, again.location.searchParams.get('token') ?? '')).toMatchObject({ nickname: 'Zhang San' });
    // A returning member costs one WeCom API call: the token is cached.
    const calls = await harness.sandbox.control.calls();
    expect(calls['/cgi-bin/auth/getuserinfo']).toBe(1);
    expect(calls['/cgi-bin/gettoken'] ?? 0).toBe(0);
  });
});
