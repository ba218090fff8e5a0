import { asRoot, type Harness, startHarness } from './harness';

describe('the wecom authenticator’s settings', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });

  afterEach(async () => {
    await harness.close();
  });

  const admin = () => asRoot(harness);

  const stored = async (name: string): Promise<Record<string, unknown> | undefined> =>
    (await harness.app.db.getRepository('authenticators').findOne({ filter: { name } }))?.get('options') as
      | Record<string, unknown>
      | undefined;

  /** The secret the plugin's store holds for an authenticator, decrypted. */
  const storedSecret = async (id: number): Promise<string | null> => {
    const row = await harness.app.db.getRepository('wecomSecrets').findOne({ filter: { authenticatorId: id } });
    return row ? harness.app.aesEncryptor.decrypt(String(row.get('secret'))) : null;
  };

  it('shows clients what they need and never the secret', async () => {
    const answer = await harness.app.agent().get('/authenticators:publicList');
    const wecom = answer.body.data.find((authenticator: { name: string }) => authenticator.name === 'wecom');
    expect(wecom).toMatchObject({
      authType: 'wecom',
      options: { corpId: 'wwtestcorp000001', agentId: '1000002', autoLogin: true },
    });
    expect(JSON.stringify(answer.body)).not.toContain('test-secret-0001');
  });

  it('keeps the secret out of what the admin pages read, and keeps it when saved empty', async () => {
    const agent = await admin();
    const list = await agent.get('/authenticators:list');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('test-secret-0001');
    const wecom = list.body.data.find((authenticator: { name: string }) => authenticator.name === 'wecom');
    expect(wecom.options).toMatchObject({ secret: '', secretSaved: true });

    const got = await agent.get(`/authenticators:get?filterByTk=${wecom.id}`);
    expect(got.status).toBe(200);
    expect(got.body.data.name).toBe('wecom');
    expect(JSON.stringify(got.body)).not.toContain('test-secret-0001');
    const version = (await stored('wecom'))?.secretVersion;

    const saved = await agent
      .post(`/authenticators:update?filterByTk=${wecom.id}`)
      .send({ ...wecom, options: { ...wecom.options, corpId: 'wwtestcorp000002' } }); // the admin form sends the whole record
    expect(saved.body.errors).toBeUndefined();
    expect(saved.status).toBe(200);
    // The saved record NocoBase sends back must not carry the secret either.
    expect(JSON.stringify(saved.body)).not.toContain('test-secret-0001');
    // Kept: still saved under the same version, in the plugin's store, not in the options.
    expect(await stored('wecom')).toMatchObject({
      corpId: 'wwtestcorp000002',
      secret: '',
      secretSaved: true,
      secretVersion: version,
    });
    expect(await storedSecret(wecom.id)).toBe('test-secret-0001');
  });

  it.each([
    [{ corpId: '' }, 'Corp ID is required'],
    [{ corpId: 'ww-1' }, 'Corp ID is required and has only letters and digits'],
    [{ agentId: 'abc' }, 'AgentId is a number'],
    [{ origin: 'nocobase.example.com' }, 'Origin must look like https://nocobase.example.com'],
    [{ redirectPath: 'https://evil.example' }, 'The redirect link must be a path such as /admin'],
  ])('refuses to create one with %j, saving nothing', async (bad, message) => {
    const agent = await admin();
    const answer = await agent.post('/authenticators:create').send({
      name: 'wecom2',
      authType: 'wecom',
      enabled: true,
      options: harness.options({ autoLogin: false, ...bad }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].message).toBe(message);
    expect(await stored('wecom2')).toBeUndefined();
  });

  it('translates the refusal', async () => {
    const agent = await admin();
    const answer = await agent
      .post('/authenticators:create')
      .set('X-Locale', 'zh-CN')
      .send({ name: 'wecom2', authType: 'wecom', options: harness.options({ agentId: 'abc', autoLogin: false }) });
    expect(answer.body.errors[0].message).toBe('AgentId 必须是数字');
  });

  it('lets only one enabled WeCom authenticator sign in automatically', async () => {
    const agent = await admin();
    const second = await agent
      .post('/authenticators:create')
      .send({ name: 'wecom2', authType: 'wecom', enabled: true, options: harness.options({ autoLogin: true }) });
    expect(second.status).toBe(400);
    expect(second.body.errors[0]).toMatchObject({
      code: 'AUTO_LOGIN_TAKEN',
      message: 'Only one WeCom authenticator may sign in automatically, and "wecom" already does.',
    });
    expect(await stored('wecom2')).toBeUndefined();

    const manual = await agent
      .post('/authenticators:create')
      .send({ name: 'wecom2', authType: 'wecom', enabled: true, options: harness.options({ autoLogin: false }) });
    expect(manual.status).toBe(200);
    expect(JSON.stringify(manual.body)).not.toContain('test-secret-0001');
    const turnOn = await agent
      .post(`/authenticators:update?filterByTk=${manual.body.data.id}`)
      .send({ ...manual.body.data, options: harness.options({ autoLogin: true }) });
    expect(turnOn.status).toBe(400);
    expect(await stored('wecom2')).toMatchObject({ autoLogin: false });
  });

  it('leaves other authenticator types alone', async () => {
    const agent = await admin();
    const answer = await agent
      .post('/authenticators:create')
      .send({ name: 'basic2', authType: 'Email/Password', enabled: true, options: {} });
    expect(answer.status).toBe(200);
  });
});
