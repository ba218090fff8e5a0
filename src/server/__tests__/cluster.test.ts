import { Browser, bindZhangSan, type Harness, ORIGIN, startHarness, tokenOf, UA, whoAmI } from './harness';

/**
 * Two NocoBase nodes sharing a Redis cache, as in a cluster (each has its own SQLite database here; a real
 * cluster shares one): a sign-in may start on one node and finish on another, and they share one access token.
 */
describe('two NocoBase nodes sharing Redis', () => {
  let first: Harness;
  let second: Harness;

  beforeEach(async () => {
    const redisPrefix = `wecom-test-${process.pid}-${Date.now()}`;
    first = await startHarness({ redisPrefix });
    second = await startHarness({ redisPrefix });
    // One WeCom for both nodes: the second node's authenticator points at the first node's sandbox.
    await second.app.db
      .getRepository('authenticators')
      .update({ filter: { name: 'wecom' }, values: { options: first.options() } });
    await bindZhangSan(first);
    await bindZhangSan(second);
  });

  afterEach(async () => {
    await first.close();
    await second.close();
  });

  it('finishes on one node a sign-in started on the other, with one gettoken for both', async () => {
    const browser = new Browser(first, UA.weComIos, 'zhangsan');
    const started = await browser.getAuthUrl({ redirect: '/admin/x' });
    const cookie = [started.headers['set-cookie'] ?? []].flat();
    const callback = new URL(await browser.passWeCom(started.body.data.url));
    const finished = await second.app.agent().get(`/wecom:redirect${callback.search}`).set('Cookie', cookie);
    const landing = new URL(finished.headers.location ?? '');
    expect(`${landing.origin}${landing.pathname}`).toBe(`${ORIGIN}/admin/x`);
    expect(await whoAmI(second, tokenOf({ location: landing }))).toMatchObject({ nickname: 'Zhang San' });

    const again = await browser.signIn();
    expect(await whoAmI(first, tokenOf(again))).toMatchObject({
      nickname: 'Zhang San',
    });
    expect((await first.sandbox.control.calls())['/cgi-bin/gettoken']).toBe(1);
  });
});
