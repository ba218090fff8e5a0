import { vi } from 'vitest';
import { recordCase } from '../../../testing/security-case';
import { MAX_LINK_ATTEMPTS, PENDING_LINK_TTL_MS } from '../../pending-link';
import {
  addLookAlike,
  Browser,
  bindings,
  countIssuedTokens,
  countUsers,
  expectSignInPage,
  formNonce,
  type Harness,
  landedSession,
  MEMBERS,
  ORIGIN,
  startHarness,
  tokenOf,
  UA,
  whoAmI,
} from '../harness';

/**
 * Linking by phone, tried as an attacker would: a WeCom member whose mobile is someone else's `users.phone`, which
 * NocoBase lets users type themselves. Each refusal checks that nothing was linked, created or issued.
 */

const CONFIRM_URL = `${ORIGIN}/api/wecom:confirmLink`;
const ROOT_PASSWORD = 'admin123';
const ROOT_PHONE = '13500000009';
const ROOT_USERNAME = 'the-root-account';
/** Root's number in WeCom's spelling, on a member who is not root. */
const MALLORY = { userid: 'mallory', name: 'Mallory', mobile: '+86 135-0000-0009' };

let harness: Harness;
let clock = Date.now();

type SandboxPatch = NonNullable<Parameters<typeof startHarness>[0]>['sandbox'];

async function start(options: Record<string, unknown> = {}, sandbox?: SandboxPatch) {
  clock = Date.now();
  harness = await startHarness({ options, now: () => clock, ...(sandbox ? { sandbox } : {}) });
  await harness.sandbox.control.seed([...MEMBERS, MALLORY]);
  await harness.app.db
    .getRepository('users')
    .update({ filterByTk: 1, values: { phone: ROOT_PHONE, username: ROOT_USERNAME } });
}

/**
 * Gives a fixture user a password. NocoBase refuses tokens issued before a password change, to the second, so the
 * change is dated back as if made long before the test.
 */
async function setPassword(nickname: string, password: string, values: Record<string, unknown> = {}) {
  const users = harness.app.db.getRepository('users');
  await users.update({ filter: { nickname }, values: { ...values, password } });
  await users.update({ filter: { nickname }, values: { passwordChangeTz: null } });
}

async function state() {
  return {
    users: await countUsers(harness),
    tokens: await countIssuedTokens(harness),
    bindings: await bindings(harness),
  };
}

/** A member signs in inside the WeCom client, consenting once, and ends where our server sends them. */
async function memberSignsIn(userid: string) {
  const browser = new Browser(harness, UA.weComIos, userid);
  const result = await browser.signIn({ redirect: '/admin/orders?tab=2' });
  return { browser, result };
}

/** Signs in until the confirmation page, and reads its form. */
async function atConfirmation(userid = 'mallory') {
  const { browser, result } = await memberSignsIn(userid);
  expect(result.location.href).toBe(CONFIRM_URL);
  expect(landedSession(result.location)).toBeNull();
  const page = await browser.openNocoBase(CONFIRM_URL);
  expect(page.status).toBe(200);
  return { browser, page, nonce: formNonce(page.text) };
}

async function createUser(values: Record<string, unknown>): Promise<number> {
  const user = await harness.app.db.getRepository('users').create({ values });
  return Number(user.get('id'));
}

afterEach(async () => {
  await harness.close();
});

