import { createClient } from 'redis';
import { deleteRedisKeys, REDIS_URL, uniqueRedisPrefix } from '../../testing/redis';
import { startTcpProxy, type TcpProxy } from '../../testing/tcp-proxy';
import { type Coordination, CoordinationError, coordinationOn } from './coordination';
import { whenReady } from './for-app';
import { CONNECT_TIMEOUT_MS, clientOptions } from './redis-settings';
import { createRedisStore } from './redis-store';

const redis = new URL(REDIS_URL);

/** What the call threw, or a failure of the test if it answered. */
async function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    (answer) => {
      throw new Error(`expected a failure, got ${JSON.stringify(answer)}`);
    },
    (error: unknown) => error,
  );
}

/**
 * The plugin's Redis client as the app makes it (the same options, waiting for a connection as `for-app` does),
 * reaching the real Redis through a proxy the test can cut, stall and restore.
 */
describe('coordination on Redis when Redis fails', () => {
  let proxy: TcpProxy;
  let client: ReturnType<typeof createClient>;
  let prefix: string;
  let coordination: Coordination;

  beforeEach(async () => {
    proxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    prefix = `${uniqueRedisPrefix('wecom-redis-down')}:`;
    client = createClient(clientOptions({ url: `redis://127.0.0.1:${proxy.port}` }, 'wecom-redis-down-test'));
    // NocoBase's connection manager logs these; a client without a listener would crash the process.
    client.on('error', () => undefined);
    await client.connect();
    coordination = coordinationOn(createRedisStore(() => whenReady(client, CONNECT_TIMEOUT_MS), prefix));
  });

  afterEach(async () => {
    client.destroy();
    await proxy.close();
    await deleteRedisKeys(prefix);
  });

  it('refuses to claim while Redis is down, keeps the first claim through the outage, and recovers by itself', async () => {
    expect(await coordination.claimOnce('state:a', 60_000)).toBe(true);
    await proxy.cut();
    const down = await failure(coordination.claimOnce('state:a', 60_000));
    expect(down).toBeInstanceOf(CoordinationError);
    expect(down).toMatchObject({ reason: 'unavailable' });
    expect(await failure(coordination.claimOnce('state:b', 60_000))).toMatchObject({ reason: 'unavailable' });
    expect(await failure(coordination.increment('attempts', 60_000))).toMatchObject({ reason: 'unavailable' });
    const work = vi.fn(async () => 'ran');
    expect(await failure(coordination.withLock('token', { ttlMs: 1000, waitMs: 1000 }, work))).toMatchObject({
      reason: 'unavailable',
    });
    expect(work).not.toHaveBeenCalled();

    await proxy.restore();
    // The client reconnects on its own; the first claim still holds, the refused one was never made.
    await vi.waitFor(() => expect(client.isReady).toBe(true), { timeout: 10_000 });
    expect(await coordination.claimOnce('state:a', 60_000)).toBe(false);
    expect(await coordination.claimOnce('state:b', 60_000)).toBe(true);
  });

  it('refuses a claim Redis does not answer, rather than waiting for it', async () => {
    proxy.stall();
    expect(await failure(coordination.claimOnce('state:a', 60_000))).toMatchObject({ reason: 'unavailable' });
  });

  it('waits a moment for a reconnection, so an outage shorter than that costs no sign-in', async () => {
    await proxy.cut();
    await vi.waitFor(() => expect(client.isReady).toBe(false));
    const claim = coordination.claimOnce('state:a', 60_000);
    await proxy.restore();
    expect(await claim).toBe(true);
  });

  it('leaves no key without an expiry', async () => {
    await coordination.claimOnce('state:a', 60_000);
    await coordination.increment('attempts', 60_000);
    let release: () => void = () => undefined;
    const holding = coordination.withLock('token', { ttlMs: 30_000, waitMs: 30_000 }, async () => {
      await new Promise<void>((resolve) => (release = resolve));
    });
    const direct = createClient({ url: REDIS_URL });
    await direct.connect();
    try {
      await vi.waitFor(async () => expect(await direct.keys(`${prefix}*`)).toHaveLength(3));
      const keys = (await direct.keys(`${prefix}*`)).sort();
      expect(keys).toEqual([`${prefix}count:attempts`, `${prefix}lock:token`, `${prefix}once:state:a`]);
      for (const key of keys) {
        const ttl = await direct.pTTL(key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(60_000);
      }
    } finally {
      release();
      await holding;
      direct.destroy();
    }
  });
});
