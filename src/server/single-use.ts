import { type Coordination, CoordinationError, type LockTiming } from './coordination/coordination';
import { SignInError } from './sign-in-error';
import type { RunExclusive } from './wecom/credential-cache';

/** Claims a key once: true for the first caller, false for every later one until the key expires. */
export type ClaimOnce = (key: string, ttlMs: number) => Promise<boolean>;

/** Counts events per key: `add` gives the count including this one, the first one starting the key's lifetime. */
export interface Tally {
  add(key: string, ttlMs: number): Promise<number>;
  read(key: string): Promise<number>;
}

/**
 * The locks of token and ticket fetches and of member links. A fetch with its retries at the default timeout takes
 * at most about 25 s (3 × 8 s and the pauses), so a live holder keeps the lock; a dead one blocks the others no
 * longer than that, and a waiter waits as long, as the lock has lapsed by then.
 */
export const LOCK_TIMING: LockTiming = { ttlMs: 30_000, waitMs: 30_000 };

/** What a sign-in is told when the cluster's shared store cannot answer for it. */
async function failClosed<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!(error instanceof CoordinationError)) throw error;
    throw new SignInError('SIGN_IN_UNAVAILABLE', { status: 503, cause: error });
  }
}

export interface SignInCoordination {
  /** Single use of sign-in states and pending links. */
  claimOnce: ClaimOnce;
  /** Password attempts per pending link. */
  tally: Tally;
  /** One holder at a time on every node: token and ticket fetches, links of one member. */
  runExclusive: RunExclusive;
}

/**
 * The cluster's coordination as sign-ins use it, failing closed: when Redis cannot answer, nothing is claimed, counted
 * or locked, and the sign-in ends with SIGN_IN_UNAVAILABLE (503), never with a second use of a state.
 */
export function signInCoordination(coordination: Coordination): SignInCoordination {
  return {
    claimOnce: (key, ttlMs) => failClosed(() => coordination.claimOnce(key, ttlMs)),
    tally: {
      add: (key, ttlMs) => failClosed(() => coordination.increment(key, ttlMs)),
      read: (key) => failClosed(() => coordination.count(key)),
    },
    runExclusive: (key, fn) => failClosed(() => coordination.withLock(key, LOCK_TIMING, fn)),
  };
}