describe('a member whose WeCom mobile is root’s phone', () => {
  it.for(['auto', 'confirm'])(
    'is asked for root’s password, never signed in as root (%s)',
    async (linkByPhone, { task }) => {
      await start({ linkByPhone });
      const before = await state();
      const { page, nonce } = await atConfirmation();
      expect(nonce).toMatch(/^[0-9a-f]{32}$/);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      // The member only claims the account: the page must not say whose it is.
      for (const secret of ['Super Admin', ROOT_USERNAME, 'admin@nocobase.com', ROOT_PHONE]) {
        expect(page.text).not.toContain(secret);
      }
      expect(await state()).toEqual(before);
      recordCase(task, {
        endpoint: 'GET /api/wecom:redirect, GET /api/wecom:confirmLink',
        outcome: 'root never linked by phone; nothing linked, created or issued',
        userSaw:
          'confirmation page (no-store, not framable) naming no account: no name, username, email or phone of root’s',
      });
    },
  );

  it('is told an administrator must link them when linking by phone is off', async ({ task }) => {
    await start({ linkByPhone: 'never' });
    const before = await state();
    const { browser, result } = await memberSignsIn('mallory');
    expectSignInPage(result, 'LINK_BY_ADMIN', '/admin/orders?tab=2');
    expect(browser.cookie('nb_wecom_link')).toBeUndefined();
    expect(await state()).toEqual(before);
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect',
      outcome: 'policy never: no pending link; nothing linked, created or issued',
      userSaw: 'sign-in page, LINK_BY_ADMIN',
    });
  });

  it('gets nothing for a wrong password, and is told how many tries are left', async ({ task }) => {
    await start();
    const before = await state();
    const { browser, nonce } = await atConfirmation();
    const answer = await browser.confirmLink({ nonce, password: 'admin1234' });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(`The password is incorrect. Attempts left: ${MAX_LINK_ATTEMPTS - 1}`);
    expect(answer.headers['set-cookie'] ?? []).toEqual([]);
    expect(await state()).toEqual(before);
    recordCase(task, {
      endpoint: 'POST /api/wecom:confirmLink',
      outcome: 'wrong password: no cookie set; nothing linked, created or issued',
      userSaw: 'confirmation page: “The password is incorrect. Attempts left: 4”',
    });
  });

  it('is linked and signed in as root with root’s password, then silently', async ({ task }) => {
    await start();
    const { browser, nonce } = await atConfirmation();
    const answer = await browser.confirmLink({ nonce, password: ROOT_PASSWORD });
    expect(answer.status).toBe(302);
    const landing = new URL(answer.headers.location ?? '');
    expect(`${landing.origin}${landing.pathname}${landing.search}`).toBe(`${ORIGIN}/admin/orders?tab=2`);
    expect(await whoAmI(harness, tokenOf({ location: landing }))).toMatchObject({ status: 200, id: 1 });
    expect(await bindings(harness)).toEqual([{ uuid: 'mallory', userId: 1 }]);
    expect(browser.cookie('nb_wecom_link')).toBe('');

    const again = await browser.signIn({ redirect: '/admin' });
    expect((await whoAmI(harness, tokenOf(again))).id).toBe(1);
    recordCase(task, {
      endpoint: 'POST /api/wecom:confirmLink, then GET /api/wecom:redirect',
      outcome: 'linked to root only with root’s password; pending link cleared; next sign-in silent',
      userSaw: '/admin/orders?tab=2 signed in as root',
    });
  });

  it('gets no sixth try, not even with the right password and the cookie kept', async ({ task }) => {
    await start();
    const before = await state();
    const { browser, nonce } = await atConfirmation();
    const kept = browser.cookie('nb_wecom_link') ?? '';
    for (let attempt = 1; attempt < MAX_LINK_ATTEMPTS; attempt++) {
      const wrong = await browser.confirmLink({ nonce, password: `guess-${attempt}` });
      expect(wrong.text).toContain(`Attempts left: ${MAX_LINK_ATTEMPTS - attempt}`);
    }
    const last = await browser.confirmLink({ nonce, password: 'guess-last' });
    expect(last.headers.location).toBe(
      `${ORIGIN}/signin?error=LINK_ATTEMPTS_EXCEEDED&authenticator=wecom&redirect=%2Fadmin%2Forders%3Ftab%3D2`,
    );
    const sixth = await harness.app
      .agent()
      .post('/wecom:confirmLink')
      .set('Cookie', `nb_wecom_link=${kept}`)
      .type('form')
      .send({ nonce, password: ROOT_PASSWORD });
    expect(new URL(sixth.headers.location ?? '').searchParams.get('error')).toBe('LINK_ATTEMPTS_EXCEEDED');
    expect(await state()).toEqual(before);
    recordCase(task, {
      endpoint: 'POST /api/wecom:confirmLink (the kept cookie)',
      outcome: '5 attempts spent; 6th password refused even when right; nothing linked, created or issued',
      userSaw: 'sign-in page, LINK_ATTEMPTS_EXCEEDED',
    });
  });

  it('cannot be confirmed from another browser, which has no pending link', async ({ task }) => {
    await start();
    const before = await state();
    const { nonce } = await atConfirmation();
    const other = new Browser(harness, UA.desktopChrome, null);
    expect((await other.openNocoBase(CONFIRM_URL)).headers.location).toBe('/signin?error=STATE_INVALID');
    const posted = await other.confirmLink({ nonce, password: ROOT_PASSWORD });
    expect(posted.headers.location).toBe('/signin?error=STATE_INVALID');
    expect(await state()).toEqual(before);
    recordCase(task, {
      endpoint: 'GET and POST /api/wecom:confirmLink',
      outcome:
        'another browser (no pending link) refused, right password and nonce too; nothing linked, created or issued',
      userSaw: 'sign-in page, STATE_INVALID',
    });
  });

  it('refuses a forged or altered cookie', async ({ task }) => {
    await start();
    const before = await state();
    const { browser, nonce } = await atConfirmation();
    const genuine = browser.cookie('nb_wecom_link') ?? '';
    const [payload = '', signature = ''] = genuine.split('.');
    const fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
    // Names another member as the one to link, keeping the MAC.
    const altered = `${Buffer.from(JSON.stringify([fields[0], fields[1], 'zhangsan', ...fields.slice(3)])).toString('base64url')}.${signature}`;
    for (const cookie of [altered, `${payload}.${'A'.repeat(signature.length)}`, 'forged', `${payload}`]) {
      const answer = await harness.app
        .agent()
        .post('/wecom:confirmLink')
        .set('Cookie', `nb_wecom_link=${cookie}`)
        .type('form')
        .send({ nonce, password: ROOT_PASSWORD });
      expect(answer.headers.location).toBe('/signin?error=STATE_INVALID');
    }
    expect(await state()).toEqual(before);
    recordCase(task, {
      endpoint: 'POST /api/wecom:confirmLink',
      outcome:
        'another member named under the kept MAC, a wrong MAC, garbage, no MAC: all refused; nothing linked, created or issued',
      userSaw: 'sign-in page, STATE_INVALID',
    });
  });

  it('refuses a post that does not carry the page’s nonce, spending nothing', async ({ task }) => {
    await start();
    const before = await state();
    const { browser, nonce } = await atConfirmation();
    const forgeries: Array<Record<string, string>> = [
      { password: ROOT_PASSWORD },
      { nonce: '0'.repeat(32), password: ROOT_PASSWORD },
    ];
    for (const fields of forgeries) {
      const forged = await browser.confirmLink(fields);
      expect(new URL(forged.headers.location ?? '').searchParams.get('error')).toBe('STATE_INVALID');
    }
    expect(await state()).toEqual(before);
    // The rightful form still has all its tries.
    const wrong = await browser.confirmLink({ nonce, password: 'nope' });
    expect(wrong.text).toContain(`Attempts left: ${MAX_LINK_ATTEMPTS - 1}`);
    recordCase(task, {
      endpoint: 'POST /api/wecom:confirmLink',
      outcome: 'no or wrong nonce refused, no attempt spent; nothing linked, created or issued',
      userSaw: 'STATE_INVALID',
    });
  });

  it('cannot replay a confirmation to get a second session', async ({ task }) => {
    await start();
    const { browser, nonce } = await atConfirmation();
    const kept = browser.cookie('nb_wecom_link') ?? '';
    expect((await browser.confirmLink({ nonce, password: ROOT_PASSWORD })).status).toBe(302);
    const tokens = await countIssuedTokens(harness);
    const replay = await harness.app
      .agent()
      .post('/wecom:confirmLink')
      .set('Cookie', `nb_wecom_link=${kept}`)
      .type('form')
      .send({ nonce, password: ROOT_PASSWORD });
    expect(new URL(replay.headers.location ?? '').searchParams.get('error')).toBe('STATE_INVALID');
    expect(await countIssuedTokens(harness)).toBe(tokens);
    recordCase(task, {
      endpoint: 'POST /api/wecom:confirmLink (the kept cookie, after a success)',
      outcome: 'replay refused; no second token issued',
      userSaw: 'STATE_INVALID',
    });
  });

  it('has ten minutes to confirm', async ({ task }) => {
    await start();
    const before = await state();
    const { browser, nonce } = await atConfirmation();
    clock += PENDING_LINK_TTL_MS + 1000;
    expect((await browser.confirmLink({ nonce, password: ROOT_PASSWORD })).headers.location).toBe(
      '/signin?error=STATE_INVALID',
    );
    expect(await state()).toEqual(before);
    recordCase(task, {
      endpoint: 'POST /api/wecom:confirmLink',
      outcome:
        'pending link older than ten minutes refused, even with the right password; nothing linked, created or issued',
      userSaw: 'sign-in page, STATE_INVALID',
    });
  });

  it('reads the page in the WeCom client’s language', async ({ task }) => {
    await start();
    const { browser } = await atConfirmation();
    const page = await browser.agent.get('/wecom:confirmLink').set('Accept-Language', 'zh-CN,zh;q=0.9,en;q=0.8');
    expect(page.text).toContain('<html lang="zh-CN">');
    expect(page.text).toContain('关联你的企业微信账号');
    const wrong = await browser.agent
      .post('/wecom:confirmLink')
      .set('Accept-Language', 'ru')
      .type('form')
      .send({ nonce: formNonce(page.text), password: 'x' });
    expect(wrong.text).toContain('Неверный пароль. Осталось попыток: 4');
    recordCase(task, {
      endpoint: 'GET and POST /api/wecom:confirmLink (Accept-Language)',
      outcome: 'page and errors in the language asked for',
      userSaw: 'confirmation page in Chinese; wrong-password message in Russian',
    });
  });

  it('is told to confirm, with the pending link set, when the embedded panel posts the code to auth:signIn', async ({
    task,
  }) => {
    await start({}, { apps: [{ agentId: 1000002, createdBefore20220620: true }] });
    const before = await state();
    const browser = new Browser(harness, UA.desktopChrome, null);
    const started = await browser.getAuthUrl({ redirect: '/admin' });
    const callback = new URL(await browser.passWeCom(started.body.data.url, { scanAs: 'mallory' }));
    const answer = await browser.agent
      .post('/auth:signIn')
      .set('X-Authenticator', 'wecom')
      .send({ code: callback.searchParams.get('code'), state: callback.searchParams.get('state') });
    expect(answer.status).toBe(401);
    expect(answer.body.errors[0]).toMatchObject({ code: 'LINK_CONFIRMATION_REQUIRED' });
    expect(answer.body.data?.token).toBeUndefined();
    expect([answer.headers['set-cookie'] ?? []].flat().some((cookie) => cookie.startsWith('nb_wecom_link='))).toBe(
      true,
    );
    expect(await state()).toEqual(before);
    recordCase(task, {
      endpoint: 'POST /api/auth:signIn { code, state }',
      outcome: 'no token; pending-link cookie set; nothing linked, created or issued',
      userSaw: 'LINK_CONFIRMATION_REQUIRED',
    });
  });
});

