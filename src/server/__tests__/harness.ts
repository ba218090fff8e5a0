import { type ILock, type ILockAdapter, LockManager } from '@nocobase/lock-manager';
import { createMockServer, type MockServer } from '@nocobase/test';
import {
  LOOPBACK_IPS,
  type SandboxMember,
  type SandboxSettingsPatch,
  type StartedSandbox,
  startSandbox,
} from '../../sandbox/index.ts';
import { OTHER_USER_AGENTS, WECOM_USER_AGENTS } from '../../sdk-shim/user-agents.fixture';
import { decodeLandingSession, type LandingSession } from '../../shared/session-fragment';
import { createPostgresDatabase } from '../../testing/postgres';
import { type MemberChoice, passWeCom } from '../../testing/wecom-member';
import PluginWeComAuthServer from '../plugin';

/** Real user agents (wecom-protocol.md §6). */
export const UA = { weComIos: WECOM_USER_AGENTS.ios, desktopChrome: OTHER_USER_AGENTS.chromeWindows } as const;

export const ORIGIN = 'http://nocobase.test:13000';
export const AGENT_ID = 1000002;
export const CORP_ID = 'wwtestcorp000001';
export const SECRET = 'test-secret-0001';

export const MEMBERS: SandboxMember[] = [
  { userid: 'zhangsan', name: '张三', mobile: '+86 138-0000-0001', email: 'zhangsan@corp.test' },
  { userid: 'lisi', name: '李四', mobile: '13900000002' },
  { userid: 'wangwu', name: '王五', mobile: '13700000003', visible: false },
  { userid: 'zhaoliu', name: '赵六' },
];

export interface Harness {
  app: MockServer;
  sandbox: StartedSandbox;
  /** Options of the `wecom` authenticator, for tests that change one setting. */
  options(overrides?: Record<string, unknown>): Record<string, unknown>;
  close(): Promise<void>;
  /** What another node needs to join this app (`joining`): set for an app on PostgreSQL with a Redis prefix. */
  cluster?: { database: Record<string, unknown>; redisPrefix: string };
}

export async function startHarness(
  init: {
    options?: Record<string, unknown>;
    sandbox?: SandboxSettingsPatch;
    now?: () => number;
    /** SQLite by default; PostgreSQL for tests with many concurrent writes, which SQLite serialises badly. */
    database?: 'sqlite' | 'postgres';
    /** The plugin under test: the sources by default, or the built bundle. */
    plugin?: typeof PluginWeComAuthServer;
    /** Keeps NocoBase's cache in Redis under this prefix, as a cluster does, instead of in memory. */
    redisPrefix?: string;
    /** That Redis, e.g. through a TCP proxy a test can cut. @default REDIS_URL, or redis://127.0.0.1:6379 */
    redisUrl?: string;
    /**
     * Another node of that harness's app, as in a cluster: its PostgreSQL database (installed and seeded already),
     * its Redis prefix and its sandbox. Closing this node closes only its app.
     */
    joining?: Harness;
    /** NocoBase's lock manager for this node alone, as each node of a real cluster (its own process) has it. */
    nodeLocalLocks?: boolean;
  } = {},
): Promise<Harness> {
  const joined = init.joining?.cluster;
  if (init.joining && !joined) throw new Error('only an app on PostgreSQL with a redisPrefix can be joined');
  const redisPrefix = joined?.redisPrefix ?? init.redisPrefix;
  const sandbox =
    init.joining?.sandbox ??
    (await startSandbox({
      members: MEMBERS,
      settings: {
        corpId: CORP_ID,
        apps: [
          {
            agentId: AGENT_ID,
            name: 'NocoBase',
            secret: SECRET,
            trustedDomain: new URL(ORIGIN).host,
            // A new app trusts no IP until told; NocoBase calls the sandbox from this machine.
            trustedIps: [...LOOPBACK_IPS],
            createdBefore20220620: false,
          },
        ],
      },
    }));
  if (init.sandbox) await sandbox.control.configure(init.sandbox);
  const postgres = init.database === 'postgres' && !joined ? await createPostgresDatabase('wecom_test') : null;
  const app = await createMockServer({
    acl: true,
    ...(postgres ? { database: postgres.options } : {}),
    ...(joined ? { database: joined.database, skipInstall: true } : {}),
    ...(redisPrefix
      ? {
          // Nodes of one cluster: the same app, outside the process-wide app registry.
          name: `app_${redisPrefix.replace(/\W/g, '_')}`,
          skipSupervisor: true,
          cacheManager: {
            defaultStore: 'redis',
            prefix: redisPrefix,
            stores: { redis: { url: init.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' } },
          },
        }
      : {}),
    plugins: [
      'error-handler',
      'field-sort',
      'users',
      'acl',
      'data-source-manager',
      'auth',
      [init.plugin ?? PluginWeComAuthServer, { now: init.now ?? Date.now }],
    ],
  });
  if (init.nodeLocalLocks) app.lockManager = nodeLocalLockManager();
  const options = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    corpId: CORP_ID,
    agentId: String(AGENT_ID),
    secret: SECRET,
    origin: ORIGIN,
    redirectPath: '/admin',
    autoSignup: false,
    autoLogin: true,
    apiBaseUrl: sandbox.url,
    oauthBaseUrl: sandbox.url,
    loginBaseUrl: sandbox.url,
    timeoutMs: 2000,
    ...init.options,
    ...overrides,
  });
  if (init.joining) return { app, sandbox, options, close: () => app.destroy() };
  await app.db.getRepository('authenticators').create({
    values: { name: 'wecom', authType: 'wecom', enabled: true, options: options() },
  });
  await app.db.getRepository('users').create({ values: { nickname: 'Zhang San', phone: '13800000001' } });
  return {
    app,
    sandbox,
    options,
    close: async () => {
      await app.destroy();
      await sandbox.close();
      await postgres?.drop();
    },
    ...(postgres && redisPrefix ? { cluster: { database: postgres.options, redisPrefix } } : {}),
  };
}

