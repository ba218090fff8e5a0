import type { Model } from '@nocobase/database';
import { moveSavedSecrets } from '../secret-hooks';
import {
  AGENT_ID,
  asRoot,
  Browser,
  bindZhangSan,
  type Harness,
  SECRET,
  startHarness,
  tokenOf,
  UA,
  whoAmI,
} from './harness';
import { databaseText, storedOptions } from './secret-support';

const NEW_SECRET = 'rotated-secret-0002';

/** WeCom's app gets a new secret, and forgets the tokens of the old one, as after "reset secret" in its console. */
async function rotateAtWeCom(harness: Harness): Promise<void> {
  await harness.sandbox.control.configure({ apps: [{ agentId: AGENT_ID, secret: NEW_SECRET }] });
  await harness.sandbox.control.revokeTokens();
}

describe('the WeCom Secret in the plugin’s store', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
    await bindZhangSan(harness);
  });

  afterEach(async () => {
    await harness.close();
  });

  const repository = () => harness.app.db.getRepository('authenticators');
  const row = async (name: string): Promise<Model> => {
    const found: Model | null = await repository().findOne({ filter: { name } });
    if (!found) throw new Error(`no authenticator ${name}`);
    return found;
  };
  const storedSecret = async (name: string): Promise<string | null> => {
    const secret: Model | null = await harness.app.db
      .getRepository('wecomSecrets')
      .findOne({ filter: { authenticatorId: (await row(name)).get('id') } });
    return secret ? harness.app.aesEncryptor.decrypt(String(secret.get('secret'))) : null;
  };
  const signsIn = async (authenticator = 'wecom'): Promise<string | undefined> => {
    const browser = new Browser(harness, UA.weComIos, 'zhangsan');
    const started = await browser.getAuthUrl({}, authenticator);
    if (started.status !== 200) return `getAuthUrl ${started.status}`;
    const result = await browser.follow(started.body.data.url);
    return (await whoAmI(harness, tokenOf(result))).nickname ?? result.location.searchParams.get('error') ?? '';
  };

  it('keeps it out of the options and signs in with it, reading the store only to fetch a token', async () => {
    expect(await storedOptions(harness, 'wecom')).toMatchObject({ secret: '', secretSaved: true });
    expect(await storedSecret('wecom')).toBe(SECRET);
    expect(await signsIn()).toBe('Zhang San');
    const reads = vi.spyOn(harness.app.db.getRepository('wecomSecrets'), 'findOne');
    expect(await signsIn()).toBe('Zhang San');
    expect(reads).not.toHaveBeenCalled();
    // A token WeCom revoked is fetched again, with the secret read from the store's cache, not the database.
    await harness.sandbox.control.revokeTokens();
    expect(await signsIn()).toBe('Zhang San');
    expect(reads).not.toHaveBeenCalled();
  });

  it('takes a new secret saved in the admin form on the next sign-in', async () => {
    expect(await signsIn()).toBe('Zhang San');
    await rotateAtWeCom(harness);
    expect(await signsIn()).toBe('CONFIG_INVALID');
    const wecom = await row('wecom');
    const saved = await (await asRoot(harness))
      .post(`/authenticators:update?filterByTk=${wecom.get('id')}`)
      .send({ enabled: true, options: harness.options({ secret: NEW_SECRET }) });
    expect(saved.status).toBe(200);
    expect(await signsIn()).toBe('Zhang San');
    expect(await storedSecret('wecom')).toBe(NEW_SECRET);
  });

  it('keeps the saved secret when the form sends it empty', async () => {
    const before = (await storedOptions(harness, 'wecom'))?.secretVersion;
    const saved = await (await asRoot(harness))
      .post(`/authenticators:update?filterByTk=${(await row('wecom')).get('id')}`)
      .send({ enabled: true, options: harness.options({ secret: '', secretSaved: true, secretVersion: 'forged' }) });
    expect(saved.status).toBe(200);
    expect(await storedOptions(harness, 'wecom')).toMatchObject({ secretSaved: true, secretVersion: before });
    expect(await storedSecret('wecom')).toBe(SECRET);
    await harness.sandbox.control.revokeTokens();
    expect(await signsIn()).toBe('Zhang San');
  });

  it('refuses to send a kept secret to another API base URL, and sends a typed one', async () => {
    const root = await asRoot(harness);
    const id = (await row('wecom')).get('id');
    const elsewhere = 'http://127.0.0.1:1';
    const kept = await root
      .post(`/authenticators:update?filterByTk=${id}`)
      .send({ enabled: true, options: harness.options({ secret: '', apiBaseUrl: elsewhere }) });
    expect(kept.status).toBe(400);
    expect(kept.body.errors[0].code).toBe('SECRET_REQUIRED');
    expect((await storedOptions(harness, 'wecom'))?.apiBaseUrl).toBe(harness.sandbox.url);
    // Server code is held to the same rule.
    await expect(
      repository().update({
        filterByTk: id as number,
        values: { options: harness.options({ secret: '', apiBaseUrl: elsewhere }) },
      }),
    ).rejects.toMatchObject({ code: 'SECRET_REQUIRED' });
    const typed = await root
      .post(`/authenticators:update?filterByTk=${id}`)
      .send({ enabled: true, options: harness.options({ secret: 'typed-0003', apiBaseUrl: elsewhere }) });
    expect(typed.status).toBe(200);
    expect(await storedSecret('wecom')).toBe('typed-0003');
  });

  it('follows a rename, and goes with a deleted or retyped authenticator', async () => {
    const root = await asRoot(harness);
    const wecom = await row('wecom');
    const id = wecom.get('id') as number;
    await repository().update({ filterByTk: id, values: { name: 'wecom_renamed' } });
    expect(await storedSecret('wecom_renamed')).toBe(SECRET);
    expect(await signsIn('wecom_renamed')).toBe('Zhang San');

    await repository().create({
      values: { name: 'wecom2', authType: 'wecom', enabled: true, options: harness.options({ autoLogin: false }) },
    });
    const second = (await row('wecom2')).get('id');
    const destroyed = await root.post(`/authenticators:destroy?filterByTk=${second}`);
    expect(destroyed.status).toBe(200);
    await repository().update({ filterByTk: id, values: { authType: 'Email/Password' } });
    expect(await harness.app.db.getRepository('wecomSecrets').count()).toBe(0);
  });

  it.each([
    ['repository.create', (values: Record<string, unknown>) => repository().create({ values })],
    [
      'repository.updateOrCreate',
      (values: Record<string, unknown>) => repository().updateOrCreate({ filterKeys: ['name'], values }),
    ],
    [
      'repository.firstOrCreate',
      (values: Record<string, unknown>) => repository().firstOrCreate({ filterKeys: ['name'], values }),
    ],
    ['Model.bulkCreate', (values: Record<string, unknown>) => repository().model.bulkCreate([values])],
  ])('moves it out of rows written with %s', async (_how, write) => {
    await write({ name: 'wecom2', authType: 'wecom', enabled: true, options: harness.options({ autoLogin: false }) });
    expect(await storedOptions(harness, 'wecom2')).toMatchObject({ secret: '', secretSaved: true });
    expect(await storedSecret('wecom2')).toBe(SECRET);
  });

  it.each([
    [
      'an update by filter',
      () =>
        repository().update({
          filter: { name: 'wecom' },
          values: { options: harness.options({ secret: NEW_SECRET }) },
        }),
    ],
    [
      'an update without per-row hooks',
      () =>
        repository().update({
          filter: { name: 'wecom' },
          values: { options: harness.options({ secret: NEW_SECRET }) },
          individualHooks: false,
        }),
    ],
    [
      'Model.update',
      () =>
        repository().model.update({ options: harness.options({ secret: NEW_SECRET }) }, { where: { name: 'wecom' } }),
    ],
  ])('moves it out of %s', async (_how, write) => {
    await write();
    expect(await databaseText(harness, ['authenticators'])).not.toContain(NEW_SECRET);
    expect(await storedSecret('wecom')).toBe(NEW_SECRET);
  });

  it('moves a secret saved in the options by an earlier version, once, on start, making its table', async () => {
    const options = harness.options();
    // As an earlier version saved it: hooks skipped, the secret in the options.
    await repository().model.update({ options }, { where: { name: 'wecom' }, hooks: false });
    // As a plain restart with this version would find the database: without the secrets' table.
    await harness.app.db.getCollection('wecomSecrets').model.drop();
    expect(await databaseText(harness, ['authenticators'])).toContain(SECRET);
    // Signs in meanwhile, once NocoBase read the authenticator anew (its cache of them was filled before).
    const { storer } = harness.app.authManager as unknown as { storer: { cache: { del(key: string): Promise<void> } } };
    await storer.cache.del('authenticators');
    expect(await signsIn()).toBe('Zhang San');

    await moveSavedSecrets(harness.app);
    await moveSavedSecrets(harness.app);
    expect(await databaseText(harness, ['authenticators'])).not.toContain(SECRET);
    expect(await storedOptions(harness, 'wecom')).toMatchObject({ ...options, secret: '', secretSaved: true });
    expect(await storedSecret('wecom')).toBe(SECRET);
    await harness.sandbox.control.revokeTokens();
    expect(await signsIn()).toBe('Zhang San');
  });

  it('moving them on start leaves every other authenticator working: password sign-in still answers as itself', async () => {
    const users = harness.app.db.getRepository('users');
    await users.update({ filterByTk: 1, values: { username: 'root-user', password: 'admin123' } });
    await users.update({ filterByTk: 1, values: { passwordChangeTz: null } });
    await repository().model.update({ options: harness.options() }, { where: { name: 'wecom' }, hooks: false });
    // A fresh start: NocoBase has not read its authenticators yet when the move saves one of them.
    const { storer } = harness.app.authManager as unknown as { storer: { cache: { del(key: string): Promise<void> } } };
    await storer.cache.del('authenticators');

    await moveSavedSecrets(harness.app);

    const password = await harness.app
      .agent()
      .post('/auth:signIn')
      .set('X-Authenticator', 'basic')
      .send({ account: 'root-user', password: 'admin123' });
    expect(password.status).toBe(200);
    expect(password.body.data.user.id).toBe(1);
    expect(await signsIn()).toBe('Zhang San');
  });
});