describe('the pending link’s cookie behind an HTTPS proxy', () => {
  /** Set-Cookie lines as `name`, `name=value` and lower-case attributes. */
  function cookiesOf(answer: { headers: Record<string, unknown> }) {
    return ([answer.headers['set-cookie'] ?? []].flat() as string[]).map((line) => {
      const [pair = '', ...flags] = line.split(';').map((part) => part.trim());
      return { pair, name: pair.split('=')[0] ?? '', flags: flags.map((flag) => flag.toLowerCase()) };
    });
  }

  it('is __Host-, Secure and httpOnly, and only that name counts', async ({ task }) => {
    await start();
    const browser = new Browser(harness, UA.weComIos, 'mallory');
    const https = (request: ReturnType<Browser['agent']['get']>, cookies: string[]) =>
      request.set('X-Forwarded-Proto', 'https').set('User-Agent', UA.weComIos).set('Cookie', cookies.join('; '));
    const started = await browser.agent
      .post('/wecom:getAuthUrl')
      .set('X-Authenticator', 'wecom')
      .set('X-Forwarded-Proto', 'https')
      .set('User-Agent', UA.weComIos)
      .send({ redirect: '/admin' });
    let cookies = cookiesOf(started).map((cookie) => cookie.pair);
    let url: string = started.body.data.url;
    let answer = await https(
      harness.app.agent().get(`/wecom:redirect${new URL(await browser.passWeCom(url)).search}`),
      cookies,
    );
    // The consent round: a new sign-in cookie, then the callback that finds root's number.
    cookies = cookiesOf(answer).map((cookie) => cookie.pair);
    url = answer.headers.location ?? '';
    answer = await https(
      harness.app.agent().get(`/wecom:redirect${new URL(await browser.passWeCom(url)).search}`),
      cookies,
    );
    expect(answer.headers.location).toBe('http://nocobase.test:13000/api/wecom:confirmLink');
    const pending = cookiesOf(answer).find((cookie) => cookie.name.includes('nb_wecom_link'));
    expect(pending?.name).toBe('__Host-nb_wecom_link');
    expect(pending?.flags).toEqual(expect.arrayContaining(['path=/', 'secure', 'httponly', 'samesite=lax']));
    expect(pending?.flags.some((flag) => flag.startsWith('domain='))).toBe(false);

    const page = await https(harness.app.agent().get('/wecom:confirmLink'), [pending?.pair ?? '']);
    expect(formNonce(page.text)).toMatch(/^[0-9a-f]{32}$/);
    // The same value under the plain name, as a sibling subdomain could plant it, is no pending link on HTTPS.
    const planted = (pending?.pair ?? '').replace(/^__Host-/, '');
    expect((await https(harness.app.agent().get('/wecom:confirmLink'), [planted])).headers.location).toBe(
      '/signin?error=STATE_INVALID',
    );
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect, GET /api/wecom:confirmLink (X-Forwarded-Proto: https)',
      outcome: 'cookie __Host-, Secure, httpOnly, SameSite=Lax, no Domain; the plain-named copy is no pending link',
      userSaw: 'confirmation page; planted cookie: sign-in page, STATE_INVALID',
    });
  });
});