/**
 * NocoBase's local lock adapter keeps its locks in one map for the whole process, so nodes in one process would
 * exclude each other where real ones, each in its own process, do not. This one keeps a map per node.
 */
class NodeLocalLockAdapter implements ILockAdapter {
  private readonly tails = new Map<string, Promise<void>>();

  async connect(): Promise<void> {}

  async close(): Promise<void> {}

  async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const tail = previous.then(() => new Promise<void>((resolve) => (release = resolve)));
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }

  async runExclusive<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire(key);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  async tryAcquire(): Promise<ILock> {
    throw new Error('tryAcquire is not used by the plugins of these tests');
  }
}

function nodeLocalLockManager(): LockManager {
  const locks = new LockManager({ defaultAdapter: 'node-local' });
  locks.registerAdapter('node-local', { Adapter: NodeLocalLockAdapter });
  return locks;
}

type Agent = ReturnType<MockServer['agent']>;

export interface SignInResult {
  /** Where our callback finally sent the browser. */
  location: URL;
  /** Every URL the browser was sent to, in order. */
  hops: string[];
}

/** A browser: NocoBase's cookies in a supertest agent, the WeCom client's session in a cookie for the sandbox. */
export class Browser {
  readonly agent: Agent;
  /** Every Set-Cookie our server sent this browser, oldest first. */
  readonly cookiesSet: string[] = [];

  constructor(
    readonly harness: Harness,
    readonly userAgent: string,
    /** The WeCom client user (userid, or `openid:X` for a non-member). */
    readonly weComUser: string | null,
  ) {
    this.agent = harness.app.agent();
  }

  async getAuthUrl(body: Record<string, unknown> = {}, authenticator = 'wecom') {
    return this.agent
      .post('/wecom:getAuthUrl')
      .set('X-Authenticator', authenticator)
      .set('User-Agent', this.userAgent)
      .send(body);
  }

  /** Consents on the privateinfo page, or scans the QR page, and returns where WeCom sends us. */
  passWeCom(url: string, choice: MemberChoice = {}): Promise<string> {
    return passWeCom(url, this, choice);
  }

