import { CachedCredential, RENEW_MARGIN_MS, type RunExclusive, renewAt, type SharedCache } from './credential-cache';

/** NocoBase's memory cache as far as we use it: no ttl, or a ttl of 0, keeps an entry forever. */
class MemoryCache implements SharedCache {
  readonly entries = new Map<string, { value: unknown; expiresAt: number }>();
  readonly ttls: Array<number | undefined> = [];

  constructor(private readonly now: () => number) {}

  async get<T>(key: string): Promise<T | undefined> {
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= this.now()) return undefined;
    return entry.value as T;
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    this.ttls.push(ttlMs);
    this.entries.set(key, { value, expiresAt: ttlMs ? this.now() + ttlMs : Number.POSITIVE_INFINITY });
  }

  async del(key: string): Promise<void> {
    this.entries.delete(key);
  }
}

/** One holder per key at a time, as NocoBase's lock manager gives. */
function localLocks(): RunExclusive {
  const tails = new Map<string, Promise<unknown>>();
  return (key, fn) => {
    const run = (tails.get(key) ?? Promise.resolve()).then(fn, fn);
    tails.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  };
}

/** gettoken as WeCom documents it: the same token again, with what is left of its lifetime, until it expires. */
class FakeGettoken {
  fetches = 0;
  private token: { value: string; expiresAt: number } | null = null;

  constructor(
    private readonly now: () => number,
    private readonly lifetimeSeconds = 7200,
  ) {}

  async fetch(): Promise<{ value: string; expiresInSeconds: number }> {
    this.fetches++;
    const now = this.now();
    if (!this.token || now >= this.token.expiresAt) {
      this.token = { value: `token-${this.fetches}`, expiresAt: now + this.lifetimeSeconds * 1000 };
    }
    return { value: this.token.value, expiresInSeconds: Math.floor((this.token.expiresAt - now) / 1000) };
  }

  /** Every token issued so far is refused from now on (40014); the next fetch issues a new one. */
  revoke(): void {
    this.token = null;
  }

  /** How long WeCom still accepts `value`; 0 once it expired or was replaced. */
  remainingMs(value: string): number {
    return this.token?.value === value ? Math.max(0, this.token.expiresAt - this.now()) : 0;
  }
}

function setup(fetchFresh?: () => Promise<{ value: string; expiresInSeconds: number }>) {
  let clock = 1_700_000_000_000;
  const now = (): number => clock;
  const cache = new MemoryCache(now);
  const wecom = new FakeGettoken(now);
  const credential = new CachedCredential(
    { cache, runExclusive: localLocks(), now },
    'token:corp:agent',
    fetchFresh ?? (() => wecom.fetch()),
  );
  return {
    cache,
    wecom,
    credential,
    now,
    advance: (ms: number): void => {
      clock += ms;
    },
  };
}

describe('renewAt', () => {
  it('renews RENEW_MARGIN_MS before the expiry', () => {
    expect(renewAt(1000, 7200_000)).toBe(1000 + 7200_000 - RENEW_MARGIN_MS);
    expect(renewAt(1000, RENEW_MARGIN_MS + 1)).toBe(1001);
  });

  it('caches nothing that lives no longer than the margin', () => {
    for (const lifetimeMs of [0, 1000, RENEW_MARGIN_MS / 10, RENEW_MARGIN_MS]) {
      expect(renewAt(1000, lifetimeMs)).toBeNull();
    }
  });
});

