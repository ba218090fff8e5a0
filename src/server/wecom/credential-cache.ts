/** The part of NocoBase's `Cache` we use, so a Redis-backed cluster shares what one node fetched. */
export interface SharedCache {
  get<T>(key: string): Promise<T | undefined | null>;
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  del(key: string): Promise<void>;
}

/** Runs `fn` while no caller on any node of the cluster holds the same named lock. */
export type RunExclusive = <T>(key: string, fn: () => Promise<T>) => Promise<T>;

export interface Credential {
  value: string;
  /** Unix milliseconds after which the value is fetched anew, `RENEW_MARGIN_MS` before WeCom expires it. */
  renewAt: number;
}

export interface CredentialSource {
  cache: SharedCache;
  runExclusive: RunExclusive;
  now: () => number;
}

/** A cached credential is renewed this long before WeCom expires it, so no call made with it races the deadline. */
export const RENEW_MARGIN_MS = 5 * 60_000;

/**
 * When a credential fetched at `fetchedAt` is fetched anew, or null when it must not be cached at all.
 * WeCom hands out the same token again, with only what is left of its lifetime, until it expires. Caching such a
 * tail with a margin scaled to it would renew ever sooner and ever closer to the expiry, until WeCom answers
 * `expires_in: 0`; so a lifetime within the margin serves only the call that fetched it.
 */
export function renewAt(fetchedAt: number, lifetimeMs: number): number | null {
  return lifetimeMs > RENEW_MARGIN_MS ? fetchedAt + lifetimeMs - RENEW_MARGIN_MS : null;
}

/**
 * An access token or JS-SDK ticket, fetched at most once at a time across the cluster and shared through the cache.
 * WeCom rate-limits these fetches (gettoken 45009; tickets 400/hour per corp), so concurrent callers wait for the
 * one fetch in flight instead of starting their own: on this node by sharing its promise, on the others by the lock.
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

  /**
   * Forgets `staleValue` (after WeCom refused it); a newer value another caller already stored stays. Under the
   * fetch's lock, so that this read and delete cannot straddle another node's renewal and delete its new value.
   */
  async invalidate(staleValue: string): Promise<void> {
    await this.source.runExclusive(this.key, async () => {
      const current = await this.source.cache.get<Credential>(this.key);
      if (!current || current.value === staleValue) await this.source.cache.del(this.key);
    });
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
      // WeCom counts the lifetime from its answer, which comes after this: counting from here errs early.
      const fetchedAt = this.source.now();
      const fresh = await this.fetchFresh();
      const renewal = renewAt(fetchedAt, fresh.expiresInSeconds * 1000);
      if (renewal !== null) {
        const credential: Credential = { value: fresh.value, renewAt: renewal };
        // Kept only while it is served, and never with a ttl of 0, which NocoBase's cache reads as "forever".
        await this.source.cache.set(this.key, credential, renewal - fetchedAt);
      }
      return fresh.value;
    });
  }
}
