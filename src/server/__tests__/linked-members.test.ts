import type { LinkRow, ListLinksResult, UserMatch } from '../../shared/linked-members';
import { LINK_META_KEY } from '../link-record';
import {
  asRoot,
  Browser,
  bindings,
  countUsers,
  expectSignInPage,
  formNonce,
  type Harness,
  MEMBERS,
  ORIGIN,
  startHarness,
  tokenOf,
  UA,
  whoAmI,
} from './harness';

/**
 * `wecom:listLinks`, `wecom:unlinkMember` and `wecom:searchUsers`, as an administrator uses them, against a real app
 * and the sandbox.
 */

const ROOT_PASSWORD = 'admin123';
const ROOT_PHONE = '13500000009';
/** Root's number, on a member who is not root: linked only with root's password. */
const MALLORY = { userid: 'mallory', name: 'Mallory', mobile: '+86 135-0000-0009' };

let harness: Harness;

/** For the tests that start an app each. */
function closeAfterEach(): void {
  afterEach(async () => {
    await harness.close();
  });
}

type Agent = Awaited<ReturnType<typeof asRoot>>;

/** NocoBase's data wrapping sends a body with `rows` as `{ data: rows, meta: { count, page, pageSize } }`. */
function pageOf(body: { data: LinkRow[]; meta: Omit<ListLinksResult, 'rows'> }): ListLinksResult {
  expect(Object.keys(body.meta).sort()).toEqual(['count', 'page', 'pageSize']);
  return { rows: body.data, ...body.meta };
}

async function list(agent: Agent, params: Record<string, unknown>): Promise<ListLinksResult> {
  const answer = await agent.get('/wecom:listLinks').query(params);
  expect(answer.status, answer.text).toBe(200);
  return pageOf(answer.body);
}

async function createUser(values: Record<string, unknown>): Promise<number> {
  const user = await harness.app.db.getRepository('users').create({ values });
  return Number(user.get('id'));
}

async function userIdOf(nickname: string): Promise<number> {
  const user = await harness.app.db.getRepository('users').findOne({ filter: { nickname } });
  return Number(user?.get('id'));
}

/** A binding as one made before the plugin recorded how, or by another tool. */
async function bindDirectly(
  userid: string,
  userId: number,
  more: { createdAt?: Date; meta?: Record<string, unknown>; authenticator?: string } = {},
): Promise<void> {
  await harness.app.db
    .getRepository('usersAuthenticators')
    .create({ values: { authenticator: 'wecom', userId, uuid: userid, ...more } });
}

async function signIn(userid: string) {
  return new Browser(harness, UA.weComIos, userid).signIn({ redirect: '/admin' });
}

