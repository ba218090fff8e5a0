import { type AtomicStore, ttlOf } from './coordination';

interface Entry {
  value: string;
  expiresAt: number;
}

/** Expired entries are swept once the map has doubled since the last sweep, so it holds only what is live. */
const FIRST_SWEEP_AT = 1024;

/**
 * The store of a single node: one map in this process, every operation synchronous, so each is atomic as Redis's
 * are. It coordinates nothing across processes; the plugin uses it only where NocoBase's cache names no Redis.
 */
export function createMemoryStore(now: () => number = Date.now): AtomicStore {
  const entries = new Map<string, Entry>();
  let sweepAt = FIRST_SWEEP_AT;

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const put = (key: string, value: string, ttlMs: number): void => {
    entries.set(key, { value, expiresAt: now() + ttlOf(ttlMs) });
    if (entries.size < sweepAt) return;
    for (const [name, entry] of entries) if (entry.expiresAt <= now()) entries.delete(name);
    sweepAt = Math.max(FIRST_SWEEP_AT, entries.size * 2);
  };

  return {
    async setIfAbsent(key, value, ttlMs) {
      if (live(key)) return false;
      put(key, value, ttlMs);
      return true;
    },
    async deleteIfEquals(key, value) {
      if (live(key)?.value === value) entries.delete(key);
    },
    async increment(key, ttlMs) {
      const entry = live(key);
      if (!entry) {
        put(key, '1', ttlMs);
        return 1;
      }
      entry.value = String(Number(entry.value) + 1);
      return Number(entry.value);
    },
    async count(key) {
      return Number(live(key)?.value ?? 0);
    },
  };
}
