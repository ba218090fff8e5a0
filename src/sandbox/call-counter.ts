/** Calls per WeCom path, so tests can assert that a client caches (e.g. one gettoken for many logins). */
export class CallCounter {
  readonly #counts = new Map<string, number>();

  record(path: string): void {
    this.#counts.set(path, (this.#counts.get(path) ?? 0) + 1);
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }

  clear(): void {
    this.#counts.clear();
  }
}
