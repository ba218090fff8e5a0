import type Application from '@nocobase/server';
import { z } from 'zod';

/**
 * The connection part of NocoBase's `redis` cache store (`cacheManager.stores.redis`, from `CACHE_REDIS_URL` or
 * `REDIS_URL`): the options `createClient` takes. Only these; the store's other keys are the cache's own.
 */
const connectionSchema = z.object({
  url: z.string().min(1).optional(),
  socket: z.record(z.string(), z.unknown()).optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  database: z.number().int().nonnegative().optional(),
});

export type RedisConnection = z.output<typeof connectionSchema>;

/** Where the plugin's keys live in Redis: apart from the caches, under the prefix NocoBase gives this app's keys. */
export function coordinationKeyPrefix(cachePrefix: string): string {
  return `${cachePrefix}:wecom-auth-coordination:`;
}

/**
 * The Redis of NocoBase's cache settings, or null when they name none (a single node, caching in memory). NocoBase
 * registers a `redis` store type even without a server; it names one when it has a URL or socket.
 */
export function redisConnectionOf(storeTypes: ReadonlyMap<string, unknown>): RedisConnection | null {
  const parsed = connectionSchema.safeParse(storeTypes.get('redis'));
  if (!parsed.success || (!parsed.data.url && !parsed.data.socket)) return null;
  return parsed.data;
}

/** Gives up connecting, or waiting for a reconnection, after this long: a sign-in fails soon rather than hangs. */
export const CONNECT_TIMEOUT_MS = 2000;
const MAX_RECONNECT_DELAY_MS = 2000;

/**
 * The plugin's client options over the cache's connection. Commands fail at once while disconnected (no offline
 * queue: a claim must not wait unseen and land later), and reconnection backs off to every 2 s and never gives up,
 * so the client recovers by itself when Redis is back. The name shows in `CLIENT LIST`.
 */
export function clientOptions(connection: RedisConnection, name: string): RedisClientConfig {
  return {
    ...connection,
    name,
    disableOfflineQueue: true,
    socket: {
      // The cache store's socket options, handed to `createClient` as NocoBase hands them to its own store.
      ...(connection.socket as RedisClientConfig['socket']),
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number): number => Math.min(MAX_RECONNECT_DELAY_MS, 50 * 2 ** retries),
    },
  };
}

/** What NocoBase's Redis connection manager creates a client from. */
export type RedisClientConfig = NonNullable<Parameters<Application['redisConnectionManager']['getConnection']>[1]>;
