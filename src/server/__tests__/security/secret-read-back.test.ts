import { recordCase } from '../../../testing/security-case';
import { asRoot, Browser, bindZhangSan, type Harness, SECRET, startHarness, tokenOf, UA, whoAmI } from '../harness';
import { asNewUserWithRole, databaseText, storedOptions } from '../secret-support';

type Agent = Awaited<ReturnType<typeof asRoot>>;

const NEW_SECRET = 'attacker-watched-secret-0002';

/**
 * An administrator's session (root, or a user of the `admin` role) trying to read the WeCom app's Secret back
 * through `authenticators` in every shape NocoBase accepts. Each asserts the status, and that the answer holds
 * neither the saved secret nor one just written.
 */
describe.each([
  ['root', (harness: Harness) => asRoot(harness)],
  ['an admin', (harness: Harness) => asNewUserWithRole(harness, 'admin')],
])('the WeCom Secret, asked for by %s', (who, signIn) => {
  let harness: Harness;
  let agent: Agent;
  let id: number;

  beforeAll(async () => {
    harness = await startHarness();
    agent = await signIn(harness);
    const row = await harness.app.db.getRepository('authenticators').findOne({ filter: { name: 'wecom' } });
    id = Number(row?.get('id'));
  });

  afterAll(async () => {
    await harness.close();
  });

  const revealsNothing = (answer: { text: string }): void => {
    expect(answer.text).not.toContain(SECRET);
    expect(answer.text).not.toContain(NEW_SECRET);
  };

  const filter = (value: unknown): string => encodeURIComponent(JSON.stringify(value));

  it.for([
    ['/authenticators:list', 200],
    ['/authenticators:list?fields[]=options', 200],
    ['/authenticators:list?fields[]=id&fields[]=name&fields[]=options', 200],
    // NocoBase refuses a field path into a JSON field.
    ['/authenticators:list?fields[]=options.secret', 400],
    ['/authenticators:list?except[]=title', 200],
    ['/authenticators:list?except[]=options.secretSaved', 200],
    ['/authenticators:list?appends[]=users', 200],
    ['/authenticators:list?paginate=false', 200],
    [`/authenticators:list?filter=${filter({ authType: 'wecom' })}`, 200],
    [`/authenticators:list?filter=${filter({ name: { $in: ['wecom'] } })}&fields[]=options`, 200],
    ['/authenticators:get?filterByTk=ID', 200],
    ['/authenticators:get?filterByTk=ID&fields[]=options', 200],
    ['/authenticators:get?filterByTk=ID&appends[]=users&except[]=title', 200],
    [`/authenticators:get?filter=${filter({ name: 'wecom' })}`, 200],
    ['/authenticators:get/ID', 200],
  ] as const)('GET %s answers %i without it', async ([path, status], { task }) => {
    const answer = await agent.get(path.replace('ID', String(id)));
    expect(answer.status).toBe(status);
    if (status === 200) expect(answer.text).toContain('wwtestcorp000001');
    revealsNothing(answer);
    recordCase(task, {
      endpoint: `GET ${path}`,
      outcome: `${status}, no secret in the answer`,
      userSaw: 'options, secret empty',
    });
  });

  it.for([
    [{ 'options.secret': { $includes: SECRET } }],
    [{ 'options.secret': { $eq: SECRET } }],
    [{ options: { secret: { $like: `${SECRET.slice(0, 4)}%` } } }],
  ])('cannot find it by guessing, with filter %j', async ([probe], { task }) => {
    const answer = await agent.get(`/authenticators:list?filter=${filter(probe)}`);
    // NocoBase may refuse a filter into a JSON field; if it answers, no record matches the real secret.
    if (answer.status === 200) expect(answer.body.data).toEqual([]);
    else expect(answer.status).toBeGreaterThanOrEqual(400);
    revealsNothing(answer);
    recordCase(task, {
      endpoint: 'GET /api/authenticators:list?filter',
      outcome: 'no record matches the secret',
      userSaw: 'an empty list',
    });
  });

  it('writes it and reads nothing back: create, update, update by filter, updateOrCreate, firstOrCreate', async ({
    task,
  }) => {
    const options = harness.options({ autoLogin: false, secret: NEW_SECRET });
    const name = `wecom_${who.replace(/\W/g, '')}`;
    const created = await agent
      .post('/authenticators:create')
      .send({ name, authType: 'wecom', enabled: true, options });
    expect(created.status).toBe(200);
    revealsNothing(created);
    const newId = created.body.data.id as number;

    const updated = await agent
      .post(`/authenticators:update?filterByTk=${newId}`)
      .send({ enabled: true, options: { ...options, corpId: 'wwtestcorp000001' } });
    expect(updated.status).toBe(200);
    revealsNothing(updated);

    const byFilter = await agent
      .post(`/authenticators:update?filter=${filter({ name })}`)
      .send({ enabled: true, options });
    expect(byFilter.status).toBe(200);
    revealsNothing(byFilter);

    const upserted = await agent
      .post('/authenticators:updateOrCreate?filterKeys[]=name')
      .send({ name, authType: 'wecom', enabled: true, options });
    expect(upserted.status).toBe(200);
    revealsNothing(upserted);

    const found = await agent
      .post('/authenticators:firstOrCreate?filterKeys[]=name')
      .send({ name, authType: 'wecom', enabled: true, options });
    expect(found.status).toBe(200);
    revealsNothing(found);

    const firstCreated = await agent
      .post('/authenticators:firstOrCreate?filterKeys[]=name')
      .send({ name: `${name}_2`, authType: 'wecom', enabled: true, options });
    expect(firstCreated.status).toBe(200);
    revealsNothing(firstCreated);

    const listed = await agent.get('/authenticators:list?paginate=false&fields[]=options&fields[]=name');
    expect(listed.status).toBe(200);
    revealsNothing(listed);
    recordCase(task, {
      endpoint: 'POST /api/authenticators:create|update|updateOrCreate|firstOrCreate',
      outcome: 'saved; no secret in any answer',
      userSaw: 'the record, secret empty, "saved"',
    });
  });

  it('finds no association to it: users with their authenticators, or the users of an authenticator', async ({
    task,
  }) => {
    for (const path of ['/users:list?appends[]=authenticators', '/users:get?filterByTk=1&appends[]=authenticators']) {
      const answer = await agent.get(path);
      expect(answer.status).toBeLessThan(500);
      revealsNothing(answer);
    }
    const users = await agent.get(`/authenticators/wecom/users:list`);
    expect(users.status).toBe(200);
    revealsNothing(users);
    recordCase(task, {
      endpoint: 'GET /api/users?appends[]=authenticators, /api/authenticators/wecom/users:list',
      outcome: 'no secret in any answer',
      userSaw: 'users',
    });
  });
});