describe('privileged accounts other than root', () => {
  it('asks an admin-role user’s password before linking', async ({ task }) => {
    await start();
    await harness.app.db.getRepository('users').update({ filter: { nickname: 'Zhang San' }, values: { phone: null } });
    const adminId = await createUser({
      nickname: 'Ada',
      phone: '13800000001',
      password: 'ada-Pass-1',
      roles: ['admin'],
    });
    const before = await state();
    const { browser, nonce } = await atConfirmation('zhangsan');
    expect(await state()).toEqual(before);
    const answer = await browser.confirmLink({ nonce, password: 'ada-Pass-1' });
    expect((await whoAmI(harness, tokenOf({ location: new URL(answer.headers.location ?? '') }))).id).toBe(adminId);
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect, POST /api/wecom:confirmLink',
      outcome: 'admin-role user: nothing linked, created or issued until her password',
      userSaw: 'confirmation page, then signed in as her',
    });
  });

  it('treats a role the admin marks privileged the same way, and only that role', async ({ task }) => {
    await start({ privilegedRoles: ['finance'] });
    await harness.app.db.getRepository('roles').create({ values: { name: 'finance', title: 'Finance' } });
    await setPassword('Zhang San', 'zhang-Pass-1', { roles: ['finance'] });
    const before = await state();
    await atConfirmation('zhangsan');
    expect(await state()).toEqual(before);

    // With the default list, `finance` is an ordinary role: linked at once.
    await harness.app.db.getRepository('authenticators').update({
      filter: { name: 'wecom' },
      values: { options: harness.options({ privilegedRoles: ['root', 'admin'] }) },
    });
    const { result } = await memberSignsIn('zhangsan');
    expect(await whoAmI(harness, tokenOf(result))).toMatchObject({ nickname: 'Zhang San' });
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect',
      outcome: 'marked role: nothing linked, created or issued before the password; linked at once when not marked',
      userSaw: 'confirmation page; later signed in as Zhang San',
    });
  });

  it('leaves a privileged account without a password to an administrator', async ({ task }) => {
    await start();
    await createUser({ nickname: 'Passwordless Admin', phone: '13900000002', roles: ['admin'] });
    const before = await state();
    const { result } = await memberSignsIn('lisi');
    expectSignInPage(result, 'LINK_BY_ADMIN', '/admin/orders?tab=2');
    expect(await state()).toEqual(before);
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect',
      outcome: 'passwordless admin-role user: nothing linked, created or issued',
      userSaw: 'sign-in page, LINK_BY_ADMIN',
    });
  });
});

