export type Lookup<V> = { status: 'missing' } | { status: 'expired'; value: V } | { status: 'valid'; value: V };

interface Entry<V> {
  value: V;
  expiresAtMs: number;
}

/** Above this many entries, inserts first drop those long expired, so benchmarks cannot grow it forever. */
const SWEEP_THRESHOLD = 10_000;
/** Expired entries are kept this long so callers can tell "expired" (e.g. 42001) from "unknown" (40014). */
const EXPIRED_RETENTION_MS = 24 * 60 * 60 * 1000;

/** A map whose entries expire at a time given by the caller's clock (the sandbox clock, offset included). */
export class ExpiringStore<V> {
  readonly #entries = new Map<string, Entry<V>>();

  set(key: string, value: V, expiresAtMs: number, nowMs: number): void {
    if (this.#entries.size >= SWEEP_THRESHOLD) {
      this.#sweep(nowMs);
    }
    this.#entries.set(key, { value, expiresAtMs });
  }

  get(key: string, nowMs: number): Lookup<V> {
    const entry = this.#entries.get(key);
    if (!entry) {
      return { status: 'missing' };
    }
    return nowMs >= entry.expiresAtMs
      ? { status: 'expired', value: entry.value }
      : { status: 'valid', value: entry.value };
  }

  /** The remaining lifetime of a valid entry, in whole seconds. */
  remainingSeconds(key: string, nowMs: number): number {
    const entry = this.#entries.get(key);
    return entry ? Math.max(0, Math.floor((entry.expiresAtMs - nowMs) / 1000)) : 0;
  }

  /** Finds a still-valid entry by its value, e.g. the current token of one app. */
  findValid(predicate: (value: V) => boolean, nowMs: number): { key: string; value: V } | undefined {
    for (const [key, entry] of this.#entries) {
      if (nowMs < entry.expiresAtMs && predicate(entry.value)) {
        return { key, value: entry.value };
      }
    }
    return undefined;
  }

  /** Every entry still held, expired ones included (until swept), with its status on the given clock. */
  *entries(nowMs: number): Generator<{ key: string; value: V; status: 'valid' | 'expired' }> {
    for (const [key, entry] of this.#entries) {
      yield { key, value: entry.value, status: nowMs < entry.expiresAtMs ? 'valid' : 'expired' };
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  #sweep(nowMs: number): void {
    for (const [key, entry] of this.#entries) {
      if (nowMs - entry.expiresAtMs > EXPIRED_RETENTION_MS) {
        this.#entries.delete(key);
      }
    }
  }
}