describe('where the WeCom Secret is kept', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
    await bindZhangSan(harness);
  });

  afterAll(async () => {
    await harness.close();
  });

  it('is nowhere in the authenticators table, and only encrypted in the plugin’s own', async ({ task }) => {
    expect(await storedOptions(harness, 'wecom')).toMatchObject({ secret: '', secretSaved: true });
    expect(await databaseText(harness, ['authenticators'])).not.toContain(SECRET);
    expect(await databaseText(harness, ['wecomSecrets'])).not.toContain(SECRET);
    // Still signs in: the secret was moved, not lost.
    const signedIn = await new Browser(harness, UA.weComIos, 'zhangsan').signIn();
    expect(await whoAmI(harness, tokenOf(signedIn))).toMatchObject({ nickname: 'Zhang San' });
    recordCase(task, {
      endpoint: 'the database',
      outcome: 'secret only encrypted, in wecomSecrets',
      userSaw: 'a working sign-in',
    });
  });

  it.for([
    ['get', '/wecomSecrets:list'],
    ['get', '/wecomSecrets:get?filterByTk=1'],
    ['get', '/wecomSecrets:list?appends[]=authenticator'],
    ['post', '/wecomSecrets:create'],
    ['post', '/wecomSecrets:update?filterByTk=1'],
    ['post', '/wecomSecrets:updateOrCreate?filterKeys[]=authenticatorId'],
    ['post', '/wecomSecrets:destroy?filterByTk=1'],
  ] as const)('refuses root %s %s with 403, changing nothing', async ([method, path], { task }) => {
    const before = await databaseText(harness, ['wecomSecrets']);
    const root = await asRoot(harness);
    const answer =
      method === 'get' ? await root.get(path) : await root.post(path).send({ authenticatorId: 1, secret: 'x' });
    expect(answer.status).toBe(403);
    expect(answer.text).not.toContain(SECRET);
    expect(await databaseText(harness, ['wecomSecrets'])).toBe(before);
    recordCase(task, { endpoint: `${method.toUpperCase()} ${path}`, outcome: '403, nothing changed', userSaw: '403' });
  });

  it('refuses an association someone adds to it, in appends and as a resource', async ({ task }) => {
    // An administrator could add such a field through the collection manager's API.
    harness.app.db.getCollection('users').setField('probe', {
      type: 'hasOne',
      target: 'wecomSecrets',
      foreignKey: 'authenticatorId',
    });
    const root = await asRoot(harness);
    for (const path of [
      '/users:list?appends[]=probe',
      '/users:get?filterByTk=1&fields[]=probe.secret',
      '/users/1/probe:get',
    ]) {
      const answer = await root.get(path);
      expect(answer.status).toBe(403);
      expect(answer.text).not.toContain(SECRET);
    }
    harness.app.db.getCollection('users').removeField('probe');
    recordCase(task, {
      endpoint: 'GET /api/users?appends[]=<field to wecomSecrets>',
      outcome: '403',
      userSaw: '403',
    });
  });
});