describe('the policy for ordinary users', () => {
  it('links an ordinary user silently when automatic', async ({ task }) => {
    await start({ linkByPhone: 'auto' });
    const { result } = await memberSignsIn('zhangsan');
    expect(await whoAmI(harness, tokenOf(result))).toMatchObject({ nickname: 'Zhang San' });
    expect((await bindings(harness)).map((binding) => binding.uuid)).toEqual(['zhangsan']);
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect',
      outcome: 'policy auto: ordinary user linked without a password',
      userSaw: 'signed in as Zhang San',
    });
  });

  it('asks an ordinary user’s password when the admin wants confirmation', async ({ task }) => {
    await start({ linkByPhone: 'confirm' });
    await setPassword('Zhang San', 'zhang-Pass-1');
    const before = await state();
    const { browser, nonce } = await atConfirmation('zhangsan');
    expect(await state()).toEqual(before);
    const answer = await browser.confirmLink({ nonce, password: 'zhang-Pass-1' });
    expect(await whoAmI(harness, tokenOf({ location: new URL(answer.headers.location ?? '') }))).toMatchObject({
      nickname: 'Zhang San',
    });
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect, POST /api/wecom:confirmLink',
      outcome: 'policy confirm: nothing linked, created or issued until the password',
      userSaw: 'confirmation page, then signed in as Zhang San',
    });
  });

  it('leaves an ordinary user without a password to an administrator when confirmation is asked', async ({ task }) => {
    await start({ linkByPhone: 'confirm' });
    const before = await state();
    const { result } = await memberSignsIn('zhangsan');
    expectSignInPage(result, 'LINK_BY_ADMIN', '/admin/orders?tab=2');
    expect(await state()).toEqual(before);
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect',
      outcome: 'policy confirm, no password on the account: nothing linked, created or issued',
      userSaw: 'sign-in page, LINK_BY_ADMIN',
    });
  });

  it('never links by phone, and never creates over a match, when the admin links', async ({ task }) => {
    await start({ linkByPhone: 'never', autoSignup: true });
    const before = await state();
    const { result } = await memberSignsIn('zhangsan');
    expectSignInPage(result, 'LINK_BY_ADMIN', '/admin/orders?tab=2');
    expect(await state()).toEqual(before);
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect',
      outcome: 'policy never with sign-up on: nothing linked, created or issued',
      userSaw: 'sign-in page, LINK_BY_ADMIN',
    });
  });
});

