import Transport from 'winston-transport';
import { recordCase } from '../../../testing/security-case';
import { asRoot, bindings, countUsers, type Harness, SECRET, startHarness } from '../harness';
import { asNewUserWithRole } from '../secret-support';

/**
 * The linked-members actions, tried as someone who may not manage authenticators would, and as an administrator
 * whose input is hostile: only plugin-auth's "authenticators" permission opens them, and no search or page reaches
 * past the WeCom authenticator named.
 */

type Agent = Awaited<ReturnType<typeof asRoot>>;

const ENDPOINTS =
  'GET /api/wecom:listLinks, GET /api/wecom:searchUsers, POST /api/wecom:linkMember, POST /api/wecom:unlinkMember';

const LIST = { authenticator: 'wecom' };
const UNLINK = { authenticator: 'wecom', userid: 'zhangsan' };
const SEARCH = { authenticator: 'wecom', q: 'zhang' };

async function userIdOf(harness: Harness, nickname: string): Promise<number> {
  const user = await harness.app.db.getRepository('users').findOne({ filter: { nickname } });
  return Number(user?.get('id'));
}

async function bind(harness: Harness, authenticator: string, uuid: string, userId: number): Promise<void> {
  await harness.app.db.getRepository('usersAuthenticators').create({ values: { authenticator, uuid, userId } });
}

/** Every binding of every authenticator: what no refused request may change. */
async function allBindings(harness: Harness): Promise<string[]> {
  const rows = await harness.app.db.getRepository('usersAuthenticators').find({ sort: ['authenticator', 'uuid'] });
  return rows.map((row: { get(key: string): unknown }) => `${row.get('authenticator')}:${row.get('uuid')}`);
}

describe('who may list, search, link and unlink members', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
    await bind(harness, 'wecom', 'zhangsan', await userIdOf(harness, 'Zhang San'));
  });

  afterEach(async () => {
    await harness.close();
  });

  /** The four actions with values that would succeed, each answered. */
  async function tryAll(agent: Agent): Promise<number[]> {
    const lisi = await harness.app.db.getRepository('users').create({ values: { nickname: 'Li Si' } });
    return [
      (await agent.get('/wecom:listLinks').query(LIST)).status,
      (await agent.get('/wecom:searchUsers').query(SEARCH)).status,
      (await agent.post('/wecom:linkMember').send({ authenticator: 'wecom', userid: 'lisi', userId: lisi.get('id') }))
        .status,
      (await agent.post('/wecom:unlinkMember').send(UNLINK)).status,
    ];
  }

  it('refuses anyone signed out', async ({ task }) => {
    expect(await tryAll(harness.app.agent())).toEqual([401, 401, 401, 401]);
    expect(await bindings(harness)).toEqual([{ uuid: 'zhangsan', userId: await userIdOf(harness, 'Zhang San') }]);
    recordCase(task, {
      endpoint: ENDPOINTS,
      outcome: 'signed out: all refused; nothing listed, searched, linked or unlinked',
      userSaw: '401',
    });
  });

  it.for([
    ['member', []],
    ['token-policy', ['pm.security.token-policy']],
  ] as const)('refuses a role without the authenticators permission (%s)', async ([role, snippets], { task }) => {
    if (role !== 'member') {
      await harness.app.db.getRepository('roles').create({ values: { name: role, title: role, snippets } });
    }
    const before = await allBindings(harness);
    expect(await tryAll(await asNewUserWithRole(harness, role))).toEqual([403, 403, 403, 403]);
    expect(await allBindings(harness)).toEqual(before);
    recordCase(task, {
      endpoint: ENDPOINTS,
      outcome: `role ${role} (snippets: ${snippets.join(', ') || 'none'}): all refused; nothing listed, searched, linked or unlinked`,
      userSaw: '403',
    });
  });

  it('lets a role given plugin-auth’s authenticators permission do all four', async ({ task }) => {
    await harness.app.db
      .getRepository('roles')
      .create({ values: { name: 'sign-in-admin', title: 'Sign-in admin', snippets: ['pm.auth.authenticators'] } });
    const agent = await asNewUserWithRole(harness, 'sign-in-admin');
    expect(await tryAll(agent)).toEqual([200, 200, 200, 200]);
    expect((await bindings(harness)).map((binding) => binding.uuid)).toEqual(['lisi']);
    // Why the search exists: the permission does not open NocoBase's own user list.
    expect(
      (await agent.get('/users:list').query({ filter: JSON.stringify({ nickname: { $includes: 'zhang' } }) })).status,
    ).toBe(403);
    recordCase(task, {
      endpoint: `${ENDPOINTS}, GET /api/users:list`,
      outcome:
        'role with snippet pm.auth.authenticators: listed, searched users, linked lisi, unlinked zhangsan; users:list still refused',
      userSaw: '200 for the four; 403 for users:list',
    });
  });
});