describe('CachedCredential', () => {
  it('serves a cached token only while WeCom accepts it for at least the margin, all through its life', async () => {
    const { credential, wecom, advance } = setup();
    const served: Array<{ fromCache: boolean; remainingMs: number }> = [];
    // A sign-in every 7 s for five hours: two renewals, each through the token's last minutes.
    for (let elapsed = 0; elapsed < 5 * 3600_000; elapsed += 7000) {
      const fetchesBefore = wecom.fetches;
      const value = await credential.get();
      served.push({ fromCache: wecom.fetches === fetchesBefore, remainingMs: wecom.remainingMs(value) });
      advance(7000);
    }
    expect(served.every((use) => use.remainingMs > 0)).toBe(true);
    const cachedUses = served.filter((use) => use.fromCache);
    expect(cachedUses.length).toBeGreaterThan(served.length * 0.9);
    expect(Math.min(...cachedUses.map((use) => use.remainingMs))).toBeGreaterThanOrEqual(RENEW_MARGIN_MS);
  });

  it('uses a token in its last second (expires_in 0) for this call only; the next caller fetches again', async () => {
    const fetchFresh = vi.fn(async () => ({ value: 'last-second', expiresInSeconds: 0 }));
    const { credential, cache } = setup(fetchFresh);
    expect(await credential.get()).toBe('last-second');
    expect(cache.entries.size).toBe(0);
    expect(await credential.get()).toBe('last-second');
    expect(fetchFresh).toHaveBeenCalledTimes(2);
  });

  it('caches a lifetime just over the margin until the margin is reached, never with a ttl of 0', async () => {
    const fetchFresh = vi.fn(async () => ({ value: 'short', expiresInSeconds: RENEW_MARGIN_MS / 1000 + 1 }));
    const { credential, cache, advance } = setup(fetchFresh);
    await credential.get();
    advance(999);
    await credential.get();
    expect(fetchFresh).toHaveBeenCalledTimes(1);
    advance(1);
    await credential.get();
    expect(fetchFresh).toHaveBeenCalledTimes(2);
    expect(cache.ttls).toEqual([1000, 1000]);
  });

  it('counts the lifetime from before the fetch, as WeCom counts it from its answer', async () => {
    let advance: (ms: number) => void = () => undefined;
    const { credential, cache, now, ...rest } = setup(async () => {
      advance(10_000);
      return { value: 'slow', expiresInSeconds: 7200 };
    });
    advance = rest.advance;
    const startedAt = now();
    await credential.get();
    expect(cache.entries.get(credential.key)?.value).toEqual({
      value: 'slow',
      renewAt: startedAt + 7200_000 - RENEW_MARGIN_MS,
    });
  });

  it('shares one fetch among concurrent callers, also when the answer is not cached', async () => {
    let release: (answer: { value: string; expiresInSeconds: number }) => void = () => undefined;
    const fetchFresh = vi.fn(
      () =>
        new Promise<{ value: string; expiresInSeconds: number }>((resolve) => {
          release = resolve;
        }),
    );
    const { credential } = setup(fetchFresh);
    const callers = Promise.all(Array.from({ length: 5 }, () => credential.get()));
    await vi.waitFor(() => expect(fetchFresh).toHaveBeenCalledTimes(1));
    release({ value: 'shared', expiresInSeconds: 0 });
    expect(await callers).toEqual(Array(5).fill('shared'));
    expect(fetchFresh).toHaveBeenCalledTimes(1);
  });

  it('forgets a value WeCom refused, but not a newer one another caller stored', async () => {
    const { credential, wecom, cache } = setup();
    const first = await credential.get();
    await credential.invalidate('some-older-token');
    expect(cache.entries.has(credential.key)).toBe(true);
    await credential.invalidate(first);
    expect(cache.entries.has(credential.key)).toBe(false);
    await credential.get();
    expect(wecom.fetches).toBe(2);
  });

  it('keeps the token another node renewed while this node was forgetting the revoked one', async () => {
    const now = (): number => 1_700_000_000_000;
    const cache = new MemoryCache(now);
    // One lock for both nodes, as the cluster's is.
    const lock = localLocks();
    const wecom = new FakeGettoken(now);
    let deleting = false;
    let finishDelete: () => void = () => undefined;
    const deleted = new Promise<void>((resolve) => (finishDelete = resolve));
    // This node's cache answers its delete late, as a slow round trip to Redis would.
    const slowCache: SharedCache = {
      get: (key) => cache.get(key),
      set: (key, value, ttlMs) => cache.set(key, value, ttlMs),
      del: async (key) => {
        deleting = true;
        await deleted;
        await cache.del(key);
      },
    };
    const node = (shared: SharedCache): CachedCredential =>
      new CachedCredential({ cache: shared, runExclusive: lock, now }, 'token:corp:agent', () => wecom.fetch());
    const [renewing, forgetting] = [node(cache), node(slowCache)];
    const revoked = await renewing.get();
    wecom.revoke();

    const forgot = forgetting.invalidate(revoked);
    await vi.waitFor(() => expect(deleting).toBe(true));
    const renewed = renewing.invalidate(revoked).then(() => renewing.get());
    // Time for the renewing node to fetch and store its new token, if nothing holds it back.
    await new Promise((resolve) => setTimeout(resolve, 20));
    finishDelete();
    await forgot;
    const fresh = await renewed;
    expect(await forgetting.get()).toBe(fresh);
    expect(fresh).not.toBe(revoked);
    expect(wecom.fetches).toBe(2);
  });
});
