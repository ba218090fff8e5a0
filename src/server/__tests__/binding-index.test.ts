import { UniqueConstraintError } from '@nocobase/database';
import { duplicateBindings } from '../binding-index';
import { bindMember, type LinkScope, linkByMobile } from '../link-user';
import UniqueBindingPerIdentity from '../migrations/20261202000000-unique-binding-per-identity';
import { bindings, countUsers, type Harness, startHarness } from './harness';

const INDEX_COLUMNS = ['authenticator', 'uuid'];

async function uniqueIndexes(harness: Harness): Promise<string[][]> {
  const collection = harness.app.db.getCollection('usersAuthenticators');
  const indexes = (await harness.app.db.sequelize
    .getQueryInterface()
    .showIndex(collection.getTableNameWithSchema())) as Array<{
    unique?: boolean;
    fields: Array<{ attribute: string }>;
  }>;
  return indexes.filter((index) => index.unique).map((index) => index.fields.map((field) => field.attribute));
}

async function dropIndex(harness: Harness): Promise<void> {
  const collection = harness.app.db.getCollection('usersAuthenticators');
  await harness.app.db.sequelize
    .getQueryInterface()
    .removeIndex(collection.getTableNameWithSchema(), `${collection.model.tableName}_authenticator_uuid_unique`);
}

async function addUser(harness: Harness, nickname: string): Promise<number> {
  const user = await harness.app.db.getRepository('users').create({ values: { nickname } });
  return Number(user.get('id'));
}

/** A binding written as anything could have written it before the index existed. */
async function bind(harness: Harness, authenticator: string, uuid: string, userId: number): Promise<void> {
  await harness.app.db.getRepository('usersAuthenticators').create({ values: { authenticator, uuid, userId } });
}

/** Resolves for each of `count` callers once all of them have called. */
function rendezvous(count: number): () => Promise<void> {
  let arrived = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    if (++arrived === count) open();
    await opened;
  };
}

function migration(harness: Harness): UniqueBindingPerIdentity {
  // As NocoBase's migrator builds a plugin migration (Application.loadMigrations).
  return new UniqueBindingPerIdentity({ app: harness.app, db: harness.app.db } as never);
}

describe.each(['sqlite', 'postgres'] as const)('the unique binding of an identity (%s)', (database) => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness({ database });
  });

  afterEach(async () => {
    await harness.close();
  });

  it('is created when the app starts, and refuses a second binding of the same WeCom userid', async () => {
    expect(await uniqueIndexes(harness)).toContainEqual(INDEX_COLUMNS);
    const [first, second] = [await addUser(harness, 'One'), await addUser(harness, 'Two')];
    await bind(harness, 'wecom', 'lisi', first);
    await expect(bind(harness, 'wecom', 'lisi', second)).rejects.toBeInstanceOf(UniqueConstraintError);
    // Another authenticator's identity of the same name is another identity.
    await harness.app.db
      .getRepository('authenticators')
      .create({ values: { name: 'wecom2', authType: 'wecom', enabled: false, options: harness.options() } });
    await bind(harness, 'wecom2', 'lisi', second);
    expect(await bindings(harness)).toEqual([{ uuid: 'lisi', userId: first }]);
  });

  it('on upgrade with duplicates, logs them by id, changes nothing, and is created once an admin removed them', async () => {
    await dropIndex(harness);
    const [first, second, third] = [
      await addUser(harness, 'One'),
      await addUser(harness, 'Two'),
      await addUser(harness, 'Three'),
    ];
    await bind(harness, 'wecom', 'lisi', first);
    await bind(harness, 'wecom', 'lisi', third);
    await bind(harness, 'wecom', 'zhangsan', second);
    // Any authenticator's duplicates count: plugin-auth signs in as the first of them, whatever the type.
    await bind(harness, 'basic', 'someone', first);
    await bind(harness, 'basic', 'someone', second);
    const logged = vi.spyOn(harness.app.log, 'error');

    await migration(harness).up();
    const duplicates = [
      { authenticator: 'basic', uuid: 'someone', userIds: [first, second] },
      { authenticator: 'wecom', uuid: 'lisi', userIds: [first, third] },
    ];
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0]?.[0]).toMatch(/Keep one binding per identity.*restart NocoBase/);
    expect(logged.mock.calls[0]?.[1]).toEqual({ duplicates: expect.arrayContaining(duplicates) });
    expect(await uniqueIndexes(harness)).not.toContainEqual(INDEX_COLUMNS);
    expect(await bindings(harness)).toEqual([
      { uuid: 'lisi', userId: first },
      { uuid: 'lisi', userId: third },
      { uuid: 'zhangsan', userId: second },
    ]);

    const rows = harness.app.db.getRepository('usersAuthenticators');
    await rows.destroy({ filter: { authenticator: 'wecom', uuid: 'lisi', userId: third } });
    await rows.destroy({ filter: { authenticator: 'basic', uuid: 'someone', userId: second } });
    expect(await duplicateBindings(harness.app.db)).toEqual([]);
    await migration(harness).up();
    expect(await uniqueIndexes(harness)).toContainEqual(INDEX_COLUMNS);
    expect(logged).toHaveBeenCalledTimes(1);
  });
});