describe('hostile input from an administrator', () => {
  let harness: Harness;
  let root: Agent;

  beforeAll(async () => {
    harness = await startHarness();
    const zhangSan = await userIdOf(harness, 'Zhang San');
    await bind(harness, 'wecom', 'zhangsan', zhangSan);
    const nicknames = { percent: '100% sure', underscore: 'under_score', bang: 'bang!%', pat: 'Pat' };
    for (const [userid, nickname] of Object.entries(nicknames)) {
      const user = await harness.app.db.getRepository('users').create({ values: { nickname, password: 'pat-Pass-1' } });
      await bind(harness, 'wecom', userid, Number(user.get('id')));
    }
    // Another WeCom authenticator's member, and the password authenticator's binding of root.
    await harness.app.db.getRepository('authenticators').create({
      values: { name: 'wecom-other', authType: 'wecom', enabled: true, options: harness.options({ autoLogin: false }) },
    });
    await bind(harness, 'wecom-other', 'lisi', zhangSan);
    await bind(harness, 'basic', 'nocobase', 1);
    root = await asRoot(harness);
  });

  afterAll(async () => {
    await harness.close();
  });

  async function search(q: unknown): Promise<string[]> {
    const answer = await root.get('/wecom:listLinks').query({ ...LIST, q });
    expect(answer.status, answer.text).toBe(200);
    return (answer.body.data as Array<{ userid: string }>).map((row) => row.userid);
  }

  it('takes LIKE wildcards and the escape character in a search literally', async ({ task }) => {
    expect(await search('%')).toEqual(['bang', 'percent']);
    expect(await search('_')).toEqual(['underscore']);
    expect(await search('!')).toEqual(['bang']);
    expect(await search('!%')).toEqual(['bang']);
    expect(await search('%%')).toEqual([]);
    expect(await search('\\')).toEqual([]);
    recordCase(task, {
      endpoint: 'GET /api/wecom:listLinks?q=%25 (and _, !, !%, %%, \\)',
      outcome: 'wildcards match only themselves: % lists the two nicknames with a %, not every link',
      userSaw: '200, only the literal matches',
    });
  });

  it('runs SQL in a search as text', async ({ task }) => {
    const users = await countUsers(harness);
    const before = await allBindings(harness);
    for (const q of ["' OR '1'='1", "'; DROP TABLE users; --", '") OR 1=1 --', '$1', '$authenticator']) {
      expect(await search(q)).toEqual([]);
    }
    expect(await countUsers(harness)).toBe(users);
    expect(await allBindings(harness)).toEqual(before);
    recordCase(task, {
      endpoint: "GET /api/wecom:listLinks?q=' OR '1'='1 (and DROP TABLE, bind-parameter names)",
      outcome: 'bound as a value: nothing matched, no table touched',
      userSaw: '200, no rows',
    });
  });

  it.for<[params: Record<string, unknown>, what: string]>([
    [{ ...LIST, pageSize: 1_000_000_000 }, 'a page of a billion'],
    [{ ...LIST, pageSize: 101 }, 'a page of 101'],
    [{ ...LIST, pageSize: -1 }, 'a negative page size'],
    [{ ...LIST, page: 0 }, 'page 0'],
    [{ ...LIST, pageSize: '10; DROP TABLE users' }, 'SQL for a page size'],
    [{ ...LIST, q: { $like: '%' } }, 'a filter object for a search'],
    [{ ...LIST, q: 'x'.repeat(10_000) }, 'a search of 10,000 characters'],
  ])('refuses %j (%s) with 400 INVALID_INPUT', async ([params, what], { task }) => {
    const answer = await root.get('/wecom:listLinks').query(params);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toEqual({
      code: 'INVALID_INPUT',
      message:
        'Give the authenticator, a search of at most 255 characters, a page from 1 and a page size from 1 to 100.',
    });
    recordCase(task, {
      endpoint: 'GET /api/wecom:listLinks',
      outcome: `${what}: refused`,
      userSaw: '400 INVALID_INPUT',
    });
  });

  it('lists one WeCom authenticator’s members only, and never another auth type’s bindings', async ({ task }) => {
    expect((await search('')).sort()).toEqual(['bang', 'pat', 'percent', 'underscore', 'zhangsan']);
    const other = await root.get('/wecom:listLinks').query({ authenticator: 'wecom-other' });
    expect((other.body.data as Array<{ userid: string }>).map((row) => row.userid)).toEqual(['lisi']);
    for (const authenticator of ['basic', 'nope', '%']) {
      const answer = await root.get('/wecom:listLinks').query({ authenticator });
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].code).toBe('AUTHENTICATOR_UNAVAILABLE');
      expect(answer.text).not.toContain('nocobase');
    }
    recordCase(task, {
      endpoint: 'GET /api/wecom:listLinks?authenticator=wecom-other|basic|nope|%',
      outcome: "each WeCom authenticator lists its own; the password authenticator's bindings never listed",
      userSaw: '200 for WeCom ones; 400 AUTHENTICATOR_UNAVAILABLE otherwise',
    });
  });

  async function searchUsers(q: unknown, authenticator = 'wecom'): Promise<Array<Record<string, unknown>>> {
    const answer = await root.get('/wecom:searchUsers').query({ authenticator, q });
    expect(answer.status, answer.text).toBe(200);
    return answer.body.data;
  }

  async function searchNicknames(q: unknown): Promise<unknown[]> {
    return (await searchUsers(q)).map((user) => user.nickname);
  }

  it('takes LIKE wildcards and the escape character in a user search literally', async ({ task }) => {
    expect(await searchNicknames('%')).toEqual(['100% sure', 'bang!%']);
    expect(await searchNicknames('_')).toEqual(['under_score']);
    expect(await searchNicknames('!')).toEqual(['bang!%']);
    expect(await searchNicknames('!%')).toEqual(['bang!%']);
    expect(await searchNicknames('%%')).toEqual([]);
    expect(await searchNicknames('\\')).toEqual([]);
    recordCase(task, {
      endpoint: 'GET /api/wecom:searchUsers?q=%25 (and _, !, !%, %%, \\)',
      outcome: 'wildcards match only themselves: % finds the two users with a % in their nickname, not every user',
      userSaw: '200, only the literal matches',
    });
  });

  it('runs SQL in a user search as text', async ({ task }) => {
    const users = await countUsers(harness);
    const before = await allBindings(harness);
    for (const q of ["' OR '1'='1", "'; DROP TABLE users; --", '") OR 1=1 --', '$1', '$authenticator', '$pattern']) {
      expect(await searchNicknames(q)).toEqual([]);
    }
    expect(await countUsers(harness)).toBe(users);
    expect(await allBindings(harness)).toEqual(before);
    recordCase(task, {
      endpoint: "GET /api/wecom:searchUsers?q=' OR '1'='1 (and DROP TABLE, bind-parameter names)",
      outcome: 'bound as a value: nothing matched, no table touched',
      userSaw: '200, no users',
    });
  });

  it.for<[params: Record<string, unknown>, what: string]>([
    [{ ...LIST }, 'no search'],
    [{ ...LIST, q: '' }, 'an empty search'],
    [{ ...LIST, q: '   ' }, 'a search of spaces'],
    [{ ...LIST, q: { $like: '%' } }, 'a filter object for a search'],
    [{ ...LIST, q: ['zhang', 'pat'] }, 'two searches'],
    [{ ...LIST, q: 'x'.repeat(10_000) }, 'a search of 10,000 characters'],
    [{ authenticator: { $ne: 'x' }, q: 'zhang' }, 'a filter object for the authenticator'],
  ])('refuses a user search with %j (%s) with 400 INVALID_INPUT', async ([params, what], { task }) => {
    const answer = await root.get('/wecom:searchUsers').query(params);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]).toEqual({
      code: 'INVALID_INPUT',
      message: 'Give the authenticator and a search of 1 to 255 characters.',
    });
    recordCase(task, {
      endpoint: 'GET /api/wecom:searchUsers',
      outcome: `${what}: refused`,
      userSaw: '400 INVALID_INPUT',
    });
  });

  it('searches users for a WeCom authenticator only, each with that authenticator’s member', async ({ task }) => {
    const linkedTo = async (authenticator: string): Promise<unknown[]> =>
      (await searchUsers('zhang', authenticator)).map((user) => user.linkedTo);
    expect(await linkedTo('wecom')).toEqual(['zhangsan']);
    expect(await linkedTo('wecom-other')).toEqual(['lisi']);
    for (const authenticator of ['basic', 'nope', '%']) {
      const answer = await root.get('/wecom:searchUsers').query({ authenticator, q: 'nocobase' });
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].code).toBe('AUTHENTICATOR_UNAVAILABLE');
      expect(answer.text).not.toContain('admin@nocobase.com');
    }
    recordCase(task, {
      endpoint: 'GET /api/wecom:searchUsers?authenticator=wecom|wecom-other|basic|nope|%',
      outcome:
        'each WeCom authenticator tells its own member of a user; the password authenticator and unknown names refused, no user listed',
      userSaw: '200 for WeCom ones; 400 AUTHENTICATOR_UNAVAILABLE otherwise',
    });
  });

  it('answers a user search with the contract’s fields only: no password hash, token or secret', async ({ task }) => {
    const answer = await root.get('/wecom:searchUsers').query({ ...LIST, q: 'pat' });
    const users = answer.body.data as Array<Record<string, unknown>>;
    expect(users).toHaveLength(1);
    expect(Object.keys(users[0] ?? {}).sort()).toEqual(['email', 'id', 'linkedTo', 'nickname', 'phone', 'username']);
    expect(users[0]?.linkedTo).toBe('pat');
    const pat = await harness.app.db.getRepository('users').findOne({ filter: { nickname: 'Pat' } });
    const hash = String(pat?.get('password'));
    expect(hash.length).toBeGreaterThan(20);
    for (const secret of [hash, 'pat-Pass-1', SECRET]) expect(answer.text).not.toContain(secret);
    recordCase(task, {
      endpoint: 'GET /api/wecom:searchUsers',
      outcome: "users carry their id, names, email, phone and the linked member's userid; nothing else",
      userSaw: '200, no password hash, token or secret',
    });
  });

  it('unlinks nothing of another authenticator', async ({ task }) => {
    const before = await allBindings(harness);
    const elsewhere = await root.post('/wecom:unlinkMember').send({ authenticator: 'wecom', userid: 'lisi' });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.errors[0].code).toBe('LINK_NOT_FOUND');
    const basic = await root.post('/wecom:unlinkMember').send({ authenticator: 'basic', userid: 'nocobase' });
    expect(basic.status).toBe(400);
    expect(basic.body.errors[0].code).toBe('AUTHENTICATOR_UNAVAILABLE');
    const wildcard = await root.post('/wecom:unlinkMember').send({ authenticator: 'wecom', userid: '%' });
    expect(wildcard.status).toBe(400);
    expect(await allBindings(harness)).toEqual(before);
    recordCase(task, {
      endpoint: 'POST /api/wecom:unlinkMember',
      outcome:
        "another WeCom authenticator's member, the password authenticator's binding, a wildcard: nothing unlinked",
      userSaw: '404 LINK_NOT_FOUND, 400 AUTHENTICATOR_UNAVAILABLE, 400 INVALID_INPUT',
    });
  });

  it('answers with the contract’s fields only: no password hash, token or secret', async ({ task }) => {
    const answer = await root.get('/wecom:listLinks').query({ ...LIST, q: 'pat' });
    const rows = answer.body.data as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['linkedAt', 'linkedHow', 'user', 'userId', 'userid']);
    expect(Object.keys((rows[0]?.user ?? {}) as object).sort()).toEqual([
      'email',
      'id',
      'nickname',
      'phone',
      'username',
    ]);
    const pat = await harness.app.db.getRepository('users').findOne({ filter: { nickname: 'Pat' } });
    const hash = String(pat?.get('password'));
    expect(hash.length).toBeGreaterThan(20);
    for (const secret of [hash, 'pat-Pass-1', SECRET]) expect(answer.text).not.toContain(secret);
    recordCase(task, {
      endpoint: 'GET /api/wecom:listLinks',
      outcome: "rows carry userid, userId, the user's names, email and phone, when and how linked; nothing else",
      userSaw: '200, no password hash, token or secret',
    });
  });
});