  /** Our server's answer to a URL on the NocoBase origin. */
  async openNocoBase(url: string) {
    const target = new URL(url);
    if (target.origin !== ORIGIN) throw new Error(`not a NocoBase URL: ${url}`);
    // createMockServer serves the API without the /api prefix a real app has.
    const path = target.pathname.replace(/^\/api\//, '/');
    const answer = await this.agent.get(`${path}${target.search}`).set('User-Agent', this.userAgent);
    this.cookiesSet.push(...[answer.headers['set-cookie'] ?? []].flat());
    return answer;
  }

  /** The last value our server set for this cookie (empty when it cleared it), or undefined if it never set it. */
  cookie(name: string): string | undefined {
    const set = this.cookiesSet.findLast((header) => header.startsWith(`${name}=`));
    return set?.slice(name.length + 1).split(';', 1)[0];
  }

  /** Posts the link confirmation form, as the page's form does. */
  async confirmLink(fields: Record<string, string>) {
    const answer = await this.agent
      .post('/wecom:confirmLink')
      .set('User-Agent', this.userAgent)
      .type('form')
      .send(fields);
    this.cookiesSet.push(...[answer.headers['set-cookie'] ?? []].flat());
    return answer;
  }

  /**
   * Follows a sign-in from a WeCom URL until the browser lands back on a NocoBase page, as a browser would.
   * At most 6 hops, so a loop fails the test instead of hanging it.
   */
  async follow(startUrl: string, choice: MemberChoice = {}): Promise<SignInResult> {
    const hops: string[] = [startUrl];
    let url = startUrl;
    for (let hop = 0; hop < 6; hop++) {
      const back = await this.passWeCom(url, choice);
      hops.push(back);
      const answer = await this.openNocoBase(back);
      if (answer.status !== 302) throw new Error(`callback answered ${answer.status}: ${answer.text}`);
      url = answer.headers.location ?? '';
      hops.push(url);
      const next = new URL(url, ORIGIN);
      // Back on NocoBase: an absolute URL on its origin, or a path; never `//host`, which a browser takes elsewhere.
      if (next.origin === ORIGIN && (url.startsWith(`${ORIGIN}/`) || /^\/(?![/\\])/.test(url))) {
        return { location: next, hops };
      }
      if (next.origin !== new URL(this.harness.sandbox.url).origin) throw new Error(`sent off-site: ${url}`);
    }
    throw new Error(`sign-in did not come back to NocoBase: ${hops.join(' → ')}`);
  }

  async signIn(body: Record<string, unknown> = {}, choice: MemberChoice = {}): Promise<SignInResult> {
    const started = await this.getAuthUrl(body);
    if (started.status !== 200) throw new Error(`getAuthUrl answered ${started.status}: ${started.text}`);
    return this.follow(started.body.data.url as string, choice);
  }
}

/** An unbound member's way to the consent round and back: the callback that will link them, not yet sent. */
export async function consentedCallback(browser: Browser): Promise<string> {
  const started = await browser.getAuthUrl({ redirect: '/admin' });
  const silent = await browser.openNocoBase(await browser.passWeCom(started.body.data.url));
  const consent = silent.headers.location ?? '';
  if (!consent.includes('snsapi_privateinfo')) throw new Error(`expected the consent round, got ${consent}`);
  return browser.passWeCom(consent);
}

/** The session a landing carries in its fragment (never in its query), or null. */
export function landedSession(location: URL): LandingSession | null {
  return decodeLandingSession(location.hash);
}

/** The NocoBase token a sign-in landed with; empty when it landed without one. */
export function tokenOf(result: { location: URL }): string {
  return landedSession(result.location)?.token ?? '';
}

/** The user a token belongs to, by asking NocoBase as its client would. */
export async function whoAmI(
  harness: Harness,
  token: string,
): Promise<{ status: number; nickname?: string; id?: number }> {
  const answer = await harness.app
    .agent()
    .get('/auth:check')
    .set('X-Authenticator', 'wecom')
    .set('Authorization', `Bearer ${token}`);
  return { status: answer.status, nickname: answer.body?.data?.nickname, id: answer.body?.data?.id };
}

/** Asserts the callback sent the browser to NocoBase's sign-in page with this error, and not back to WeCom. */
export function expectSignInPage(result: SignInResult, error: string, redirect = '/admin'): void {
  expect(`${result.location.origin}${result.location.pathname}`).toBe(`${ORIGIN}/signin`);
  expect(Object.fromEntries(result.location.searchParams)).toEqual({ authenticator: 'wecom', error, redirect });
}

/** The confirmation page's form nonce, read from its HTML as a browser would submit it. */
export function formNonce(html: string): string {
  return /name="nonce" value="([0-9a-f]{32})"/.exec(html)?.[1] ?? '';
}

/** NocoBase tokens issued so far (plugin-auth's `issuedTokens`): a refused confirmation adds none. */
export async function countIssuedTokens(harness: Harness): Promise<number> {
  return harness.app.db.getRepository('issuedTokens').count();
}

export async function countUsers(harness: Harness): Promise<number> {
  return harness.app.db.getRepository('users').count();
}

export async function bindings(harness: Harness): Promise<Array<{ uuid: string; userId: number }>> {
  const rows = await harness.app.db
    .getRepository('usersAuthenticators')
    .find({ filter: { authenticator: 'wecom' }, sort: ['uuid'] });
  return rows.map((row: { get(key: string): unknown }) => ({
    uuid: String(row.get('uuid')),
    userId: Number(row.get('userId')),
  }));
}

/** Binds a WeCom userid to the seeded Zhang San, as an earlier sign-in would have. */
export async function bindZhangSan(harness: Harness): Promise<void> {
  const user = await harness.app.db.getRepository('users').findOne({ filter: { phone: '13800000001' } });
  await harness.app.db
    .getRepository('usersAuthenticators')
    .create({ values: { authenticator: 'wecom', userId: user?.get('id'), uuid: 'zhangsan' } });
}

/**
 * A user whose phone shares the last digits of lisi's 13900000002, the part the phone lookup searches by, and is
 * another number: a member must never be linked to it.
 */
export async function addLookAlike(harness: Harness): Promise<number> {
  const user = await harness.app.db
    .getRepository('users')
    .create({ values: { nickname: 'Decoy', phone: '13600000002' } });
  return Number(user.get('id'));
}

/** An HTTP agent signed in as NocoBase's root user, which the install creates first. */
export async function asRoot(harness: Harness): Promise<Agent> {
  const root = await harness.app.db.getRepository('users').findOne({ filterByTk: 1 });
  return harness.app.agent().login(root, 'root');
}
