import type { Counter } from '@nocobase/cache';
import type Application from '@nocobase/server';

/** Claims a key once: true for the first caller, false for every later one until the key expires. */
export type ClaimOnce = (key: string, ttlMs: number) => Promise<boolean>;

/** Counts events per key: `add` gives the count including this one, the first one starting the key's lifetime. */
export interface Tally {
  add(key: string, ttlMs: number): Promise<number>;
  read(key: string): Promise<number>;
}

const COUNTER_NAME = 'wecom-auth-single-use';

/**
 * NocoBase's counter: an atomic INCR with expiry on Redis (so it holds across the nodes of a cluster), a
 * process-local map otherwise. Apart from the credentials cache, so nothing written here can evict a token. The
 * counter is looked up per cache manager, as a restart replaces it.
 */
export function tallyWith(app: Application): Tally {
  const counters = new WeakMap<object, Promise<Counter>>();
  const counter = (): Promise<Counter> => {
    const manager = app.cacheManager;
    let found = counters.get(manager);
    if (!found) {
      found = manager.createCounter({ name: COUNTER_NAME, prefix: COUNTER_NAME }, app.lockManager);
      counters.set(manager, found);
    }
    return found;
  };
  return {
    add: async (key, ttlMs) => (await counter()).incr(key, Math.max(1, Math.ceil(ttlMs))),
    read: async (key) => (await counter()).get(key),
  };
}

/** Single use on the tally: the first `add` of a key is its claim. */
export function claimOnceWith(tally: Tally): ClaimOnce {
  return async (key, ttlMs) => (await tally.add(key, ttlMs)) === 1;
}
