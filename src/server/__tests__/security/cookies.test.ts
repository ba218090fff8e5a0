import { recordCase } from '../../../testing/security-case';
import { Browser, bindZhangSan, type Harness, startHarness, tokenOf, UA, whoAmI } from '../harness';

type Agent = Browser['agent'];

/** `name=value` of each Set-Cookie line, and its attributes in lower case. */
function cookiesOf(answer: {
  headers: Record<string, unknown>;
}): Array<{ pair: string; name: string; flags: string[] }> {
  const lines = [answer.headers['set-cookie'] ?? []].flat() as string[];
  return lines.map((line) => {
    const [pair = '', ...flags] = line.split(';').map((part) => part.trim());
    return { pair, name: pair.split('=')[0] ?? '', flags: flags.map((flag) => flag.toLowerCase()) };
  });
}

/** A browser behind an HTTPS reverse proxy: every request says so, and cookies travel as the browser would send them. */
async function throughHttpsProxy(agent: Agent, path: string, cookies: string[]) {
  return agent
    .get(path)
    .set('X-Forwarded-Proto', 'https')
    .set('User-Agent', UA.weComIos)
    .set('Cookie', cookies.join('; '));
}

describe('the cookies of a sign-in', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
    await bindZhangSan(harness);
  });

  afterAll(async () => {
    await harness.close();
  });

  it('over plain HTTP: httpOnly, SameSite=Lax, path /, not Secure', async ({ task }) => {
    const started = await new Browser(harness, UA.weComIos, 'zhangsan').getAuthUrl({ redirect: '/admin' });
    const [cookie] = cookiesOf(started);
    expect(cookie?.name).toMatch(/^nb_wecom_signin_[0-9a-f]{24}$/);
    expect(cookie?.flags).toEqual(expect.arrayContaining(['path=/', 'samesite=lax', 'httponly']));
    expect(cookie?.flags).not.toContain('secure');
    recordCase(task, {
      endpoint: 'POST /api/wecom:getAuthUrl',
      outcome: 'sign-in cookie httpOnly, SameSite=Lax',
      userSaw: 'nothing',
    });
  });

  it('behind an HTTPS proxy: __Host- and Secure, exactly when NocoBase’s own auth cookies are Secure', async ({
    task,
  }) => {
    const browser = new Browser(harness, UA.weComIos, 'zhangsan');
    const start = await browser.agent
      .post('/wecom:getAuthUrl')
      .set('X-Authenticator', 'wecom')
      .set('X-Forwarded-Proto', 'https')
      .set('User-Agent', UA.weComIos)
      .send({ redirect: '/admin' });
    const [signInCookie] = cookiesOf(start);
    expect(signInCookie?.name).toMatch(/^__Host-nb_wecom_signin_[0-9a-f]{24}$/);
    expect(signInCookie?.flags).toEqual(expect.arrayContaining(['path=/', 'secure', 'httponly', 'samesite=lax']));
    expect(signInCookie?.flags.some((flag) => flag.startsWith('domain='))).toBe(false);

    const callback = new URL(await browser.passWeCom(start.body.data.url));
    const finished = await throughHttpsProxy(harness.app.agent(), `/wecom:redirect${callback.search}`, [
      signInCookie?.pair ?? '',
    ]);
    const set = cookiesOf(finished);
    const landing = set.find((cookie) => cookie.name.startsWith('__Host-nb_wecom_landing_'));
    expect(landing?.flags).toEqual(expect.arrayContaining(['path=/', 'secure', 'samesite=lax']));
    expect(landing?.flags).not.toContain('httponly');
    const nocobase = set.find((cookie) => cookie.name.startsWith('nb_auth_token'));
    expect(nocobase?.flags, 'NocoBase set its own auth cookie Secure on the same answer').toContain('secure');
    // The spent sign-in cookie is removed under the same name.
    expect(set.find((cookie) => cookie.name === signInCookie?.name)?.pair).toMatch(/=$/);
    expect(await whoAmI(harness, tokenOf({ location: new URL(finished.headers.location ?? '') }))).toMatchObject({
      nickname: 'Zhang San',
    });
    recordCase(task, {
      endpoint: 'POST /api/wecom:getAuthUrl, GET /api/wecom:redirect (X-Forwarded-Proto: https)',
      outcome: '__Host- prefix, Secure, no Domain',
      userSaw: 'signed in',
    });
  });

  it('on HTTPS a cookie without the __Host- prefix is not taken, whoever planted it', async ({ task }) => {
    // An attacker's own sign-in over plain HTTP gives a valid cookie without the prefix; a sibling subdomain can
    // plant such a cookie for the whole site, which is what __Host- rules out.
    const attacker = new Browser(harness, UA.weComIos, 'zhangsan');
    const started = await attacker.getAuthUrl({ redirect: '/admin' });
    const [planted] = cookiesOf(started);
    const callback = new URL(await attacker.passWeCom(started.body.data.url));
    const answer = await throughHttpsProxy(harness.app.agent(), `/wecom:redirect${callback.search}`, [
      planted?.pair ?? '',
    ]);
    expect(answer.headers.location).toBe('/signin?error=STATE_INVALID');
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect (X-Forwarded-Proto: https)',
      outcome: 'cookie fixation refused: only __Host- names count on HTTPS',
      userSaw: 'sign-in page, STATE_INVALID',
    });
  });

  it('many sign-ins started in one browser leave at most three cookies', async ({ task }) => {
    const browser = new Browser(harness, UA.desktopChrome, null);
    // What the browser keeps: each answer's Set-Cookie lines applied in order, an empty value deleting.
    const jar = new Map<string, string>();
    for (let round = 0; round < 8; round++) {
      for (const cookie of cookiesOf(await browser.getAuthUrl({ redirect: '/admin' }))) {
        const value = cookie.pair.slice(cookie.name.length + 1);
        if (value) jar.set(cookie.name, value);
        else jar.delete(cookie.name);
      }
    }
    const open = [...jar.keys()].filter((name) => name.startsWith('nb_wecom_signin_'));
    expect(open.length).toBeLessThanOrEqual(3);
    recordCase(task, {
      endpoint: 'POST /api/wecom:getAuthUrl × 8',
      outcome: 'older sign-in cookies dropped, so headers cannot grow',
      userSaw: 'nothing',
    });
  });
});
