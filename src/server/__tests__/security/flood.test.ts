import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Cache } from '@nocobase/cache';
import { recordCase } from '../../../testing/security-case';
import { Browser, bindZhangSan, type Harness, startHarness, tokenOf, UA, whoAmI } from '../harness';

const FLOOD = 3000;
const CONCURRENCY = 50;

/**
 * Every entry of every cache NocoBase holds for this app (memory or Redis): what a flood could grow or evict. On
 * Redis `keys()` sees the whole server, so only this app's prefix counts.
 */
async function cacheEntries(harness: Harness, redisPrefix: string | undefined): Promise<string[]> {
  const caches = (harness.app.cacheManager as unknown as { caches: Map<string, Cache> }).caches;
  const keys = await Promise.all(
    [...caches.entries()].map(async ([name, cache]) => {
      const found = await cache.keys();
      return found.map((key) => `${name}:${key}`);
    }),
  );
  return keys
    .flat()
    .filter((key) => !redisPrefix || key.includes(`${redisPrefix}:`))
    .sort();
}

/** Anonymous visitors, each without cookies, asking for sign-in URLs as fast as they can. */
async function flood(harness: Harness): Promise<void> {
  for (let sent = 0; sent < FLOOD; sent += CONCURRENCY) {
    const answers = await Promise.all(
      Array.from({ length: CONCURRENCY }, () =>
        harness.app.agent().post('/wecom:getAuthUrl').set('X-Authenticator', 'wecom').send({}),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
  }
}

describe.each([
  ['in memory', undefined],
  ['on Redis', `wecom-flood-${process.pid}-${Date.now()}`],
])('a flood of anonymous sign-in starts (%s)', (_store, redisPrefix) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness(redisPrefix ? { redisPrefix } : {});
    await bindZhangSan(harness);
  });

  afterAll(async () => {
    await harness.close();
  });

  it(`${_store}: grows no server state, evicts neither a sign-in in progress nor the cached token (${FLOOD} calls)`, async ({
    task,
  }) => {
    const browser = new Browser(harness, UA.weComIos, 'zhangsan');
    // The token is cached by a first sign-in; a second one is left half-way, at WeCom.
    await browser.signIn({ redirect: '/admin' });
    const inProgress = await browser.getAuthUrl({ redirect: '/m/tasks' });
    const callback = await browser.passWeCom(inProgress.body.data.url);
    await harness.sandbox.control.resetCalls();
    const before = await cacheEntries(harness, redisPrefix);

    await flood(harness);

    expect(await cacheEntries(harness, redisPrefix)).toEqual(before);
    expect(before.some((key) => key.includes('wecom-auth:') && key.includes(':token:'))).toBe(true);
    const finished = { location: new URL((await browser.openNocoBase(callback)).headers.location ?? '') };
    expect(finished.location.pathname).toBe('/m/tasks');
    expect(await whoAmI(harness, tokenOf(finished))).toMatchObject({ nickname: 'Zhang San' });
    // One code exchange, no new gettoken: the cached access token survived.
    expect(await harness.sandbox.control.calls()).toEqual({ '/cgi-bin/auth/getuserinfo': 1 });
    recordCase(task, {
      endpoint: `POST /api/wecom:getAuthUrl × ${FLOOD}, anonymous`,
      outcome: 'no cache entry created or evicted; the sign-in in progress and the token survive',
      userSaw: 'the member in progress lands signed in',
    });
  });
});

/**
 * koa's cookie reader (`cookies`) compiles and keeps a RegExp for every cookie name it is asked for, for the life of
 * the process. A callback names its sign-in's cookie after the nonce in `state`, which the visitor chooses, so no
 * request-chosen name may reach it: every distinct name it has been asked for is counted here.
 */
function namesAskedOfKoaCookies(): { distinct: () => number; restore: () => void } {
  const Cookies = createRequire(require.resolve('koa'))('cookies') as { prototype: { get: CookieGetter } };
  const original = Cookies.prototype.get;
  const names = new Set<string>();
  Cookies.prototype.get = function (this: unknown, name: string, options?: unknown) {
    names.add(name);
    return original.call(this, name, options);
  };
  const restore = (): void => {
    Cookies.prototype.get = original;
  };
  return { distinct: () => names.size, restore };
}

type CookieGetter = (name: string, options?: unknown) => string | undefined;

describe('a flood of forged callbacks, each naming a different sign-in', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.close();
  });

  async function forgedCallbacks(count: number): Promise<void> {
    for (let sent = 0; sent < count; sent += CONCURRENCY) {
      const answers = await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, count - sent) }, () =>
          harness.app
            .agent()
            .get('/wecom:redirect')
            .set('User-Agent', UA.weComIos)
            .query({ code: 'forged', state: randomBytes(28).toString('hex') }),
        ),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(302);
        expect(answer.headers.location).toBe('/signin?error=STATE_INVALID');
      }
    }
  }

  it('leaves nothing behind per name in the cookie reader (the first 20, then 500 more)', async ({ task }) => {
    const asked = namesAskedOfKoaCookies();
    try {
      await forgedCallbacks(20);
      const afterFirst = asked.distinct();
      await forgedCallbacks(500);
      expect(asked.distinct()).toBe(afterFirst);
    } finally {
      asked.restore();
    }
    expect(await harness.sandbox.control.calls()).toEqual({});
    recordCase(task, {
      endpoint: 'GET /api/wecom:redirect?state=<a new nonce each time> × 520, anonymous',
      outcome: 'refused as STATE_INVALID; no per-name entry kept by the cookie reader; no WeCom call',
      userSaw: 'the sign-in page, STATE_INVALID',
    });
  });
});