/** Every entry of the app's logger, as its transports serialise them. */
class Recorder extends Transport {
  readonly entries: string[] = [];

  override log(info: unknown, done: () => void): void {
    this.entries.push(JSON.stringify(info));
    done();
  }
}

describe('the log of an unlink', () => {
  it('names who unlinked which member from which user, and nothing secret', async ({ task }) => {
    const harness = await startHarness();
    try {
      const zhangSan = await userIdOf(harness, 'Zhang San');
      await bind(harness, 'wecom', 'zhangsan', zhangSan);
      const recorder = new Recorder();
      // The tests run NocoBase's loggers silent at level error; this one records everything, and only here.
      const logger = harness.app.logger;
      logger.add(recorder);
      logger.silent = false;
      logger.level = 'info';
      const root = await asRoot(harness);
      expect((await root.post('/wecom:unlinkMember').send(UNLINK)).status).toBe(200);
      const lines = recorder.entries.filter((entry) => entry.includes('WeCom member unlinked by an administrator'));
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
        authenticator: 'wecom',
        userid: 'zhangsan',
        userId: zhangSan,
        by: 1,
      });
      for (const secret of [SECRET, 'password', 'token']) expect(lines[0]).not.toContain(secret);
      recordCase(task, {
        endpoint: 'POST /api/wecom:unlinkMember (root)',
        outcome: 'one info line: authenticator, userid, the user unlinked and the admin who did it; no secret',
        userSaw: '200',
      });
    } finally {
      await harness.close();
    }
  });
});
