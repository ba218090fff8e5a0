import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/** How long a lock may be held and how long a caller waits for it. */
export interface LockTiming {
  /**
   * The lock lapses this long after it was taken, released or not: a node that died holding it blocks the others no
   * longer than this. Longer than the work it guards, or a second holder may start while the first still works.
   */
  ttlMs: number;
  /** Given up after this long; at least `ttlMs`, so a dead holder's lock lapses before anyone gives up on it. */
  waitMs: number;
}

export type CoordinationFailure =
  /** The shared store did not answer (Redis down, unreachable or too slow). */
  | 'unavailable'
  /** Another holder kept the lock for all of `waitMs`. */
  | 'lock-timeout';

export class CoordinationError extends Error {
  override readonly name = 'CoordinationError';

  constructor(
    readonly reason: CoordinationFailure,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/**
 * What the nodes of a cluster must agree on: Redis when NocoBase's cache settings name one, this process's memory on
 * a single node. Every operation either answers for the whole cluster or throws `CoordinationError`; none guesses.
 */
export interface Coordination {
  /** Runs `fn` while no other caller on any node holds `key`. */
  withLock<T>(key: string, timing: LockTiming, fn: () => Promise<T>): Promise<T>;
  /** True for the first caller of `key`, false for every later one until `ttlMs` after that first call. */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  /** Adds one to `key`'s count and answers the count with it; the first one starts the count's `ttlMs`. */
  increment(key: string, ttlMs: number): Promise<number>;
  count(key: string): Promise<number>;
}

/** The atomic operations a shared store provides, each one step for the store, from which `Coordination` is built. */
export interface AtomicStore {
  /** Sets `key` to `value` for `ttlMs` unless it is set: true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes `key` only while it holds `value`. */
  deleteIfEquals(key: string, value: string): Promise<void>;
  /** Adds one, starting at 1 with a lifetime of `ttlMs`; answers the new count. */
  increment(key: string, ttlMs: number): Promise<number>;
  /** The count `increment` left, 0 when none is live. */
  count(key: string): Promise<number>;
}

/** The first waiter polls this soon; each wait doubles, up to `MAX_POLL_MS`. */
const FIRST_POLL_MS = 5;
const MAX_POLL_MS = 100;

export interface LockClock {
  now: () => number;
  sleep: (ms: number) => Promise<unknown>;
}

const realClock: LockClock = { now: () => performance.now(), sleep: (ms) => sleep(ms) };

/**
 * `Coordination` on a store. A lock is `setIfAbsent(key, token, ttl)` with a token only its holder knows, released
 * with `deleteIfEquals`, so a holder whose lock lapsed cannot release the next holder's. Waiters poll with a growing,
 * jittered pause (no thundering herd) until `waitMs` is over. Locks, claims and counts live in separate namespaces.
 */
export function coordinationOn(store: AtomicStore, clock: LockClock = realClock): Coordination {
  return {
    async withLock(key, timing, fn) {
      const lockKey = `lock:${key}`;
      const token = randomBytes(16).toString('hex');
      const deadline = clock.now() + timing.waitMs;
      for (let pause = FIRST_POLL_MS; !(await store.setIfAbsent(lockKey, token, timing.ttlMs)); ) {
        const left = deadline - clock.now();
        if (left <= 0) throw new CoordinationError('lock-timeout', `lock ${key} was held for ${timing.waitMs} ms`);
        await clock.sleep(Math.min(left, pause * (0.5 + Math.random())));
        pause = Math.min(MAX_POLL_MS, pause * 2);
      }
      try {
        return await fn();
      } finally {
        // A release that does not reach the store leaves the lock to lapse at its ttl, which is what the ttl is for;
        // it must not turn the work done under the lock into a failure.
        await store.deleteIfEquals(lockKey, token).catch(() => undefined);
      }
    },
    claimOnce: (key, ttlMs) => store.setIfAbsent(`once:${key}`, '1', ttlMs),
    increment: (key, ttlMs) => store.increment(`count:${key}`, ttlMs),
    count: (key) => store.count(`count:${key}`),
  };
}

/** A positive whole number of milliseconds, as Redis's PX takes it; a lifetime of 0 would mean "forever" to some. */
export function ttlOf(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs));
}