describe('numbers that do not name one user', () => {
  it('refuses a number several users have in different spellings, and tells the admin which', async ({ task }) => {
    await start({ autoSignup: true });
    const again = await createUser({ nickname: 'Zhang Again', phone: '+86 138-0000-0001' });
    const warn = vi.spyOn(harness.app.log, 'warn');
    const before = await state();
    const { result } = await memberSignsIn('zhangsan');
    expectSignInPage(result, 'PHONE_AMBIGUOUS', '/admin/orders?tab=2');
    expect(await state()).toEqual(before);
    const logged = warn.mock.calls.find(([message]) => String(message).includes('several NocoBase users'));
    const zhangSan = await harness.app.db.getRepository('users').findOne({ filter: { nickname: 'Zhang San' } });
    expect(logged?.[1]).toEqual({
      authenticator: 'wecom',
      userid: 'zhangsan',
      userIds: expect.arrayContaining([Number(zhangSan?.get('id')), again]),
    });
    // The member is not told whose accounts these are.
    expect(result.location.href).not.toMatch(/Zhang|13800000001/);
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect',
      outcome: 'ambiguous number with sign-up on: nothing linked, created or issued; both user ids logged',
      userSaw: 'sign-in page, PHONE_AMBIGUOUS; no name or number in the URL',
    });
  });

  it('does not take a number that only ends like the member’s for theirs', async ({ task }) => {
    await start();
    // lisi is 13900000002, Decoy 13600000002.
    await addLookAlike(harness);
    const before = await state();
    const { result } = await memberSignsIn('lisi');
    expectSignInPage(result, 'USER_NOT_FOUND', '/admin/orders?tab=2');
    expect(await state()).toEqual(before);
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect',
      outcome: 'look-alike number never linked; nothing linked, created or issued',
      userSaw: 'sign-in page, USER_NOT_FOUND',
    });
  });

  it('creates a new user rather than take the look-alike, when sign-up is on', async ({ task }) => {
    await start({ autoSignup: true });
    const decoy = await addLookAlike(harness);
    const { result } = await memberSignsIn('lisi');
    const created = await whoAmI(harness, tokenOf(result));
    expect(created).toMatchObject({ status: 200, nickname: '李四' });
    expect(created.id).not.toBe(decoy);
    expect(await bindings(harness)).toEqual([{ uuid: 'lisi', userId: created.id }]);
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect',
      outcome: 'a new user created and linked, never the look-alike',
      userSaw: 'signed in as the new user 李四',
    });
  });
});

describe('desktop QR sign-in, where WeCom still gives the directory mobile', () => {
  it('asks root’s password too before linking', async ({ task }) => {
    await start({}, { apps: [{ agentId: 1000002, createdBefore20220620: true }] });
    const before = await state();
    const browser = new Browser(harness, UA.desktopChrome, null);
    const result = await browser.signIn({ redirect: '/admin' }, { scanAs: 'mallory' });
    expect(result.location.href).toBe(CONFIRM_URL);
    const page = await browser.openNocoBase(CONFIRM_URL);
    expect(await state()).toEqual(before);
    const answer = await browser.confirmLink({ nonce: formNonce(page.text), password: ROOT_PASSWORD });
    expect((await whoAmI(harness, tokenOf({ location: new URL(answer.headers.location ?? '') }))).id).toBe(1);
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect (QR scan), POST /api/wecom:confirmLink',
      outcome: 'root: nothing linked, created or issued until root’s password',
      userSaw: 'confirmation page, then signed in as root',
    });
  });
});