const LEAK = 'variable-value-never-shown-0042';

/**
 * NocoBase renders `{{$env.X}}` in an authenticator's options when it caches them, in place on the record it then
 * sends back to whoever saved it. Only the secret may name a variable, and it is rendered where it is used.
 */
describe('a secret variable, named in options other than the secret', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
    harness.app.environment.setVariable('WECOM_TEST_LEAK', LEAK, { isSecret: true });
  });

  afterAll(async () => {
    await harness.close();
  });

  it('is not rendered into the answer of a save, nor kept under a key of its own', async ({ task }) => {
    const root = await asRoot(harness);
    const options = harness.options({
      autoLogin: false,
      origin: 'https://{{$env.WECOM_TEST_LEAK}}.example',
      note: '{{$env.WECOM_TEST_LEAK}}',
      public: { hint: '{{$env.WECOM_TEST_LEAK}}' },
    });
    const created = await root.post('/authenticators:create').send({ name: 'wecom2', authType: 'wecom', options });
    expect(created.status).toBe(200);
    expect(created.text).not.toContain(LEAK);
    const updated = await root
      .post(`/authenticators:update?filterByTk=${created.body.data.id}`)
      .send({ enabled: true, options });
    expect(updated.status).toBe(200);
    expect(updated.text).not.toContain(LEAK);
    const saved = await storedOptions(harness, 'wecom2');
    expect(saved?.origin).toBe('https://{{$env.WECOM_TEST_LEAK}}.example');
    expect(saved).not.toHaveProperty('note');
    expect(saved).not.toHaveProperty('public');
    recordCase(task, {
      endpoint: 'POST /api/authenticators:create|update',
      outcome: 'saved literally, unknown keys dropped, nothing rendered',
      userSaw: 'the record as typed',
    });
  });

  it('is not rendered into a sign-in URL', async ({ task }) => {
    // Written by server code, past the admin form's checks.
    await harness.app.db.getRepository('authenticators').create({
      values: {
        name: 'wecom3',
        authType: 'wecom',
        enabled: true,
        options: harness.options({ autoLogin: false, oauthBaseUrl: `${harness.sandbox.url}/{{$env.WECOM_TEST_LEAK}}` }),
      },
    });
    const answer = await new Browser(harness, UA.weComIos, 'zhangsan').getAuthUrl({}, 'wecom3');
    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain(LEAK);
    const publicList = await harness.app.agent().get('/authenticators:publicList');
    expect(publicList.text).not.toContain(LEAK);
    recordCase(task, {
      endpoint: 'POST /api/wecom:getAuthUrl',
      outcome: 'URL built from the literal setting',
      userSaw: 'a URL without the variable',
    });
  });
});
