import { recordCase } from '../../../testing/security-case';
import { STATE_TTL_MS } from '../../sign-in-state';
import {
  Browser,
  bindZhangSan,
  countUsers,
  type Harness,
  landedSession,
  ORIGIN,
  startHarness,
  tokenOf,
  UA,
  whoAmI,
} from '../harness';

/**
 * Attacks on the two ways a callback arrives: WeCom's redirect to `wecom:redirect`, and `auth:signIn` with
 * `{ code, state }` (the embedded panel's callback mode). Each asserts that nobody was signed in, no token was
 * issued, and that the rightful browser's sign-in was not spoiled.
 */
describe('callbacks an attacker forges, replays or steals', () => {
  let harness: Harness;
  let clock = Date.now();

  beforeEach(async () => {
    clock = Date.now();
    harness = await startHarness({ now: () => clock });
    await bindZhangSan(harness);
    await harness.app.db.getRepository('authenticators').create({
      values: { name: 'wecom2', authType: 'wecom', enabled: true, options: harness.options({ autoLogin: false }) },
    });
  });

  afterEach(async () => {
    await harness.close();
  });

  /** A sign-in run up to WeCom's answer: our callback URL with a fresh code and state, not yet opened. */
  async function callbackFor(browser: Browser, authenticator = 'wecom'): Promise<URL> {
    const started = await browser.getAuthUrl({ redirect: '/admin' }, authenticator);
    expect(started.status).toBe(200);
    return new URL(await browser.passWeCom(started.body.data.url, { scanAs: 'zhangsan' }));
  }

  /** The panel's callback mode: the page posts WeCom's code and the state to NocoBase's own sign-in. */
  function panelSignIn(browser: Browser, callback: URL, authenticator = 'wecom') {
    return browser.agent
      .post('/auth:signIn')
      .set('X-Authenticator', authenticator)
      .set('User-Agent', browser.userAgent)
      .send({ code: callback.searchParams.get('code'), state: callback.searchParams.get('state') });
  }

  const desktop = (): Browser => new Browser(harness, UA.desktopChrome, null);

  it('a forged state signs nobody in', async ({ task }) => {
    const answer = await desktop().openNocoBase(`${ORIGIN}/api/wecom:redirect?code=abc&state=${'a'.repeat(56)}`);
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/signin?error=STATE_INVALID');
    expect(await countUsers(harness)).toBe(2);
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect',
      outcome: 'refused before any WeCom call',
      userSaw: 'sign-in page, STATE_INVALID',
    });
  });

  it('a state replayed with the cookie it was issued with is spent after one use', async ({ task }) => {
    const browser = desktop();
    const started = await browser.getAuthUrl({ redirect: '/admin' });
    const cookie = [started.headers['set-cookie'] ?? []].flat().map((line) => line.split(';')[0] ?? '');
    const callback = new URL(await browser.passWeCom(started.body.data.url, { scanAs: 'zhangsan' }));
    const first = await browser.openNocoBase(callback.href);
    expect(tokenOf({ location: new URL(first.headers.location ?? '') })).not.toBe('');
    // The cookie is cleared by the first use; an attacker who kept a copy sends it again.
    const replay = await harness.app.agent().get(`/wecom:redirect${callback.search}`).set('Cookie', cookie);
    expect(replay.headers.location).toMatch(/\/signin\?error=STATE_INVALID/);
    expect(landedSession(new URL(replay.headers.location ?? '', ORIGIN))).toBeNull();
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect',
      outcome: 'second use refused (single use claimed atomically)',
      userSaw: 'sign-in page, STATE_INVALID',
    });
  });

  it('a callback stolen into another browser with a sign-in of its own neither works nor spoils the real one', async ({
    task,
  }) => {
    const victim = desktop();
    const callback = await callbackFor(victim);
    const thief = desktop();
    expect((await thief.getAuthUrl({ redirect: '/admin' })).headers['set-cookie']?.[0]).toMatch(/^nb_wecom_signin_/);
    const stolen = await thief.openNocoBase(callback.href);
    expect(stolen.headers.location).toBe('/signin?error=STATE_INVALID');
    const stolenByPanel = await panelSignIn(thief, callback);
    expect(stolenByPanel.status).toBe(401);
    expect(stolenByPanel.body.errors[0].code).toBe('STATE_INVALID');
    expect(JSON.stringify(stolenByPanel.body)).not.toMatch(/token/i);
    const rightful = await victim.openNocoBase(callback.href);
    expect(await whoAmI(harness, tokenOf({ location: new URL(rightful.headers.location ?? '') }))).toMatchObject({
      nickname: 'Zhang San',
    });
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect, POST /api/auth:signIn',
      outcome: 'refused without spending the state; the rightful browser then signs in',
      userSaw: 'thief: sign-in page, STATE_INVALID',
    });
  });

  it('a client-chosen sign-in cookie is not accepted', async ({ task }) => {
    const browser = desktop();
    const callback = await callbackFor(browser);
    const nonce = callback.searchParams.get('state')?.slice(0, 24) ?? '';
    const forged = await harness.app
      .agent()
      .get(`/wecom:redirect${callback.search}`)
      .set('Cookie', `nb_wecom_signin_${nonce}=${Buffer.from('["x"]').toString('base64url')}.AAAA`);
    expect(forged.headers.location).toBe('/signin?error=STATE_INVALID');
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect',
      outcome: 'cookie without the server’s MAC refused',
      userSaw: 'sign-in page, STATE_INVALID',
    });
  });

  it('a sign-in cookie whose landing was rewritten is refused', async ({ task }) => {
    const browser = desktop();
    const started = await browser.getAuthUrl({ redirect: '/admin' });
    const [line] = [started.headers['set-cookie'] ?? []].flat();
    const [name, value] = (line?.split(';')[0] ?? '').split('=');
    const [payload, mac] = (value ?? '').split('.');
    const fields = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as unknown[];
    fields[2] = '/api/users:destroy?filterByTk=1';
    const rewritten = `${Buffer.from(JSON.stringify(fields)).toString('base64url')}.${mac}`;
    const callback = new URL(await browser.passWeCom(started.body.data.url, { scanAs: 'zhangsan' }));
    const answer = await harness.app
      .agent()
      .get(`/wecom:redirect${callback.search}`)
      .set('Cookie', `${name}=${rewritten}`);
    expect(answer.headers.location).toBe('/signin?error=STATE_INVALID');
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect',
      outcome: 'tampered cookie refused (MAC)',
      userSaw: 'sign-in page, STATE_INVALID',
    });
  });

  it('a state older than ten minutes is refused', async ({ task }) => {
    const browser = desktop();
    const callback = await callbackFor(browser);
    clock += STATE_TTL_MS + 1000;
    expect((await browser.openNocoBase(callback.href)).headers.location).toBe('/signin?error=STATE_INVALID');
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect',
      outcome: 'expired state refused',
      userSaw: 'sign-in page, STATE_INVALID',
    });
  });

  it('a state of one authenticator is refused by another, on both callback paths', async ({ task }) => {
    const zhangSan = await harness.app.db.getRepository('users').findOne({ filter: { phone: '13800000001' } });
    await harness.app.db
      .getRepository('usersAuthenticators')
      .create({ values: { authenticator: 'wecom2', userId: zhangSan?.get('id'), uuid: 'zhangsan' } });
    const browser = desktop();
    const callback = await callbackFor(browser, 'wecom2');
    const crossed = await panelSignIn(browser, callback, 'wecom');
    expect(crossed.status).toBe(401);
    expect(crossed.body.errors[0].code).toBe('STATE_INVALID');
    // The refusal spent nothing: the authenticator it belongs to still takes it.
    const own = await panelSignIn(browser, callback, 'wecom2');
    expect(own.status).toBe(200);
    expect((await whoAmI(harness, own.body.data.token)).status).toBe(200);
    recordCase(task, {
      endpoint: 'POST /api/auth:signIn (X-Authenticator: another WeCom authenticator)',
      outcome: 'refused without spending the state',
      userSaw: 'STATE_INVALID',
    });
  });

  it('the panel’s callback mode: a forged state, a replay and a missing code issue no token', async ({ task }) => {
    const browser = desktop();
    const forged = await browser.agent
      .post('/auth:signIn')
      .set('X-Authenticator', 'wecom')
      .send({ code: 'abc', state: 'f'.repeat(56) });
    expect(forged.status).toBe(401);
    expect(forged.body.errors[0].code).toBe('STATE_INVALID');

    const callback = await callbackFor(browser);
    const first = await panelSignIn(browser, callback);
    expect(first.status).toBe(200);
    const replay = await panelSignIn(browser, callback);
    expect(replay.status).toBe(401);
    expect(replay.body.errors[0].code).toBe('STATE_INVALID');

    const declined = await callbackFor(browser);
    const noCode = await browser.agent
      .post('/auth:signIn')
      .set('X-Authenticator', 'wecom')
      .send({ state: declined.searchParams.get('state') });
    expect(noCode.body.errors[0].code).toBe('ACCESS_DENIED');
    expect(JSON.stringify([forged.body, replay.body, noCode.body])).not.toContain('"token"');
    recordCase(task, {
      endpoint: 'POST /api/auth:signIn { code, state }',
      outcome: 'forged and replayed states refused; no code is a denial',
      userSaw: 'STATE_INVALID, ACCESS_DENIED',
    });
  });

  it('a code that is not a WeCom code is refused without asking WeCom', async ({ task }) => {
    const browser = desktop();
    const callback = await callbackFor(browser);
    await harness.sandbox.control.resetCalls();
    callback.searchParams.set('code', `x${'y'.repeat(600)}`);
    const answer = await browser.openNocoBase(callback.href);
    expect(new URL(answer.headers.location ?? '').searchParams.get('error')).toBe('CODE_INVALID');
    expect(await harness.sandbox.control.calls()).toEqual({});
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect',
      outcome: 'no WeCom quota spent on an impossible code',
      userSaw: 'sign-in page, CODE_INVALID',
    });
  });

  it('a WeCom code used twice is refused, even with a fresh state', async ({ task }) => {
    const browser = new Browser(harness, UA.weComIos, 'zhangsan');
    const used = await callbackFor(browser);
    await browser.openNocoBase(used.href);
    const fresh = await callbackFor(browser);
    fresh.searchParams.set('code', used.searchParams.get('code') ?? '');
    const answer = await browser.openNocoBase(fresh.href);
    expect(new URL(answer.headers.location ?? '').searchParams.get('error')).toBe('CODE_INVALID');
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect',
      outcome: 'a spent WeCom code refused under a new, valid state',
      userSaw: 'CODE_INVALID',
    });
  });
});
