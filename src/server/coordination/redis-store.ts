import { answerWithin } from '../answer-within';
import { type AtomicStore, CoordinationError, ttlOf } from './coordination';

/** The commands of a `redis` client used here. */
export interface RedisCommands {
  set(
    key: string,
    value: string,
    options: { condition: 'NX'; expiration: { type: 'PX'; value: number } },
  ): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  get(key: string): Promise<unknown>;
}

/** Only the holder, who alone knows the token, removes the lock. */
const DELETE_IF_EQUALS = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end return 0`;

/** The count and its lifetime in one step: a key never outlives its ttl, whoever crashes where. */
const INCREMENT = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n`;

/**
 * An answer Redis has not given in this long is a failure: what it guarded is refused, never assumed done. The
 * `redis` client's own command timeout ends when a command is sent, not answered.
 */
export const COMMAND_TIMEOUT_MS = 2000;

/**
 * Each operation is one Redis command: SET NX PX, or a Lua script, which Redis runs without interleaving. Scripts go
 * by EVAL, not by a cached EVALSHA as NocoBase's counter does: after a restart or a failover Redis has forgotten its
 * scripts, and EVALSHA would answer NOSCRIPT until this process restarts. Any failure of Redis, or of getting a
 * connection, is `CoordinationError('unavailable')`: a claim that cannot be made is never taken as made (one that
 * Redis made but answered too late is lost to its sign-in, which starts again; a lock so taken lapses at its ttl).
 */
export function createRedisStore(
  client: () => Promise<RedisCommands>,
  keyPrefix: string,
  commandTimeoutMs = COMMAND_TIMEOUT_MS,
): AtomicStore {
  const run = async <T>(key: string, command: (redis: RedisCommands, key: string) => Promise<T>): Promise<T> => {
    try {
      const redis = await client();
      return await answerWithin(commandTimeoutMs, command(redis, `${keyPrefix}${key}`));
    } catch (error) {
      throw new CoordinationError('unavailable', `Redis did not answer: ${(error as Error).message}`, { cause: error });
    }
  };
  return {
    setIfAbsent: (key, value, ttlMs) =>
      run(key, async (redis, name) => {
        const reply = await redis.set(name, value, {
          condition: 'NX',
          expiration: { type: 'PX', value: ttlOf(ttlMs) },
        });
        return reply === 'OK';
      }),
    deleteIfEquals: (key, value) =>
      run(key, async (redis, name) => {
        await redis.eval(DELETE_IF_EQUALS, { keys: [name], arguments: [value] });
      }),
    increment: (key, ttlMs) =>
      run(key, async (redis, name) =>
        Number(await redis.eval(INCREMENT, { keys: [name], arguments: [String(ttlOf(ttlMs))] })),
      ),
    count: (key) => run(key, async (redis, name) => Number((await redis.get(name)) ?? 0)),
  };
}
