import type Application from '@nocobase/server';
import { type Coordination, coordinationOn } from './coordination';
import { createMemoryStore } from './memory-store';
import {
  CONNECT_TIMEOUT_MS,
  clientOptions,
  coordinationKeyPrefix,
  type RedisConnection,
  redisConnectionOf,
} from './redis-settings';
import { createRedisStore, type RedisCommands } from './redis-store';

/** The key of the plugin's connection among those NocoBase's Redis connection manager keeps. */
const CONNECTION_KEY = 'wecom-auth';

/** What a `redis` client says of its connection. */
interface ReadyClient {
  readonly isReady: boolean;
  once(event: 'ready', listener: () => void): unknown;
  off(event: 'ready', listener: () => void): unknown;
}

/** Resolves once `client` can take commands, or rejects after `timeoutMs`: while Redis is away, a caller waits no more. */
export async function whenReady<C extends ReadyClient>(client: C, timeoutMs: number): Promise<C> {
  if (client.isReady) return client;
  await new Promise<void>((resolve, reject) => {
    const onReady = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      reject(new Error(`not connected within ${timeoutMs} ms`));
    }, timeoutMs);
    client.once('ready', onReady);
  });
  return client;
}

/**
 * The plugin's one connection, from NocoBase's Redis connection manager, which connects it on first use and closes
 * it when the app stops. Looked up on every use, not kept: a reload replaces the manager and closes its connections.
 */
function connectionOf(app: Application, connection: RedisConnection): () => Promise<RedisCommands> {
  const options = clientOptions(connection, `nocobase-wecom-auth:${app.cacheManager.prefix ?? app.name}`);
  return async () => {
    const client = app.redisConnectionManager.getConnection(CONNECTION_KEY, options);
    if (!client) throw new Error('NocoBase has no Redis connection options');
    return whenReady(client, CONNECT_TIMEOUT_MS);
  };
}

/**
 * What this app's nodes share: Redis when NocoBase's cache settings name one (as every cluster's must), so an admin
 * configures nothing twice; otherwise this process's memory, which is right for one node and only for one.
 */
export function coordinationFor(app: Application): Coordination {
  const connection = redisConnectionOf(app.cacheManager.storeTypes);
  if (!connection) {
    app.log.info('WeCom sign-in keeps single use and locks in memory: NocoBase caches in memory, so one node only');
    return coordinationOn(createMemoryStore());
  }
  const keyPrefix = coordinationKeyPrefix(app.cacheManager.prefix ?? app.name);
  app.log.info('WeCom sign-in keeps single use and locks in the Redis of NocoBase’s cache', { keyPrefix });
  return coordinationOn(createRedisStore(connectionOf(app, connection), keyPrefix));
}