describe('how each link was made', () => {
  closeAfterEach();

  it('is recorded for every way the plugin links, and listed newest first', async () => {
    harness = await startHarness({ options: { autoSignup: true, linkByPhone: 'auto' } });
    await harness.sandbox.control.seed([...MEMBERS, MALLORY]);
    await harness.app.db.getRepository('users').update({ filterByTk: 1, values: { phone: ROOT_PHONE } });
    const root = await asRoot(harness);

    // By phone: Zhang San has zhangsan's number and holds no power.
    expect(await whoAmI(harness, tokenOf(await signIn('zhangsan')))).toMatchObject({ nickname: 'Zhang San' });
    // By sign-up: nobody has lisi's number.
    expect(await whoAmI(harness, tokenOf(await signIn('lisi')))).toMatchObject({ nickname: '李四' });
    // By confirmation: mallory has root's number, so root's password.
    const browser = new Browser(harness, UA.weComIos, 'mallory');
    const atConfirmation = await browser.signIn({ redirect: '/admin' });
    expect(atConfirmation.location.href).toBe(`${ORIGIN}/api/wecom:confirmLink`);
    const page = await browser.openNocoBase(atConfirmation.location.href);
    expect((await browser.confirmLink({ nonce: formNonce(page.text), password: ROOT_PASSWORD })).status).toBe(302);
    // By an administrator.
    const zhaoLiu = await createUser({ nickname: 'Zhao Liu' });
    const linked = await root
      .post('/wecom:linkMember')
      .send({ authenticator: 'wecom', userid: 'zhaoliu', userId: zhaoLiu });
    expect(linked.status).toBe(200);
    // Before the plugin recorded anything.
    const wangWu = await createUser({ nickname: 'Wang Wu' });
    await bindDirectly('wangwu', wangWu);

    const listed = await list(root, { authenticator: 'wecom' });
    expect(listed).toMatchObject({ count: 5, page: 1, pageSize: 20 });
    expect(listed.rows.map((row) => [row.userid, row.linkedHow])).toEqual([
      ['wangwu', 'unknown'],
      ['zhaoliu', 'admin'],
      ['mallory', 'confirmation'],
      ['lisi', 'auto-signup'],
      ['zhangsan', 'phone'],
    ]);
    const times = listed.rows.map((row) => Date.parse(row.linkedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(listed.rows.find((row) => row.userid === 'mallory')).toEqual<LinkRow>({
      userid: 'mallory',
      userId: 1,
      user: { id: 1, nickname: 'Super Admin', username: 'nocobase', email: 'admin@nocobase.com', phone: ROOT_PHONE },
      linkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      linkedHow: 'confirmation',
    });

    // The administrator who linked is kept with it.
    const byAdmin = await harness.app.db
      .getRepository('usersAuthenticators')
      .findOne({ filter: { authenticator: 'wecom', uuid: 'zhaoliu' } });
    expect(byAdmin?.get('meta')).toEqual({ [LINK_META_KEY]: { how: 'admin', by: 1 } });
  });

  it('keeps the first record when an administrator links the same pair again', async () => {
    harness = await startHarness();
    expect(await whoAmI(harness, tokenOf(await signIn('zhangsan')))).toMatchObject({ nickname: 'Zhang San' });
    const root = await asRoot(harness);
    const again = await root
      .post('/wecom:linkMember')
      .send({ authenticator: 'wecom', userid: 'zhangsan', userId: await userIdOf('Zhang San') });
    expect(again.status).toBe(200);
    expect((await list(root, { authenticator: 'wecom' })).rows.map((row) => row.linkedHow)).toEqual(['phone']);
  });
});

const base = Date.UTC(2026, 0, 1);

const NICKNAMES: Record<number, string> = { 7: 'Ada Lovelace', 8: '张三丰' };

/**
 * 25 members, member01 the oldest link, each user with a nickname, username, email and phone to search; the even
 * ones linked by phone, with meta of another plugin's beside ours, the odd ones before the plugin recorded how.
 */
async function seedLinks(): Promise<void> {
  for (let n = 1; n <= 25; n++) {
    const id = String(n).padStart(2, '0');
    const userId = await createUser({
      nickname: NICKNAMES[n] ?? `User ${id}`,
      username: `login${id}`,
      email: `person${id}@corp.test`,
      phone: `1370000${String(n).padStart(4, '0')}`,
    });
    const meta = n % 2 === 0 ? { other: 'kept', [LINK_META_KEY]: { how: 'phone' } } : {};
    await bindDirectly(`member${id}`, userId, { createdAt: new Date(base + n * 60_000), meta });
  }
}

describe.for(['sqlite', 'postgres'] as const)('listing links (%s)', (database) => {
  // Nothing here writes: one app for all.
  beforeAll(async () => {
    harness = await startHarness({ database });
    await seedLinks();
  });

  afterAll(async () => {
    await harness.close();
  });

  it('pages through every link, newest first, each once', async () => {
    const root = await asRoot(harness);
    const pages = await Promise.all(
      [1, 2, 3, 4].map((page) => list(root, { authenticator: 'wecom', page, pageSize: 10 })),
    );
    expect(pages.map((page) => [page.count, page.page, page.pageSize, page.rows.length])).toEqual([
      [25, 1, 10, 10],
      [25, 2, 10, 10],
      [25, 3, 10, 5],
      [25, 4, 10, 0],
    ]);
    const rows = pages.flatMap((page) => page.rows);
    const userids = rows.map((row) => row.userid);
    expect(userids).toEqual(Array.from({ length: 25 }, (_, index) => `member${String(25 - index).padStart(2, '0')}`));
    expect(rows.map((row) => row.linkedHow)).toEqual(
      Array.from({ length: 25 }, (_, index) => ((25 - index) % 2 === 0 ? 'phone' : 'unknown')),
    );
    expect(rows[0]?.linkedAt).toBe(new Date(base + 25 * 60_000).toISOString());
  });

  it('defaults to the first page of 20', async () => {
    const listed = await list(await asRoot(harness), { authenticator: 'wecom' });
    expect([listed.count, listed.page, listed.pageSize, listed.rows.length]).toEqual([25, 1, 20, 20]);
  });

  it.for<[q: string, userids: string[]]>([
    ['MEMBER07', ['member07']],
    ['ada LOVE', ['member07']],
    ['三丰', ['member08']],
    ['login12', ['member12']],
    ['PERSON03@corp', ['member03']],
    ['13700000019', ['member19']],
    ['0000002', ['member25', 'member24', 'member23', 'member22', 'member21', 'member20', 'member02']],
    ['  member1  ', Array.from({ length: 10 }, (_, index) => `member${19 - index}`)],
    ['nobody', []],
  ])('finds %j in the userid, nickname, username, email or phone', async ([q, userids]) => {
    const listed = await list(await asRoot(harness), { authenticator: 'wecom', q });
    expect(listed.rows.map((row) => row.userid)).toEqual(userids);
    expect(listed.count).toBe(userids.length);
  });

  it('pages a search, and takes its parameters from a POST body too', async () => {
    const root = await asRoot(harness);
    const answer = await root
      .post('/wecom:listLinks')
      .send({ authenticator: 'wecom', q: 'corp.test', page: 2, pageSize: 20 });
    expect(answer.status).toBe(200);
    const listed = pageOf(answer.body);
    expect([listed.count, listed.page, listed.rows.length]).toEqual([25, 2, 5]);
    expect(listed.rows.map((row) => row.userid)).toEqual(['member05', 'member04', 'member03', 'member02', 'member01']);
  });
});

async function searchUsers(agent: Agent, params: Record<string, unknown>): Promise<UserMatch[]> {
  const answer = await agent.get('/wecom:searchUsers').query(params);
  expect(answer.status, answer.text).toBe(200);
  return answer.body.data;
}

/** The nicknames of a search's users, with the member each is linked to. */
async function found(agent: Agent, params: Record<string, unknown>): Promise<string[]> {
  return (await searchUsers(agent, params)).map(
    (user) => `${user.nickname}${user.linkedTo ? `→${user.linkedTo}` : ''}`,
  );
}

describe.for(['sqlite', 'postgres'] as const)('searching users to link a member to (%s)', (database) => {
  let ada: number;

  // Nothing here writes: one app for all.
  beforeAll(async () => {
    harness = await startHarness({ database });
    ada = await createUser({
      nickname: 'Ada Lovelace',
      username: 'countess',
      email: 'ada@corp.test',
      phone: '13711110001',
    });
    const byron = await createUser({ nickname: 'Ada Byron', username: 'byron', phone: '13711110002' });
    await createUser({ nickname: '张三丰', username: 'sanfeng', email: 'SanFeng@Corp.Test' });
    for (let n = 1; n <= 25; n++) await createUser({ nickname: `Bulk ${String(n).padStart(2, '0')}` });
    await bindDirectly('ada.l', ada);
    // Another WeCom authenticator's link, which does not take the user for this one.
    await harness.app.db.getRepository('authenticators').create({
      values: { name: 'wecom-other', authType: 'wecom', enabled: true, options: harness.options({ autoLogin: false }) },
    });
    await bindDirectly('byron', byron, { authenticator: 'wecom-other' });
  });

  afterAll(async () => {
    await harness.close();
  });

  it.for<[q: string, nicknames: string[]]>([
    ['ada', ['Ada Lovelace→ada.l', 'Ada Byron']],
    ['LOVELACE', ['Ada Lovelace→ada.l']],
    ['COUNTESS', ['Ada Lovelace→ada.l']],
    ['ada@CORP', ['Ada Lovelace→ada.l']],
    ['1111000', ['Ada Lovelace→ada.l', 'Ada Byron']],
    ['三丰', ['张三丰']],
    ['sanfeng@corp', ['张三丰']],
    ['  zhang san ', ['Zhang San']],
    ['admin@nocobase', ['Super Admin']],
    ['ada.l', []],
    ['nobody', []],
  ])('finds %j in the nickname, username, email or phone, and not in the linked userid', async ([q, nicknames]) => {
    expect(await found(await asRoot(harness), { authenticator: 'wecom', q })).toEqual(nicknames);
  });

  it('answers each user’s names, email, phone and the member linked to it, nothing else', async () => {
    const [user, ...rest] = await searchUsers(await asRoot(harness), { authenticator: 'wecom', q: 'lovelace' });
    expect(rest).toEqual([]);
    expect(user).toEqual<UserMatch>({
      id: ada,
      nickname: 'Ada Lovelace',
      username: 'countess',
      email: 'ada@corp.test',
      phone: '13711110001',
      linkedTo: 'ada.l',
    });
  });

  it('tells the links of the authenticator named', async () => {
    const root = await asRoot(harness);
    expect(await found(root, { authenticator: 'wecom-other', q: 'ada' })).toEqual(['Ada Lovelace', 'Ada Byron→byron']);
  });

  it('answers at most 20 users, lowest ID first', async () => {
    const users = await searchUsers(await asRoot(harness), { authenticator: 'wecom', q: 'bulk' });
    expect(users.map((user) => user.nickname)).toEqual(
      Array.from({ length: 20 }, (_, index) => `Bulk ${String(index + 1).padStart(2, '0')}`),
    );
  });

  it('takes its parameters from a POST body too', async () => {
    const answer = await (await asRoot(harness))
      .post('/wecom:searchUsers')
      .send({ authenticator: 'wecom', q: 'byron' });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.data.map((user: UserMatch) => user.nickname)).toEqual(['Ada Byron']);
  });

  it.for<[params: Record<string, unknown>, status: number, code: string, message: string]>([
    [{ authenticator: 'wecom' }, 400, 'INVALID_INPUT', '请提供认证器和 1 到 255 个字符的搜索内容。'],
    [{ authenticator: 'wecom', q: '   ' }, 400, 'INVALID_INPUT', '请提供认证器和 1 到 255 个字符的搜索内容。'],
    [{ q: 'zhang' }, 400, 'INVALID_INPUT', '请提供认证器和 1 到 255 个字符的搜索内容。'],
    [{ authenticator: 'nope', q: 'zhang' }, 400, 'AUTHENTICATOR_UNAVAILABLE', '没有该名称的企业微信认证器。'],
  ])('refuses %j with a translated %i %s', async ([params, status, code, message]) => {
    const answer = await (await asRoot(harness)).get('/wecom:searchUsers').set('X-Locale', 'zh-CN').query(params);
    expect(answer.status).toBe(status);
    expect(answer.body.errors[0]).toEqual({ code, message });
  });
});

describe('the search after linking and unlinking', () => {
  closeAfterEach();

  it('shows a user linked by hand as taken, and free again once unlinked', async () => {
    harness = await startHarness();
    const root = await asRoot(harness);
    const zhangSan = await userIdOf('Zhang San');
    expect(await found(root, { authenticator: 'wecom', q: 'zhang' })).toEqual(['Zhang San']);
    const linked = await root
      .post('/wecom:linkMember')
      .send({ authenticator: 'wecom', userid: 'zs', userId: zhangSan });
    expect(linked.status).toBe(200);
    expect(await found(root, { authenticator: 'wecom', q: 'zhang' })).toEqual(['Zhang San→zs']);
    expect((await root.post('/wecom:unlinkMember').send({ authenticator: 'wecom', userid: 'zs' })).status).toBe(200);
    expect(await found(root, { authenticator: 'wecom', q: 'zhang' })).toEqual(['Zhang San']);
  });
});

describe('a binding whose user was deleted', () => {
  closeAfterEach();

  beforeEach(async () => {
    harness = await startHarness();
    await seedLinks();
  });

  it('lists a binding whose user was deleted, so that it can be removed', async () => {
    const root = await asRoot(harness);
    const orphan = await harness.app.db.getRepository('usersAuthenticators').findOne({ filter: { uuid: 'member25' } });
    const userId = Number(orphan?.get('userId'));
    // A user deleted underneath, as a database restored from elsewhere may have it.
    await harness.app.db.sequelize.query('DELETE FROM users WHERE id = $id', { bind: { id: userId } });
    const [first] = (await list(root, { authenticator: 'wecom', pageSize: 1 })).rows;
    expect(first).toMatchObject({
      userid: 'member25',
      userId,
      user: { id: userId, nickname: null, username: null, email: null, phone: null },
    });
    expect((await root.post('/wecom:unlinkMember').send({ authenticator: 'wecom', userid: 'member25' })).status).toBe(
      200,
    );
    expect((await list(root, { authenticator: 'wecom' })).count).toBe(24);
  });
});

describe('unlinking a member', () => {
  closeAfterEach();

  it('removes only the link: the user stays, and the next sign-in links by phone again', async () => {
    harness = await startHarness({ options: { linkByPhone: 'auto' } });
    const first = await signIn('zhangsan');
    const zhangSan = await userIdOf('Zhang San');
    expect((await whoAmI(harness, tokenOf(first))).id).toBe(zhangSan);
    const users = await countUsers(harness);
    const root = await asRoot(harness);

    const answer = await root.post('/wecom:unlinkMember').send({ authenticator: 'wecom', userid: 'zhangsan' });
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ authenticator: 'wecom', userid: 'zhangsan', unlinked: true });
    expect(await bindings(harness)).toEqual([]);
    expect(await countUsers(harness)).toBe(users);
    expect(await userIdOf('Zhang San')).toBe(zhangSan);

    const again = await signIn('zhangsan');
    expect((await whoAmI(harness, tokenOf(again))).id).toBe(zhangSan);
    expect(await bindings(harness)).toEqual([{ uuid: 'zhangsan', userId: zhangSan }]);
    expect((await list(root, { authenticator: 'wecom' })).rows.map((row) => row.linkedHow)).toEqual(['phone']);
  });

  it('sends the member back to an administrator when linking by phone is off', async () => {
    harness = await startHarness({ options: { linkByPhone: 'never' } });
    const root = await asRoot(harness);
    const zhangSan = await userIdOf('Zhang San');
    await root.post('/wecom:linkMember').send({ authenticator: 'wecom', userid: 'zhangsan', userId: zhangSan });
    expect((await whoAmI(harness, tokenOf(await signIn('zhangsan')))).id).toBe(zhangSan);

    expect((await root.post('/wecom:unlinkMember').send({ authenticator: 'wecom', userid: 'zhangsan' })).status).toBe(
      200,
    );
    expectSignInPage(await signIn('zhangsan'), 'LINK_BY_ADMIN');
    expect(await bindings(harness)).toEqual([]);
  });

  it('answers 404 LINK_NOT_FOUND for a member who is not linked, changing nothing', async () => {
    harness = await startHarness();
    const zhangSan = await userIdOf('Zhang San');
    await bindDirectly('zhangsan', zhangSan);
    const users = await countUsers(harness);
    const root = await asRoot(harness);
    const answer = await root
      .post('/wecom:unlinkMember')
      .set('X-Locale', 'zh-CN')
      .send({ authenticator: 'wecom', userid: 'lisi' });
    expect(answer.status).toBe(404);
    expect(answer.body.errors[0]).toEqual({ code: 'LINK_NOT_FOUND', message: '该企业微信成员未关联 NocoBase 用户。' });
    expect(await bindings(harness)).toEqual([{ uuid: 'zhangsan', userId: zhangSan }]);
    expect(await countUsers(harness)).toBe(users);
  });

  it.for<[values: Record<string, unknown>, code: string, message: string]>([
    [{ authenticator: 'wecom' }, 'INVALID_INPUT', 'Give the authenticator and the WeCom userid.'],
    [{ authenticator: 'wecom', userid: 'has space' }, 'INVALID_INPUT', 'Give the authenticator and the WeCom userid.'],
    [{ userid: 'zhangsan' }, 'INVALID_INPUT', 'Give the authenticator and the WeCom userid.'],
    [
      { authenticator: 'nope', userid: 'zhangsan' },
      'AUTHENTICATOR_UNAVAILABLE',
      'No WeCom authenticator has this name.',
    ],
  ])('refuses %j with 400 %s, changing nothing', async ([values, code, message]) => {
    harness = await startHarness();
    await bindDirectly('zhangsan', await userIdOf('Zhang San'));
    const before = await bindings(harness);
    const answer = await (await asRoot(harness)).post('/wecom:unlinkMember').send(values);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toEqual({ code, message });
    expect(await bindings(harness)).toEqual(before);
  });
});
