import { CacheManager } from '@nocobase/cache';
import { clientOptions, coordinationKeyPrefix, redisConnectionOf } from './redis-settings';

describe('the Redis of NocoBase’s cache settings', () => {
  it('is none when the cache settings name no Redis server, as NocoBase’s defaults do', () => {
    expect(redisConnectionOf(new CacheManager().storeTypes)).toBeNull();
    expect(redisConnectionOf(new CacheManager({ defaultStore: 'memory' }).storeTypes)).toBeNull();
    expect(redisConnectionOf(new Map())).toBeNull();
  });

  it('is the redis store’s connection, without what belongs to the cache', () => {
    const settings = new CacheManager({
      defaultStore: 'redis',
      stores: { redis: { url: 'redis://cache.internal:6380', ttl: 60_000, database: 2 } },
    });
    expect(redisConnectionOf(settings.storeTypes)).toEqual({ url: 'redis://cache.internal:6380', database: 2 });
    const bySocket = new CacheManager({
      stores: { redis: { socket: { host: 'cache.internal', port: 6380, tls: true } } },
    });
    expect(redisConnectionOf(bySocket.storeTypes)).toEqual({
      socket: { host: 'cache.internal', port: 6380, tls: true },
    });
  });

  it('keeps the plugin’s keys under the app’s cache prefix, apart from its caches', () => {
    expect(coordinationKeyPrefix('main')).toBe('main:wecom-auth-coordination:');
  });
});

describe('the plugin’s Redis client options', () => {
  it('fail commands at once while disconnected, time out connecting, and reconnect forever with a bounded backoff', () => {
    const options = clientOptions({ url: 'redis://cache.internal:6380', socket: { tls: true } }, 'nocobase-wecom-auth');
    expect(options).toMatchObject({
      url: 'redis://cache.internal:6380',
      name: 'nocobase-wecom-auth',
      disableOfflineQueue: true,
      socket: { tls: true, connectTimeout: 2000 },
    });
    const reconnect = options.socket?.reconnectStrategy;
    if (typeof reconnect !== 'function') throw new Error('expected a reconnect strategy');
    const delays = [0, 1, 2, 5, 50, 1000].map((retries) => reconnect(retries, new Error('down')));
    expect(delays).toEqual([50, 100, 200, 1600, 2000, 2000]);
  });
});
