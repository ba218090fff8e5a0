/** The part of NocoBase's `Cache` we use, so a Redis-backed cluster shares what one node fetched. */
export interface SharedCache {
  get<T>(key: string): Promise<T | undefined | null>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  del(key: string): Promise<void>;
}

/** Runs `fn` while holding a named lock (NocoBase's lock manager; Redis-backed in a cluster). */
export type RunExclusive = <T>(key: string, fn: () => Promise<T>) => Promise<T>;

export interface Credential {
  value: string;
  /** Unix milliseconds after which the value is fetched anew, a little before WeCom says it expires. */
  renewAt: number;
}

export interface CredentialSource {
  cache: SharedCache;
  runExclusive: RunExclusive;
  now: () => number;
}

/** A credential is renewed this long (or a tenth of its lifetime) before it expires, so no call races the deadline. */
export const RENEW_MARGIN_MS = 5 * 60_000;

export function renewAt(fetchedAt: number, lifetimeMs: number): number {
  return fetchedAt + lifetimeMs - Math.min(RENEW_MARGIN_MS, lifetimeMs / 10);
}

/**
 * An access token or JS-SDK ticket, fetched at most once at a time and shared through the cache.
 * WeCom rate-limits these fetches (gettoken 45009; tickets 400/hour per corp), so concurrent callers
 * wait for the one fetch in flight instead of starting their own.
 */
export class CachedCredential {
  private inFlight: Promise<string> | null = null;

  constructor(
    private readonly source: CredentialSource,
    readonly key: string,
    private readonly fetchFresh: () => Promise<{ value: string; expiresInSeconds: number }>,
  ) {}

  async get(): Promise<string> {
    const cached = await this.readFresh();
    if (cached) return cached;
    this.inFlight ??= this.fetchOnce().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Forgets `staleValue` (after WeCom refused it); a newer value another caller already stored stays. */
  async invalidate(staleValue: string): Promise<void> {
    const current = await this.source.cache.get<Credential>(this.key);
    if (!current || current.value === staleValue) await this.source.cache.del(this.key);
  }

  private async readFresh(): Promise<string | null> {
    const cached = await this.source.cache.get<Credential>(this.key);
    return cached && cached.renewAt > this.source.now() ? cached.value : null;
  }

  private fetchOnce(): Promise<string> {
    return this.source.runExclusive(this.key, async () => {
      // Another node may have fetched while this one waited for the lock.
      const cached = await this.readFresh();
      if (cached) return cached;
      const fresh = await this.fetchFresh();
      const lifetimeMs = fresh.expiresInSeconds * 1000;
      const credential: Credential = { value: fresh.value, renewAt: renewAt(this.source.now(), lifetimeMs) };
      await this.source.cache.set(this.key, credential, lifetimeMs);
      return fresh.value;
    });
  }
}