/**
 * The app's database, except that its first read of a member's binding answers only once `until()` has settled: as
 * if this node had looked for the link just before another node made it.
 */
function lateFirstBindingRead(harness: Harness, until: () => Promise<unknown>): Harness['app']['db'] {
  const { db } = harness.app;
  let waited = false;
  return new Proxy(db, {
    get(target, property) {
      if (property !== 'getRepository') return Reflect.get(target, property, target);
      return (name: string) => {
        const repository = target.getRepository(name);
        if (name !== 'usersAuthenticators' || waited) return repository;
        return new Proxy(repository, {
          get(repo, key) {
            if (key !== 'findOne') return Reflect.get(repo, key, repo);
            return async (...args: Parameters<typeof repo.findOne>) => {
              const found = await repo.findOne(...args);
              waited = true;
              await until();
              return found;
            };
          },
        });
      };
    },
  });
}

/**
 * Where the member's lock does not hold (nodes that do not share Redis, a lock that lapsed), the database alone keeps
 * one binding per member. PostgreSQL, which takes these writes concurrently; SQLite would serialise them.
 */
describe('links of one member without the lock (postgres)', () => {
  let harness: Harness;
  let scope: LinkScope;

  beforeEach(async () => {
    harness = await startHarness({ database: 'postgres' });
    scope = { db: harness.app.db, authenticator: 'wecom', runExclusive: (_key, fn) => fn() };
  });

  afterEach(async () => {
    await harness.close();
  });

  it('creates one user for two automatic sign-ups at once, and both sign in as it', async () => {
    const users = await countUsers(harness);
    // Both have looked for the member's link and found none before either creates the user.
    const bothRead = rendezvous(2);
    const name = async (): Promise<string> => {
      await bothRead();
      return '李四';
    };
    const settings = { linkByPhone: 'auto', privilegedRoles: ['root', 'admin'], autoSignup: true } as const;
    const outcomes = await Promise.all(
      [0, 1].map(() => linkByMobile(scope, { userid: 'lisi', mobile: '13900000002', name }, settings)),
    );
    const ids = outcomes.map((outcome) => (outcome.kind === 'linked' ? Number(outcome.user.get('id')) : 0));
    expect(ids[0]).toBeGreaterThan(0);
    expect(ids[1]).toBe(ids[0]);
    expect(await countUsers(harness)).toBe(users + 1);
    expect(await bindings(harness)).toEqual([{ uuid: 'lisi', userId: ids[0] }]);
  });

  it('signs a member in as the user another sign-in of theirs has just linked by phone, not as taken', async () => {
    // Another node links the member between this sign-in's look for a link and its look at the phone's users.
    let otherSignIn: Promise<unknown> = Promise.resolve();
    const late = lateFirstBindingRead(harness, () => otherSignIn);
    const settings = { linkByPhone: 'auto', privilegedRoles: ['root', 'admin'], autoSignup: false } as const;
    const profile = { userid: 'zhangsan', mobile: '13800000001', name: async () => '张三' };
    const first = linkByMobile({ ...scope, db: late }, profile, settings);
    otherSignIn = linkByMobile(scope, profile, settings);
    const outcomes = await Promise.all([first, otherSignIn]);
    const [bound] = await bindings(harness);
    expect(outcomes.map((outcome) => (outcome as { kind: string }).kind)).toEqual(['linked', 'linked']);
    expect(
      outcomes.map((outcome) => Number((outcome as { user: { get(key: string): unknown } }).user.get('id'))),
    ).toEqual([bound?.userId, bound?.userId]);
    expect(await bindings(harness)).toHaveLength(1);
  });

  it('binds a member to one of two users linked at once, and tells the other link it was taken', async () => {
    const [first, second] = [await addUser(harness, 'One'), await addUser(harness, 'Two')];
    // Both links have found the member and the user unbound before either writes its binding.
    const model = harness.app.db.getCollection('usersAuthenticators').model;
    const bothRead = rendezvous(2);
    model.addHook('beforeBulkCreate', 'both-links-read', bothRead);
    const results = await Promise.all([
      bindMember(scope, 'lisi', first, { how: 'confirmation' }),
      bindMember(scope, 'lisi', second, { how: 'confirmation' }),
    ]);
    expect(results.map((result) => (result.ok ? 'linked' : result.reason)).sort()).toEqual([
      'MEMBER_LINKED_ELSEWHERE',
      'linked',
    ]);
    const bound = await bindings(harness);
    expect(bound).toHaveLength(1);
    expect([first, second]).toContain(bound[0]?.userId);
  });
});
